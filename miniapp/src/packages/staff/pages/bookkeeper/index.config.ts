export default definePageConfig({ navigationBarTitleText: '报账员' })
