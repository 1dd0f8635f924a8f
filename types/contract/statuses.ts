/**
 * The contract's statuses and kinds as plain `as const` objects (values the app uses at run time).
 * No TypeBox here: the app imports these through types/api.ts into the weapp main package.
 */

export const DealStatus = {
  draft: 'draft',
  open: 'open',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  completed: 'completed',
} as const
export type DealStatus = (typeof DealStatus)[keyof typeof DealStatus]

export const OrderStatus = {
  pendingPayment: 'pending_payment',
  paid: 'paid',
  confirmed: 'confirmed',
  ready: 'ready',
  pickedUp: 'picked_up',
  cancelled: 'cancelled',
  refunded: 'refunded',
  expired: 'expired',
} as const
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus]

export const TierBasis = { people: 'people', units: 'units' } as const
export type TierBasis = (typeof TierBasis)[keyof typeof TierBasis]

export const Role = { shopper: 'shopper', leader: 'leader', admin: 'admin' } as const
export type Role = (typeof Role)[keyof typeof Role]

export const LeaderApplicationStatus = { pending: 'pending', approved: 'approved', rejected: 'rejected' } as const
export type LeaderApplicationStatus = (typeof LeaderApplicationStatus)[keyof typeof LeaderApplicationStatus]

/** What shoppers are told about (in-app, and as WeChat subscription messages with consent). */
export const MessageKind = {
  dealSucceeded: 'deal_succeeded',
  dealFailed: 'deal_failed',
  goodsArrived: 'goods_arrived',
  pickupReminder: 'pickup_reminder',
} as const
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind]

/** Why money went back to a shopper. */
export const RefundReason = {
  priceDifference: 'price_difference',
  dealFailed: 'deal_failed',
  dealCancelled: 'deal_cancelled',
  orderCancelled: 'order_cancelled',
} as const
export type RefundReason = (typeof RefundReason)[keyof typeof RefundReason]

export const PaymentProvider = { sandbox: 'sandbox', wechatpay: 'wechatpay' } as const
export type PaymentProvider = (typeof PaymentProvider)[keyof typeof PaymentProvider]
