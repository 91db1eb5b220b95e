export default definePageConfig({ navigationBarTitleText: '查询举报进度' })
