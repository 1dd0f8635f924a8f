/**
 * The API contract shared by the app and the server (HTTP JSON under /api/v1).
 * Amounts are integer fen (`...Fen`), instants are ISO-8601 UTC strings, ids are strings.
 * Keep paths and field names stable: see ../shared/DESIGN.md.
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

export interface Tier {
  /** people or units (per the deal's basis) needed to unlock this price; the first tier is 1 */
  threshold: number
  unitPriceFen: number
}

export interface NextTier extends Tier {
  /** how many more people/units unlock it */
  remaining: number
}

export interface ApiError {
  error: { code: string; message: string }
}

export interface User {
  id: string
  handle: string | null
  nickname: string
  avatarUrl: string | null
  roles: Role[]
  /** leaders only: commission in basis points of the final value of picked-up orders */
  commissionBps: number | null
}

export interface AuthResponse {
  token: string
  user: User
}

export interface DevLoginRequest {
  handle: string
  nickname?: string
  role?: Role
}

export interface PickupPoint {
  id: string
  leaderId: string
  name: string
  address: string
  lat: number
  lng: number
  /** opening hours as shown to people, e.g. "08:00-21:00" */
  hours: string
  contact: string
  /** metres from the location given in the request, when one was given */
  distanceM?: number
}

export interface PickupPointInput {
  name: string
  address: string
  lat: number
  lng: number
  hours: string
  contact: string
}

export interface Product {
  name: string
  spec: string
  description: string
  images: string[]
  category: string
}

export interface DealSummary {
  id: string
  status: DealStatus
  title: string
  product: Product
  listPriceFen: number
  tierBasis: TierBasis
  tiers: Tier[]
  minToSucceed: number
  /** distinct participants (people basis) or units (units basis) counting toward the tiers */
  count: number
  currentUnitPriceFen: number
  nextTier: NextTier | null
  stockUnits: number | null
  soldUnits: number
  perUserLimit: number | null
  cutoffAt: string
  pickupStart: string
  pickupEnd: string
  leader: { id: string; nickname: string }
  /** the deal's pickup point nearest to the request's location (or its first one) */
  nearestPickupPoint: PickupPoint | null
}

export interface DealDetail extends DealSummary {
  pickupPoints: PickupPoint[]
  inviter?: { nickname: string }
}

export interface DealListResponse {
  deals: DealSummary[]
  /** the server's clock, so the app can keep countdowns in step */
  serverNow: string
}

export interface DealResponse {
  deal: DealDetail
  serverNow: string
}

export interface PickupPointListResponse {
  pickupPoints: PickupPoint[]
}

export interface DealInput {
  title: string
  product: { name: string; spec: string; description?: string; images?: string[]; category?: string }
  listPriceFen: number
  tierBasis: TierBasis
  tiers: Tier[]
  minToSucceed: number
  stockUnits?: number | null
  perUserLimit?: number | null
  cutoffAt: string
  pickupStart: string
  pickupEnd: string
  pickupPointIds: string[]
}

export interface CreateOrderRequest {
  quantity: number
  pickupPointId: string
  inviteCode?: string
}

export interface Order {
  id: string
  dealId: string
  dealTitle: string
  dealStatus: DealStatus
  userId: string
  status: OrderStatus
  quantity: number
  /** the unit price paid at joining */
  unitPriceFen: number
  /** set at settlement: min(paid, final tier price) */
  finalUnitPriceFen: number | null
  paidFen: number
  refundFen: number
  pickupPointId: string
  pickupCode?: string
  /** signed payload for the pickup QR code (owner only, once paid) */
  pickupQr?: string
  inviterId: string | null
  createdAt: string
  paidAt: string | null
  /** an unpaid order holds its place until then */
  holdExpiresAt: string | null
  refunds: Refund[]
}

export interface Refund {
  id: string
  amountFen: number
  reason: 'price_difference' | 'deal_failed' | 'deal_cancelled' | 'order_cancelled'
  createdAt: string
}

export interface PaymentInstruction {
  provider: 'sandbox' | 'wechatpay'
  amountFen: number
  /** WeChat Pay: the parameters Taro.requestPayment needs */
  params?: Record<string, string>
}

export interface CreateOrderResponse {
  order: Order
  payment: PaymentInstruction
}

export interface InviteResponse {
  code: string
  path: string
}

export const LeaderApplicationStatus = { pending: 'pending', approved: 'approved', rejected: 'rejected' } as const
export type LeaderApplicationStatus = (typeof LeaderApplicationStatus)[keyof typeof LeaderApplicationStatus]

