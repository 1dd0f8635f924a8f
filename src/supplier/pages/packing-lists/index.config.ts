export default definePageConfig({ navigationBarTitleText: '分拣单', enablePullDownRefresh: true })
