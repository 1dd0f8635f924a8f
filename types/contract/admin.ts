import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { DealStatus, OrderStatus, RefundReason, RefundStatus, Role } from './statuses'

/**
 * The operator console (管理后台): every route under /admin is role admin only. Lists take
 * `format=csv` for a spreadsheet (text/csv; charset=utf-8 with a BOM) and `lang` for its headings.
 */

export const CsvFormat = { json: 'json', csv: 'csv' } as const
const ListFormat = {
  format: Type.Optional(StringEnum(CsvFormat, { description: 'csv: the same rows as text/csv (UTF-8 with a BOM, for Excel)' })),
  lang: Type.Optional(StringEnum({ zh: 'zh-CN', en: 'en' } as const, { description: "the CSV headings' language" })),
}

// -- overview (today and the last days) ------------------------------------------------------------

export const AdminOverviewQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 30 })), ...ListFormat },
  { additionalProperties: false },
)

/** One Asia/Shanghai day: orders paid that day, what they paid, and what went back (price differences aside). */
export const AdminDayFigures = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD in Asia/Shanghai' }),
  orders: Type.Integer(),
  gmvFen: Type.Integer({ description: 'paid by the orders paid that day' }),
  refundFen: Type.Integer({ description: "refunded on those orders, price-guarantee differences aside (they are the deal's own discount)" }),
  refundRateBps: Type.Integer({ description: 'refundFen / gmvFen in basis points (0 when nothing was paid)' }),
})

export const AdminSellerFigures = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orders: Type.Integer(),
  gmvFen: Type.Integer(),
  refundFen: Type.Integer(),
})

export const AdminOverview = Type.Object({
  today: AdminDayFigures,
  days: Type.Array(AdminDayFigures, { description: 'oldest first, `days` of them ending today' }),
  /** by the pickup point's leader (who the order belongs to), most GMV first */
  leaders: Type.Array(AdminSellerFigures),
  suppliers: Type.Array(AdminSellerFigures),
  waiting: Type.Object({
    leaderApplications: Type.Integer(),
    supplierApplications: Type.Integer(),
    escalations: Type.Integer(),
    abnormalRefunds: Type.Integer(),
    payouts: Type.Integer({ description: 'payouts asked for, waiting for approval' }),
  }),
  openDeals: Type.Integer(),
})

// -- deals ------------------------------------------------------------------------------------------

export const AdminDealsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 60, description: "words of the title, the product, the leader's nickname, or a deal id" })),
    status: Type.Optional(StringEnum(DealStatus)),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    ...ListFormat,
  },
  { additionalProperties: false },
)

const Named = Type.Object({ id: Type.String(), name: Type.String() })

export const AdminDeal = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: StringEnum(DealStatus),
  leader: Named,
  supplier: Nullable(Named),
  participants: Type.Integer(),
  units: Type.Integer({ description: 'units held by active orders' }),
  orders: Type.Integer({ description: 'orders that were paid' }),
  gmvFen: Type.Integer(),
  refundFen: Type.Integer(),
  listPriceFen: Type.Integer(),
  finalUnitPriceFen: Nullable(Type.Integer()),
  commissionBps: Nullable(Type.Integer({ description: "the operator's (or supplier's) rate for this deal; null: each leader's own" })),
  cutoffAt: Instant(),
  createdAt: Instant(),
  settledAt: Nullable(Instant({ description: 'set: the rates are frozen on its orders' })),
})

export const AdminDealListResponse = Type.Object({
  deals: Type.Array(AdminDeal),
  total: Type.Integer(),
  nextOffset: Nullable(Type.Integer()),
})

// -- orders -----------------------------------------------------------------------------------------

export const AdminOrdersQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 64, description: 'an order id, a pickup code, the last digits of a phone, or a nickname' })),
    dealId: Type.Optional(IdInput),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    ...ListFormat,
  },
  { additionalProperties: false },
)

export const AdminOrderMatch = { id: 'id', pickupCode: 'pickup_code', phone: 'phone', nickname: 'nickname', deal: 'deal' } as const

export const AdminOrder = Type.Object({
  id: Type.String(),
  dealId: Type.String(),
  dealTitle: Type.String(),
  status: StringEnum(OrderStatus),
  quantity: Type.Integer(),
  unitPriceFen: Type.Integer(),
  paidFen: Type.Integer(),
  refundFen: Type.Integer(),
  pickupCode: Nullable(Type.String()),
  shopper: Type.Object({ id: Type.String(), nickname: Type.String(), phoneTail: Nullable(Type.String({ description: 'last 4 digits' })) }),
  point: Named,
  leader: Named,
  createdAt: Instant(),
  paidAt: Nullable(Instant()),
  pickedUpAt: Nullable(Instant()),
  matchedBy: Type.Array(StringEnum(AdminOrderMatch), { description: 'which of the search keys matched' }),
})

