export default definePageConfig({ navigationBarTitleText: '送货', enablePullDownRefresh: true })
