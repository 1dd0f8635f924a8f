import type { Generated } from 'kysely'
import type {
  AfterSalesDecision,
  AfterSalesReason,
  AfterSalesStatus,
  AfterSalesStep,
  CollectedBy,
  DealStatus,
  DelegationStatus,
  LeaderApplicationStatus,
  LedgerAccountKind,
  LedgerKind,
  PayoutStatus,
  SupplierStatus,
  MessageKind,
  OrderStatus,
  PaymentProvider,
  RefundReason,
  RefundStatus,
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

// the contract shows a refund's status on the order's timeline, so it lives there
export { RefundStatus } from '../../types/contract/statuses'

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
  /** when the operator suspended this leader or supplier (no new deals, no payouts); null: active */
  suspended_at?: string | null
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
  /** a supplier's deal, help-sold at the points leaders opted in (leader_id is the supplier's user) */
  supplier_id?: string | null
  /** the commission offered to help-selling leaders, or the operator's rate for this deal; null: the leader's own */
  commission_bps?: number | null
  /** the supplier's delivery day (YYYY-MM-DD, Asia/Shanghai): the purchase order's key */
  delivery_date?: string | null
}

export interface DealPickupPointsTable {
  deal_id: string
  pickup_point_id: string
  /** on a supplier deal: the leader who opted her point in, and when */
  opted_in_by?: string | null
  opted_in_at?: string | null
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
  /** who collected it at the counter (null: before 110, or handed out late) */
  collected_by?: CollectedBy | null
  collected_by_user_id?: string | null
  /** when the grace period ended with the goods still there */
  unclaimed_at?: string | null
  /** the leader's note on handing an unclaimed order out late */
  late_pickup_note?: string | null
  /** the basket it was checked out in */
  basket_id?: string | null
  /** frozen when the deal settles: the commission rate, the leader it is owed to (the point's), the supplier's unit price */
  commission_bps?: number | null
  commission_leader_id?: string | null
  supplier_unit_price_fen?: number | null
  /** units short on receipt (missing or spoiled) and refunded: the counter hands out quantity − short_units (186) */
  short_units?: number
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
  /** the basket whose shared transaction this order's row belongs to */
  basket_id?: string | null
  /** the shared transaction's total (amount_fen is this order's part of it) */
  basket_fen?: number | null
}

