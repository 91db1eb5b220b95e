export default definePageConfig({ navigationBarTitleText: '明白账' })
