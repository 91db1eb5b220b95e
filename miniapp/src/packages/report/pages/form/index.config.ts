export default definePageConfig({ navigationBarTitleText: '我要举报' })
