export default definePageConfig({ navigationBarTitleText: '登记资产' })
