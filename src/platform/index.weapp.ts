export const defaultApiBase = 'http://localhost:3000'

/** WeChat's sockets need wss:// to a registered domain in production, as its requests need https://. */
export function socketOrigin(apiBase: string): string {
  return apiBase.replace(/^http/, 'ws')
}
export const locationType = 'gcj02'
export const asksSubscriptionConsent = true
export const paysWithWeChat = true

// the share button's openType='share' has already opened WeChat's sheet
export const shareLink = async (): Promise<'none'> => 'none'

export const photoLoading = (priority: boolean): { lazyLoad: boolean } => ({ lazyLoad: !priority })

export const imageLabel = (label: string): { ariaLabel: string } => ({ ariaLabel: label })
