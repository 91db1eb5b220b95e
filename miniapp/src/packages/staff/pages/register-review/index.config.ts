export default definePageConfig({ navigationBarTitleText: '台账审核' })
