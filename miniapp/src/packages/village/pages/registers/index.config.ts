export default definePageConfig({ navigationBarTitleText: '集体资产' })
