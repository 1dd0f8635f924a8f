/** The functional core: pure rules shared by the app and the server. No Taro, no I/O, no clock. */
export * from './money'
export * from './tiers'
export * from './settlement'
export * from './lifecycle'
export * from './limits'
export * from './geo'
export * from './time'
export * from './people'
