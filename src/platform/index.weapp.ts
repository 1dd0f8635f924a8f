export const defaultApiBase = 'http://localhost:3000'
export const locationType = 'gcj02'
export const asksSubscriptionConsent = true
export const paysWithWeChat = true

// the share button's openType='share' has already opened WeChat's sheet
export const shareLink = async (): Promise<'none'> => 'none'
