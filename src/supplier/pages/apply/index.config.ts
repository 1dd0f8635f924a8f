export default definePageConfig({ navigationBarTitleText: '申请成为供货商' })
