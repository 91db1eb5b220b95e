export default definePageConfig({ navigationBarTitleText: '监督看板', enablePullDownRefresh: true })
