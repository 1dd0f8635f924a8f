import Taro from '@tarojs/taro'

export const defaultApiBase = ''

export function socketOrigin(apiBase: string): string {
  if (apiBase) return apiBase.replace(/^http/, 'ws')
  return `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}`
}
export const locationType = 'wgs84'
export const asksSubscriptionConsent = false
export const paysWithWeChat = false

export async function shareLink(title: string, path: string): Promise<'shared' | 'copied'> {
  const url = `${window.location.origin}${path}`
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({ title, url })
      return 'shared'
    } catch {
      // cancelled or refused: fall back to copying
    }
  }
  await Taro.setClipboardData({ data: `${title} ${url}` })
  return 'copied'
}

export function photoLoading(priority: boolean): { lazyLoad: boolean; nativeProps: Record<string, string> } {
  return {
    lazyLoad: false,
    nativeProps: { alt: '', loading: priority ? 'eager' : 'lazy', fetchpriority: priority ? 'high' : 'auto', decoding: 'async' },
  }
}

// Taro's <taro-image-core> wrapper is the named picture (an aria-label needs a role); the <img> inside is its drawing
export const imageLabel = (label: string): { role: string; ariaLabel: string; nativeProps: Record<string, string> } => ({
  role: 'img',
  ariaLabel: label,
  nativeProps: { alt: '' },
})
