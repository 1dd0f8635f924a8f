export default definePageConfig({ navigationBarTitleText: '配货单', enablePullDownRefresh: true })
