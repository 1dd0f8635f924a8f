export default definePageConfig({ navigationBarTitleText: '开团' })
