export default definePageConfig({
  navigationBarTitleText: '收支详情',
})
