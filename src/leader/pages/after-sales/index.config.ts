export default definePageConfig({ navigationBarTitleText: '售后处理' })
