export default definePageConfig({
  navigationBarTitleText: '举报受理',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
})
