export default definePageConfig({ navigationBarTitleText: '团长与供货商' })
