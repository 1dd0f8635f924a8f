export default definePageConfig({
  navigationBarTitleText: '团长后台',
  enablePullDownRefresh: true,
})
