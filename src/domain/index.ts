/** The functional core: pure rules shared by the app and the server. No Taro, no I/O, no clock. */
export * from './money'
export * from './tiers'
export * from './settlement'
export * from './lifecycle'
export * from './limits'
export * from './geo'
export * from './time'
export * from './people'
export * from './deal-input'
export * from './invite'
export * from './join'
export * from './deal-display'
// no-show grace period, proxy pickup
export * from './pickup'
// the window, the refund ceiling, a request's moves
export * from './after-sales'
