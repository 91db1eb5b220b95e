export default definePageConfig({ navigationBarTitleText: '合同台账', onReachBottomDistance: 200 })
