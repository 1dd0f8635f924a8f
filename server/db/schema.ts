import type { Generated } from 'kysely'
import type {
  DealStatus,
  LeaderApplicationStatus,
  MessageKind,
  OrderStatus,
  PaymentProvider,
  RefundReason,
  TierBasis,
} from '../../types/contract/statuses'

/** A payment row's life: taken (succeeded), given up (closed), or money that came back late and goes out again. */
export const PaymentStatus = {
  pending: 'pending',
  succeeded: 'succeeded',
  closed: 'closed',
  /** paid for an order that can no longer take it (expired or cancelled meanwhile) */
  rejected: 'rejected',
  /** a second payment for an order already paid */
  duplicate: 'duplicate',
  refundDue: 'refund_due',
  refunding: 'refunding',
  refunded: 'refunded',
  refundAbnormal: 'refund_abnormal',
} as const
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus]

export const RefundStatus = {
  pending: 'pending',
  processing: 'processing',
  succeeded: 'succeeded',
  abnormal: 'abnormal',
  closed: 'closed',
} as const
export type RefundStatus = (typeof RefundStatus)[keyof typeof RefundStatus]

export const OutboxStatus = { pending: 'pending', sent: 'sent', skipped: 'skipped', failed: 'failed' } as const
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus]

/**
 * Row types of every table. Instants are ISO-8601 UTC text (Date#toISOString) in both SQLite and
 * PostgreSQL, so they compare correctly as strings; money is integer fen; JSON columns are text.
 */
export interface UsersTable {
  id: string
  handle: string | null
  openid: string | null
  unionid: string | null
  nickname: string
  avatar_url: string | null
  phone: string | null
  /** comma-separated roles, e.g. "shopper,leader" */
  roles: string
  commission_bps: number | null
  created_at: string
  /** WeChat's session key from the last login; never sent to any client */
  wechat_session_key?: string | null
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  created_at: string
  expires_at: string
}

export interface PickupPointsTable {
  id: string
  leader_id: string
  name: string
  address: string
  lat: number
  lng: number
  hours: string
  contact: string
  created_at: string
  updated_at: string
}

export interface DealsTable {
  id: string
  leader_id: string
  status: DealStatus
  title: string
  product_name: string
  product_spec: string
  product_description: string
  /** JSON array of image URLs */
  product_images: string
  product_category: string
  list_price_fen: number
  tier_basis: TierBasis
  /** JSON array of { threshold, unitPriceFen } */
  tiers: string
  min_to_succeed: number
  stock_units: number | null
  per_user_limit: number | null
  /** units held by active orders (pending payment included): the stock check's conditional update */
  active_units: number
  /** distinct shoppers holding active orders: the people count */
  participant_count: number
  cutoff_at: string
  pickup_start: string
  pickup_end: string
  created_at: string
  updated_at: string
  published_at: string | null
  settled_at: string | null
  final_unit_price_fen: number | null
  completed_at: string | null
}

export interface DealPickupPointsTable {
  deal_id: string
  pickup_point_id: string
}

/** One row per shopper per deal: the per-shopper limit's conditional update. */
export interface DealParticipantsTable {
  deal_id: string
  user_id: string
  active_units: number
}

export interface OrdersTable {
  id: string
  deal_id: string
  user_id: string
  status: OrderStatus
  quantity: number
  unit_price_fen: number
  final_unit_price_fen: number | null
  paid_fen: number
  refund_fen: number
  pickup_point_id: string
  inviter_id: string | null
  idempotency_key: string
  /** hash of the creating request's body: the same key with another body is refused */
  request_hash: string
  pickup_code: string | null
  created_at: string
  updated_at: string
  paid_at: string | null
  hold_expires_at: string | null
  closed_at: string | null
  picked_up_at: string | null
}

export interface PaymentsTable {
  id: string
  order_id: string
  provider: PaymentProvider
  amount_fen: number
  status: PaymentStatus
  provider_ref: string | null
  created_at: string
  completed_at: string | null
  /** WeChat Pay's transaction_id, once its notification or a query confirmed the payment */
  wechat_transaction_id?: string | null
  /** when WeChat Pay was last asked about this payment (no notification yet) */
  checked_at?: string | null
}

export interface RefundsTable {
  id: string
  order_id: string
  amount_fen: number
  reason: RefundReason
  status: RefundStatus
  provider_ref: string | null
  created_at: string
  /** failed attempts to hand it to the provider; the next is not before next_attempt_at */
  attempts: Generated<number>
  next_attempt_at: string | null
  last_error: string | null
}

export interface InvitesTable {
  code: string
  deal_id: string
  user_id: string
  created_at: string
}

export interface ArrivalsTable {
  deal_id: string
  pickup_point_id: string
  arrived_at: string
}

export interface VerifyAttemptsTable {
  id: string
  leader_id: string
  ok: number
  created_at: string
}

export interface LeaderApplicationsTable {
  id: string
  user_id: string
  name: string
  community: string
  phone: string
  point_name: string
  point_address: string
  point_lat: number
  point_lng: number
  point_hours: string
  point_contact: string
  status: LeaderApplicationStatus
  reject_reason: string | null
  commission_bps: number | null
  /** the first pickup point, created on approval */
  pickup_point_id: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  created_at: string
}

export interface WechatpayNotificationsTable {
  id: string
  event_type: string
  resource_ref: string | null
  received_at: string
}

export interface SubscriptionConsentsTable {
  id: string
  user_id: string
  template_id: string
  deal_id: string | null
  created_at: string
  used_at: string | null
}

export interface MessagesTable {
  id: string
  user_id: string
  kind: MessageKind
  title: string
  body: string
  deal_id: string | null
  order_id: string | null
  dedupe_key: string
  created_at: string
  read_at: string | null
  /** JSON of the contract's MessageFacts (null before migration 070) */
  facts: string | null
}

export interface OutboxTable {
  id: string
  kind: string
  dedupe_key: string
  user_id: string | null
  /** JSON */
  payload: string
  status: OutboxStatus
  attempts: number
  next_attempt_at: string
  last_error: string | null
  created_at: string
  done_at: string | null
}

export interface WechatAccessTokensTable {
  app_id: string
  token: string
  expires_at: string
}

/** One background job's lease: who runs it, until when (see server/jobs/leases.ts). */
export interface JobLeasesTable {
  name: string
  holder: string
  expires_at: string
}

export interface DB {
  users: UsersTable
  sessions: SessionsTable
  pickup_points: PickupPointsTable
  deals: DealsTable
  deal_pickup_points: DealPickupPointsTable
  deal_participants: DealParticipantsTable
  orders: OrdersTable
  payments: PaymentsTable
  refunds: RefundsTable
  invites: InvitesTable
  arrivals: ArrivalsTable
  verify_attempts: VerifyAttemptsTable
  leader_applications: LeaderApplicationsTable
  wechatpay_notifications: WechatpayNotificationsTable
  subscription_consents: SubscriptionConsentsTable
  messages: MessagesTable
  outbox: OutboxTable
  wechat_access_tokens: WechatAccessTokensTable
  job_leases: JobLeasesTable
}
