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
// withdrawals (提现): may one be asked for, and a payout's moves
export * from './payouts'
// after cutoff: the delivery route, and who loses units when a point is short
export * from './route'
export * from './shortage'
// the ledger: supplier unit price, commission reversal, a wallet's held and withdrawable parts
export * from './ledger'
