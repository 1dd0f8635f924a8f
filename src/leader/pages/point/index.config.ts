export default definePageConfig({ navigationBarTitleText: '自提点' })
