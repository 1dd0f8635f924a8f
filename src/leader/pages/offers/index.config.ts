export default definePageConfig({ navigationBarTitleText: '帮卖货源', enablePullDownRefresh: true })
