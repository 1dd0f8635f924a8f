export default definePageConfig({
  navigationBarTitleText: '邻里团 · 今日团购',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
})
