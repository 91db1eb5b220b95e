export default definePageConfig({
  navigationBarTitleText: '集体资产',
  enablePullDownRefresh: true,
  onReachBottomDistance: 200,
})
