/** The contract's schemas (TypeBox). Server only: the app takes the types through ../api.ts. */
export * from './kit'
export * from './statuses'
export * from './users'
export * from './pickup-points'
export * from './deals'
export * from './orders'
export * from './order-timeline'
export * from './wxacode'
export * from './messages'
export * from './leader'
export * from './leader-applications'
export * from './live'
// PICKUPS
export * from './pickups'
// AFTERSALES
export * from './after-sales'
// BASKET
export * from './basket'
