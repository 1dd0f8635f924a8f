export default definePageConfig({ navigationBarTitleText: '团长审核' })
