export default definePageConfig({
  navigationBarTitleText: '订单详情',
  // the proxy pickup (代取) share card
  enableShareAppMessage: true,
})
