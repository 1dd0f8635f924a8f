export default definePageConfig({ navigationBarTitleText: '供货团看板', enablePullDownRefresh: true })