/** `POST /leader-applications`: a neighbour asks to become a leader, with their first pickup point. */
export interface LeaderApplicationInput {
  name: string
  community: string
  phone: string
  pickupPoint: PickupPointInput
}

export interface LeaderApplication {
  id: string
  userId: string
  nickname: string
  name: string
  community: string
  phone: string
  pickupPoint: PickupPointInput
  status: LeaderApplicationStatus
  rejectReason: string | null
  commissionBps: number | null
  /** the pickup point created on approval */
  pickupPointId: string | null
  createdAt: string
  reviewedAt: string | null
}

/** `POST /uploads` (multipart, one image, leaders only) -> where it is served. */
export interface UploadResponse {
  url: string
}

/** What shoppers are told about (in-app, and as WeChat subscription messages with consent). */
export const MessageKind = {
  dealSucceeded: 'deal_succeeded',
  dealFailed: 'deal_failed',
  goodsArrived: 'goods_arrived',
  pickupReminder: 'pickup_reminder',
} as const
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind]

/**
 * What a message is about, so the app can say it in the reader's language (the title and body are
 * the server's Chinese). Null on messages written before facts were kept.
 */
export interface MessageFacts {
  /** the deal's title */
  deal: string
  /** the order's pickup point */
  point: string
  /** 成团: what the order finally costs; 未成团/取消: what is refunded */
  amountFen: number | null
  /** 成团: the price difference refunded (0 when none) */
  refundFen: number | null
  pickupStart: string | null
  pickupEnd: string | null
  /** why a deal's orders were refunded */
  reason: 'deal_failed' | 'deal_cancelled' | null
}

/** `GET /me/messages` (newest first) and `POST /me/messages/read` (mark all read). */
export interface Message {
  id: string
  kind: MessageKind
  facts: MessageFacts | null
  title: string
  body: string
  dealId: string | null
  orderId: string | null
  createdAt: string
  read: boolean
}

export interface MessagesResponse {
  messages: Message[]
  unread: number
}

/**
 * `GET /notifications/templates` -> the subscription-message template id per kind (only those the
 * server is configured with) to pass to Taro.requestSubscribeMessage on the join tap;
 * `POST /me/subscriptions` `{ templateIds (the accepted ones, 1-3), dealId? }` -> `{ accepted }`.
 */
export interface NotificationTemplatesResponse {
  templates: Partial<Record<MessageKind, string>>
}

export interface SubscriptionsRequest {
  templateIds: string[]
  dealId?: string
}

// Leader console responses

/** One order as the leader sees it: the shopper's name masked. */
export interface LeaderOrder {
  id: string
  shopper: string
  quantity: number
  status: OrderStatus
  pickupPoint: { id: string; name: string }
  unitPriceFen: number
  finalUnitPriceFen: number | null
  paidFen: number
  refundFen: number
  invited: boolean
  createdAt: string
  paidAt: string | null
  pickedUpAt: string | null
}

export interface ArrivalResult {
  dealId: string
  pickupPointId: string
  arrivedAt: string
  readyOrders: number
}

/** `GET /leader/picking-list?date=`: what to hand out on that day, per pickup point. */
export interface PickingList {
  date: string
  pickupPoints: PickingPoint[]
}

export interface PickingPoint {
  pickupPoint: { id: string; name: string; address: string }
  /** totals per product */
  products: { dealId: string; title: string; name: string; spec: string; quantity: number; pickedUpQuantity: number }[]
  /** shoppers (masked) with what they take */
  shoppers: { orderId: string; shopper: string; dealId: string; product: string; quantity: number; status: OrderStatus }[]
}

/** The order a pickup code belongs to (picked up once verified). */
export interface VerifiedPickup {
  id: string
  dealId: string
  dealTitle: string
  product: { name: string; spec: string }
  shopper: string
  quantity: number
  status: OrderStatus
  pickupPoint: { id: string; name: string }
  pickedUpAt: string | null
}

export interface EarningsDeal {
  dealId: string
  title: string
  dealStatus: string
  /** final value of orders still to be handed out (confirmed, ready) and its commission */
  pendingValueFen: number
  pendingFen: number
  /** final value of picked-up orders and the commission earned on it */
  earnedValueFen: number
  earnedFen: number
}

/** Commission per calendar week (starting Monday) or month in Shanghai time. */
export interface EarningsPeriod {
  /** week: its Monday, YYYY-MM-DD; month: YYYY-MM */
  period: string
  earnedFen: number
  pendingFen: number
}

export interface Earnings {
  commissionBps: number
  deals: EarningsDeal[]
  totals: { pendingFen: number; earnedFen: number }
  weeks: EarningsPeriod[]
  months: EarningsPeriod[]
}
