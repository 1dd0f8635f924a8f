export default definePageConfig({ navigationBarTitleText: '审核团长申请' })
