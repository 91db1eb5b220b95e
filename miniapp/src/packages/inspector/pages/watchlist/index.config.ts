export default definePageConfig({ navigationBarTitleText: '比对名单', enablePullDownRefresh: true, onReachBottomDistance: 200 })
