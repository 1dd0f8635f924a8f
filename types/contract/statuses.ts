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
  /** never collected by the end of the pickup window's grace period */
  unclaimed: 'unclaimed',
} as const
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus]

export const TierBasis = { people: 'people', units: 'units' } as const
export type TierBasis = (typeof TierBasis)[keyof typeof TierBasis]

export const Role = { shopper: 'shopper', leader: 'leader', supplier: 'supplier', admin: 'admin' } as const
export type Role = (typeof Role)[keyof typeof Role]

export const LeaderApplicationStatus = { pending: 'pending', approved: 'approved', rejected: 'rejected' } as const
export type LeaderApplicationStatus = (typeof LeaderApplicationStatus)[keyof typeof LeaderApplicationStatus]

/** What shoppers are told about (in-app, and as WeChat subscription messages with consent). */
export const MessageKind = {
  dealSucceeded: 'deal_succeeded',
  dealFailed: 'deal_failed',
  goodsArrived: 'goods_arrived',
  pickupReminder: 'pickup_reminder',
  // the window closed, codes still work for the grace period; then unclaimed
  graceReminder: 'pickup_grace_reminder',
  orderUnclaimed: 'order_unclaimed',
  // each step of a request (to the shopper; a new request and an escalation also to the leader)
  afterSalesRequested: 'after_sales_requested',
  afterSalesApproved: 'after_sales_approved',
  afterSalesRefused: 'after_sales_refused',
  afterSalesEscalated: 'after_sales_escalated',
  afterSalesDecided: 'after_sales_decided',
  // an admin's answer to a leader application (in-app only; no deal, no order)
  leaderApproved: 'leader_application_approved',
  leaderRejected: 'leader_application_rejected',
  // a supplier application's answer (in-app only)
  supplierApproved: 'supplier_application_approved',
  supplierRejected: 'supplier_application_rejected',
  // some of the order's units did not arrive (or arrived spoiled): refunded
  shortageRefunded: 'shortage_refunded',
  // a payout's outcome, to the leader or supplier who asked for it
  payoutSucceeded: 'payout_succeeded',
  payoutFailed: 'payout_failed',
} as const
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind]

/** Why money went back to a shopper. */
export const RefundReason = {
  priceDifference: 'price_difference',
  dealFailed: 'deal_failed',
  dealCancelled: 'deal_cancelled',
  orderCancelled: 'order_cancelled',
  /** the leader refunded an order never collected */
  noShow: 'no_show',
  /** a request the leader (or the operator on escalation) approved; one refund per request */
  afterSales: 'after_sales',
  /** units that never arrived at the point, or arrived spoiled (recorded on receipt) */
  shortage: 'shortage',
} as const
export type RefundReason = (typeof RefundReason)[keyof typeof RefundReason]

export const PaymentProvider = { sandbox: 'sandbox', wechatpay: 'wechatpay' } as const
export type PaymentProvider = (typeof PaymentProvider)[keyof typeof PaymentProvider]

// Proxy pickup and pickup staff ------------------------------------------------------------

/** Who handed a code over at the counter: the order's owner or the neighbour it was delegated to. */
export const CollectedBy = { owner: 'owner', delegate: 'delegate' } as const
export type CollectedBy = (typeof CollectedBy)[keyof typeof CollectedBy]

/** A proxy pickup (代取) link's life: made, taken by a neighbour, withdrawn by the owner, or spent. */
export const DelegationStatus = { open: 'open', accepted: 'accepted', revoked: 'revoked', used: 'used' } as const
export type DelegationStatus = (typeof DelegationStatus)[keyof typeof DelegationStatus]

// The order timeline ----------------------------------------------------------------------

/** A refund's life at the payment provider (the refunds table's status; the order page shows it). */
export const RefundStatus = {
  pending: 'pending',
  processing: 'processing',
  succeeded: 'succeeded',
  abnormal: 'abnormal',
  closed: 'closed',
} as const
export type RefundStatus = (typeof RefundStatus)[keyof typeof RefundStatus]

/**
 * One step on an order's timeline (`timeline` on GET /orders/:id, collected in
 * server/features/orders/order-timeline.ts). Other features add their kinds below with one line each.
 */
export const TimelineKind = {
  placed: 'placed',
  paid: 'paid',
  /** the deal succeeded: the final unit price, and the difference coming back */
  settled: 'settled',
  arrived: 'arrived',
  /** collected at the counter, by the owner or a delegate */
  pickedUp: 'picked_up',
  refund: 'refund',
  expired: 'expired',
  cancelled: 'cancelled',
  // a request's steps (asked, answered, escalated, decided; its refund is a `refund` step)
  afterSalesAsked: 'after_sales_asked',
  afterSalesAnswered: 'after_sales_answered',
  afterSalesEscalated: 'after_sales_escalated',
  afterSalesDecided: 'after_sales_decided',
  // the grace period ended with the goods still there; handed out late by the leader (with a note)
  unclaimed: 'unclaimed',
  latePickup: 'late_pickup',
} as const
export type TimelineKind = (typeof TimelineKind)[keyof typeof TimelineKind]

