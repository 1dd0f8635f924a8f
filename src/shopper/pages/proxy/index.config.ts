export default definePageConfig({ navigationBarTitleText: '邻居代取' })
