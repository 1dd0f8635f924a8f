// What the shopper app does differently in WeChat and in a browser. Taro's build picks
// index.weapp.ts or index.h5.ts for `@/platform`; this file is the shape both give (tsc reads it).

/** Where the API is when .env sets no TARO_APP_API_BASE: '' is the origin that served the H5 app; WeChat needs an absolute URL. */
export declare const defaultApiBase: string

/** The origin live pages open their WebSocket on: the API base as ws(s)://, or (H5, same origin) this page's host. */
export declare function socketOrigin(apiBase: string): string

/** The coordinate system Taro.getLocation answers in: WeChat gives the map's gcj02, a browser only wgs84. */
export declare const locationType: 'gcj02' | 'wgs84'

/** WeChat's one-time subscription messages exist only inside WeChat. */
export declare const asksSubscriptionConsent: boolean

/** A WeChat build pays with WeChat Pay; H5 only has the sandbox. */
export declare const paysWithWeChat: boolean

/**
 * Shares a link to a page of the app. In WeChat the share button's openType='share' opens WeChat's
 * own sheet, so this does nothing ('none'); a browser uses the system share sheet or, failing
 * that, copies title and link ('copied', for the page to say so).
 */
export declare function shareLink(title: string, path: string): Promise<'shared' | 'copied' | 'none'>

/**
 * How a product photo loads. H5: the browser's own lazy loading (Taro's lazyLoad waits for a script
 * to see the picture before it even asks for it) and, for the first picture on screen, fetchpriority
 * high; an empty alt, the product's name being written beside it. WeChat: its own lazyLoad.
 */
export declare function photoLoading(priority: boolean): { lazyLoad: boolean; nativeProps?: Record<string, string> }

/** A picture that says something (the pickup code), named for screen readers on both platforms. */
export declare function imageLabel(label: string): { role?: string; ariaLabel: string; nativeProps?: Record<string, string> }
