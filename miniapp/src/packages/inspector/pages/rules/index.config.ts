export default definePageConfig({ navigationBarTitleText: '预警规则', enablePullDownRefresh: true })
