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
// Rules only the consoles and the server use are imported by their own path, so the shoppers'
// main package does not carry them (a module shared with a subpackage lands in the main package):
// './payouts' (withdrawals), './route' (the delivery route), './shortage' (who loses units when a
// point is short), './ledger' (supplier price, commission reversal, a wallet's parts),
// './reconciliation' (the daily statement).
