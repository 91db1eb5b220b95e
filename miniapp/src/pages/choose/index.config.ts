export default definePageConfig({
  navigationBarTitleText: '选择村庄',
})
