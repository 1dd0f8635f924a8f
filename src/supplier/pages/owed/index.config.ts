export default definePageConfig({ navigationBarTitleText: '应收货款', enablePullDownRefresh: true })
