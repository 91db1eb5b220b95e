export default definePageConfig({ navigationBarTitleText: '资产台账', onReachBottomDistance: 200 })
