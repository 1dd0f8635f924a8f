export default definePageConfig({
  navigationBarTitleText: '附近自提点',
})
