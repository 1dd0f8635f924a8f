export default definePageConfig({ navigationBarTitleText: '发布供货团' })
