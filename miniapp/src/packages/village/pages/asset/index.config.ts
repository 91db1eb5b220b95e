export default definePageConfig({ navigationBarTitleText: '资产详情' })