export const AdminOrderListResponse = Type.Object({ orders: Type.Array(AdminOrder) })

// -- refunds ----------------------------------------------------------------------------------------

export const AdminRefundsQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(RefundStatus)),
    /** only the ones an operator must look at */
    abnormal: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    ...ListFormat,
  },
  { additionalProperties: false },
)

export const AdminRefund = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  dealId: Type.String(),
  dealTitle: Type.String(),
  shopper: Type.String(),
  amountFen: Type.Integer(),
  reason: StringEnum(RefundReason),
  status: StringEnum(RefundStatus),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  providerRef: Nullable(Type.String()),
  createdAt: Instant(),
  nextAttemptAt: Nullable(Instant()),
  /** the provider said abnormal or closed, or it keeps failing: the operator's to look at (listed first) */
  abnormal: Type.Boolean(),
  retryable: Type.Boolean(),
})

export const AdminRefundListResponse = Type.Object({ refunds: Type.Array(AdminRefund) })

// -- people (leaders and suppliers) -----------------------------------------------------------------

export const PersonRole = { leader: Role.leader, supplier: Role.supplier } as const

export const AdminPeopleQuery = Type.Object(
  {
    role: Type.Optional(StringEnum(PersonRole)),
    q: Type.Optional(Type.String({ maxLength: 40, description: 'nickname, supplier name or phone digits' })),
    suspended: Type.Optional(Type.Boolean()),
    ...ListFormat,
  },
  { additionalProperties: false },
)

export const AdminPerson = Type.Object({
  id: Type.String({ description: 'the user id' }),
  nickname: Type.String(),
  roles: Type.Array(StringEnum(Role)),
  phone: Nullable(Type.String()),
  commissionBps: Nullable(Type.Integer()),
  suspendedAt: Nullable(Instant()),
  supplier: Nullable(Type.Object({ id: Type.String(), name: Type.String(), status: Type.String() })),
  points: Type.Integer({ description: 'pickup points' }),
  deals: Type.Integer(),
  openDeals: Type.Integer(),
  createdAt: Instant(),
})

export const AdminPeopleResponse = Type.Object({ people: Type.Array(AdminPerson) })

export const SuspendRequest = Type.Unsafe<{ reason?: string } | null>({
  type: ['object', 'null'],
  additionalProperties: false,
  properties: { reason: Type.String({ maxLength: 200 }) },
})

/** 0–30%: the same bound as an approval's rate. */
export const CommissionBps = Type.Integer({ minimum: 0, maximum: 3000, description: '佣金 in basis points (500 = 5%)' })

export const UserCommissionRequest = Type.Object({ commissionBps: CommissionBps }, { additionalProperties: false })

export const DealCommissionRequest = Type.Object(
  { commissionBps: Nullable(CommissionBps, { description: "null: back to each leader's own rate" }) },
  { additionalProperties: false },
)

// -- one deal ---------------------------------------------------------------------------------------

export const AdminDealEventKind = {
  created: 'created',
  published: 'published',
  settled: 'settled',
  arrived: 'arrived',
  completed: 'completed',
  /** an operator's action on it (from the audit log) */
  admin: 'admin',
} as const

export const AdminDealEvent = Type.Object({
  kind: StringEnum(AdminDealEventKind),
  at: Instant(),
  /** settled: the final status; arrived: the point; admin: the action */
  detail: Type.String(),
})

export const AdminDealDetail = Type.Object({
  deal: AdminDeal,
  points: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), leader: Type.String(), orders: Type.Integer(), units: Type.Integer() })),
  orders: Type.Array(AdminOrder),
  refunds: Type.Array(AdminRefund),
  timeline: Type.Array(AdminDealEvent),
})

// -- the audit log ----------------------------------------------------------------------------------

export const AdminAuditQuery = Type.Object(
  {
    targetKind: Type.Optional(Type.String({ maxLength: 40 })),
    targetId: Type.Optional(IdInput),
    action: Type.Optional(Type.String({ maxLength: 60 })),
    before: Type.Optional(Instant({ description: 'entries older than this (the previous page’s nextBefore)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    ...ListFormat,
  },
  { additionalProperties: false },
)

export const AdminAuditEntry = Type.Object({
  id: Type.String(),
  actor: Named,
  action: Type.String({ description: 'dotted verb, e.g. user.suspend, deal.commission, refund.retry' }),
  targetKind: Type.String(),
  targetId: Type.String(),
  before: Type.Unknown({ description: 'the thing before (JSON), null when absent' }),
  after: Type.Unknown({ description: 'the thing after (JSON), null when absent' }),
  createdAt: Instant(),
})

export const AdminAuditResponse = Type.Object({ entries: Type.Array(AdminAuditEntry), nextBefore: Nullable(Instant()) })
