export default definePageConfig({ navigationBarTitleText: '比对名单' })
