export default definePageConfig({ navigationBarTitleText: '供货商工作台', enablePullDownRefresh: true })
