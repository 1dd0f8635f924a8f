export default definePageConfig({ navigationBarTitleText: '申请团长' })