// After-sales (售后, 仅退款) ---------------------------------------------------------------------

/**
 * An after-sales request's life (moves in src/domain/after-sales.ts): asked; the leader approves in
 * full or in part, or refuses; a refusal may be escalated once; the operator's decision is final.
 */
export const AfterSalesStatus = {
  requested: 'requested',
  approved: 'approved',
  partiallyApproved: 'partially_approved',
  refused: 'refused',
  escalated: 'escalated',
  /** the operator decided an escalation (a refund, or the refusal upheld): final */
  decided: 'decided',
} as const
export type AfterSalesStatus = (typeof AfterSalesStatus)[keyof typeof AfterSalesStatus]

/** Why fresh produce comes back (refund only: nothing is returned). */
export const AfterSalesReason = {
  spoiled: 'spoiled',
  shortWeight: 'short_weight',
  wrongItem: 'wrong_item',
  missing: 'missing',
} as const
export type AfterSalesReason = (typeof AfterSalesReason)[keyof typeof AfterSalesReason]

/** The operator's decision on an escalation. */
export const AfterSalesDecision = { refund: 'refund', uphold: 'uphold' } as const
export type AfterSalesDecision = (typeof AfterSalesDecision)[keyof typeof AfterSalesDecision]

/** A step on a request's timeline. */
export const AfterSalesStep = {
  asked: 'asked',
  /** the leader approved (in full or part) or refused */
  answered: 'answered',
  escalated: 'escalated',
  decided: 'decided',
  /** the approved amount is owed back through the payment provider */
  refunded: 'refunded',
} as const
export type AfterSalesStep = (typeof AfterSalesStep)[keyof typeof AfterSalesStep]

// Suppliers (供货商) and help-selling (帮卖) ----------------------------------------------------------

/** A supplier's standing: asked, approved (may open deals), refused, or suspended by the operator. */
export const SupplierStatus = { pending: 'pending', approved: 'approved', rejected: 'rejected', suspended: 'suspended' } as const
export type SupplierStatus = (typeof SupplierStatus)[keyof typeof SupplierStatus]

/** The most commission a supplier may offer help-selling leaders: 30%, in basis points (the contract's and the domain's one number). */
export const SUPPLIER_COMMISSION_MAX_BPS = 3000

// Money: the ledger, payouts (提现), reconciliation (对账) -------------------------------------------------

/** What a ledger transaction records (every one a pair of entries between two accounts). */
export const LedgerKind = {
  /** a shopper's payment arrived: shoppers -> platform */
  payment: 'payment',
  /** money owed back to a shopper: platform -> shoppers */
  refund: 'refund',
  /** a leader's commission on a picked-up order: platform -> leader */
  commission: 'commission',
  /** commission taken back (a refund on a picked-up order): leader -> platform */
  commissionReversal: 'commission_reversal',
  /** what a supplier is owed for units delivered: platform -> supplier */
  supplierPayable: 'supplier_payable',
  /** a withdrawal asked for: leader/supplier -> payouts (in flight) */
  payoutRequested: 'payout_requested',
  /** the transfer went out: payouts -> provider */
  payoutSent: 'payout_sent',
  /** refused, failed or cancelled: payouts -> leader/supplier */
  payoutReturned: 'payout_returned',
} as const
export type LedgerKind = (typeof LedgerKind)[keyof typeof LedgerKind]

/** Whose money an account is. */
export const LedgerAccountKind = {
  shoppers: 'shoppers',
  platform: 'platform',
  provider: 'provider',
  payouts: 'payouts',
  leader: 'leader',
  supplier: 'supplier',
} as const
export type LedgerAccountKind = (typeof LedgerAccountKind)[keyof typeof LedgerAccountKind]

/**
 * A payout's life: asked, then the operator approves (it is sent) or refuses (money back to the
 * balance); WeChat's merchant transfer may wait for the user's confirmation in the mini-program;
 * it ends paid, failed or cancelled (money back to the balance).
 */
export const PayoutStatus = {
  requested: 'requested',
  refused: 'refused',
  /** approved: being handed to the provider (retried safely by its bill number) */
  sending: 'sending',
  /** WeChat: the recipient must confirm in the mini-program (Taro.requestMerchantTransfer) */
  waitUserConfirm: 'wait_user_confirm',
  /** the provider accepted it and is transferring */
  transferring: 'transferring',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
} as const
export type PayoutStatus = (typeof PayoutStatus)[keyof typeof PayoutStatus]
