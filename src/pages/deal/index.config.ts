export default definePageConfig({
  navigationBarTitleText: '团购详情',
  enableShareAppMessage: true,
  // pull down to read the deal again (it also moves by itself while the live socket is open)
  enablePullDownRefresh: true,
})