/** several joins checked out together, paid in one transaction. */
export interface BasketsTable {
  id: string
  user_id: string
  pickup_point_id: string
  idempotency_key: string
  request_hash: string
  /** JSON: the items' deal ids in the shopper's order (the basket lists its orders so) */
  deal_ids: string
  /** JSON: [{ dealId, code }] the items that could not be joined */
  removed: string
  created_at: string
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
  /** the after-sales request this refund is for; '' for every other reason */
  source: Generated<string>
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

// Pickup staff, delegations, no-shows (migration 110) ----------------------------------------------------------------------

/** A per-point grant: this person may verify codes and mark arrivals at this point (核销员). */
export interface PickupStaffTable {
  id: string
  pickup_point_id: string
  user_id: string
  invited_by: string
  created_at: string
  /** set when the leader removes them; the grant is then gone at once */
  removed_at: string | null
}

/** A leader's invitation to be staff at one of her points; used once, until it expires. */
export interface StaffInvitesTable {
  code: string
  pickup_point_id: string
  leader_id: string
  created_at: string
  expires_at: string
  used_by: string | null
  used_at: string | null
}

/** 代取: the owner lets a neighbour collect; the neighbour gets a code of their own on accepting. */
export interface PickupDelegationsTable {
  id: string
  order_id: string
  owner_id: string
  /** the share link's secret */
  token: string
  status: DelegationStatus
  delegate_id: string | null
  pickup_code: string | null
  created_at: string
  accepted_at: string | null
  revoked_at: string | null
  used_at: string | null
}

/** Wrong pickup codes per key (a point, or a verifier without one) in a window: one row, changed atomically. */
export interface VerifyLimitsTable {
  key: string
  window_start: string
  failures: number
}

/** A photo kept in the database, readable from every instance (see server/features/uploads). */
export interface UploadsTable {
  name: string
  content_type: string
  size: number
  bytes: Buffer
  created_at: string
}

/** Requests one client made to one limited route in the current window (server/http/rate-limits.ts). */
export interface RateLimitsTable {
  key: string
  window_start_ms: number
  hits: number
}

// After-sales (migration 100) ------------------------------------------------------------------

/** A shopper's after-sales request on a picked-up order (refund only). */
export interface AfterSalesRequestsTable {
  id: string
  order_id: string
  user_id: string
  pickup_point_id: string
  quantity: number
  reason: AfterSalesReason
  note: string
  /** JSON array of this server's upload paths */
  photos: string
  status: AfterSalesStatus
  /** the affected units' share of the order's final value, capped by what was left, when asked */
  asked_fen: number
  approved_fen: number | null
  /** the leader's reason for a refusal */
  leader_reason: string | null
  answered_by: string | null
  escalation_note: string | null
  decision: AfterSalesDecision | null
  decision_note: string | null
  decided_by: string | null
  created_at: string
  answered_at: string | null
  escalated_at: string | null
  decided_at: string | null
  updated_at: string
}

/** One step of a request's timeline: who did what, when. */
export interface AfterSalesEventsTable {
  id: string
  request_id: string
  order_id: string
  kind: AfterSalesStep
  actor_id: string
  actor_role: 'shopper' | 'leader' | 'admin' | 'system'
  /** the request's status after this step */
  status: AfterSalesStatus
  amount_fen: number | null
  note: string | null
  created_at: string
}

// Mini-program codes (migration 120) ---------------------------------------------------------------------

/** A mini-program code's short scene key for one deal and invite, and its image once WeChat drew it. */
export interface WxacodesTable {
  scene: string
  deal_id: string
  /** '' when the poster has no inviter */
  invite_code: string
  /** base64 of the image bytes */
  image: string | null
  content_type: string | null
  created_at: string
  fetched_at: string | null
}

// Suppliers, deliveries, the ledger, payouts, reconciliation, audit (migration 180) -------------------------------

export interface SuppliersTable {
  id: string
  user_id: string
  name: string
  contact_name: string
  phone: string
  depot_address: string
  depot_lat: number
  depot_lng: number
  status: SupplierStatus
  reject_reason: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  created_at: string
  updated_at: string
}

/** The supplier dropped a point's units off (one row per deal and point). */
export interface DeliveriesTable {
  deal_id: string
  pickup_point_id: string
  packed_units: number
  delivered_by: string
  delivered_at: string
}

/** The point's leader counted what arrived; missing and spoiled units are refunded (once: one row per deal and point). */
export interface ReceiptsTable {
  deal_id: string
  pickup_point_id: string
  expected_units: number
  received_units: number
  missing_units: number
  spoiled_units: number
  note: string
  received_by: string
  received_at: string
}

export interface LedgerAccountsTable {
  /** 'platform', 'shoppers', 'provider', 'payouts', 'leader:<userId>', 'supplier:<supplierId>' */
  id: string
  kind: LedgerAccountKind
  owner_id: string | null
  created_at: string
}

export interface LedgerTransactionsTable {
  id: string
  kind: LedgerKind
  dedupe_key: string
  amount_fen: number
  order_id: string | null
  deal_id: string | null
  refund_id: string | null
  payout_id: string | null
  memo: string
  day: string
  created_at: string
}

export interface LedgerEntriesTable {
  id: string
  transaction_id: string
  account_id: string
  amount_fen: number
  available_at: string | null
  created_at: string
}

export interface PayoutsTable {
  id: string
  bill_no: string
  account_id: string
  owner_kind: 'leader' | 'supplier'
  owner_id: string
  user_id: string
  amount_fen: number
  status: PayoutStatus
  provider: PaymentProvider
  idempotency_key: string
  transfer_bill_no: string | null
  provider_state: string | null
  package_info: string | null
  fail_reason: string | null
  refuse_reason: string | null
  reviewed_by: string | null
  reviewed_at: string | null
  attempts: Generated<number>
  next_attempt_at: string | null
  last_error: string | null
  day: string
  requested_at: string
  sent_at: string | null
  finished_at: string | null
  updated_at: string
}

export interface ReconciliationRunsTable {
  id: string
  day: string
  statement: string
  differences: string
  difference_count: number
  ran_by: string
  ran_at: string
}

export interface AuditLogTable {
  id: string
  actor_id: string
  action: string
  target_kind: string
  target_id: string
  before: string | null
  after: string | null
  created_at: string
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
  baskets: BasketsTable
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
  uploads: UploadsTable
  rate_limits: RateLimitsTable
  pickup_staff: PickupStaffTable
  staff_invites: StaffInvitesTable
  pickup_delegations: PickupDelegationsTable
  verify_limits: VerifyLimitsTable
  after_sales_requests: AfterSalesRequestsTable
  after_sales_events: AfterSalesEventsTable
  wxacodes: WxacodesTable
  suppliers: SuppliersTable
  deliveries: DeliveriesTable
  receipts: ReceiptsTable
  ledger_accounts: LedgerAccountsTable
  ledger_transactions: LedgerTransactionsTable
  ledger_entries: LedgerEntriesTable
  payouts: PayoutsTable
  reconciliation_runs: ReconciliationRunsTable
  audit_log: AuditLogTable
}
