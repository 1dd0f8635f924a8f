export default definePageConfig({ navigationBarTitleText: '团购看板', enablePullDownRefresh: true, enableShareAppMessage: true })
