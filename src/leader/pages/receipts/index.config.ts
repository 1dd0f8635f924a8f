export default definePageConfig({ navigationBarTitleText: '收货确认', enablePullDownRefresh: true })
