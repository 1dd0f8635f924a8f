import { Type } from 'typebox'
import { Instant, Nullable, StringEnum } from './kit'
import { LedgerKind, PaymentProvider, PayoutStatus } from './statuses'

/** Whose wallet: a leader's commission, or a supplier's payables. */
export const PayoutOwnerKind = { leader: 'leader', supplier: 'supplier' } as const
export type PayoutOwnerKind = (typeof PayoutOwnerKind)[keyof typeof PayoutOwnerKind]

/** Why a withdrawal is refused (4xx codes of POST /leader/payouts and /supplier/payouts; nothing changes). */
export const PayoutRefusal = {
  belowMinimum: 'PAYOUT_BELOW_MINIMUM',
  overBalance: 'PAYOUT_OVER_BALANCE',
  dailyCap: 'PAYOUT_DAILY_CAP',
  suspended: 'ACCOUNT_SUSPENDED',
} as const
export type PayoutRefusal = (typeof PayoutRefusal)[keyof typeof PayoutRefusal]

/** What the mini-program passes to Taro.requestMerchantTransfer (only while wait_user_confirm, only to the owner). */
export const MerchantTransferConfirm = Type.Object({
  mchId: Type.String(),
  appId: Type.String(),
  package: Type.String({ description: "WeChat's package_info" }),
})

/** One withdrawal (提现). */
export const Payout = Type.Object({
  id: Type.String(),
  billNo: Type.String({ description: "the merchant transfer's out_bill_no (sent once)" }),
  ownerKind: StringEnum(PayoutOwnerKind),
  amountFen: Type.Integer(),
  status: StringEnum(PayoutStatus),
  provider: StringEnum(PaymentProvider),
  /** WeChat's own state (ACCEPTED, WAIT_USER_CONFIRM, SUCCESS, FAIL ...), null before it is sent */
  providerState: Nullable(Type.String()),
  failReason: Nullable(Type.String({ description: "the provider's reason for FAIL / CANCELLED" })),
  refuseReason: Nullable(Type.String({ description: "the operator's words refusing it" })),
  requestedAt: Instant(),
  reviewedAt: Nullable(Instant()),
  sentAt: Nullable(Instant()),
  finishedAt: Nullable(Instant()),
  confirm: Nullable(MerchantTransferConfirm, { description: 'wait_user_confirm: what 确认收款 needs (owner only)' }),
})

/** One line of a wallet: a ledger entry on the owner's account, with what it was for. */
export const WalletEntry = Type.Object({
  id: Type.String(),
  kind: StringEnum(LedgerKind),
  amountFen: Type.Integer({ description: 'signed: + into the wallet, - out of it' }),
  memo: Type.String(),
  orderId: Nullable(Type.String()),
  dealId: Nullable(Type.String()),
  dealTitle: Nullable(Type.String()),
  payoutId: Nullable(Type.String()),
  createdAt: Instant(),
  availableAt: Nullable(Instant({ description: 'a credit withdrawable from then (commission: pickup + the hold)' })),
  pending: Type.Boolean({ description: 'still held (available_at ahead)' }),
})

/** `GET /leader/wallet`, `GET /supplier/wallet`. */
export const Wallet = Type.Object({
  ownerKind: StringEnum(PayoutOwnerKind),
  balanceFen: Type.Integer({ description: 'all entries: pending + withdrawable' }),
  pendingFen: Type.Integer({ description: 'credits still held' }),
  withdrawableFen: Type.Integer({ description: 'balance - pending (may be negative after a reversal)' }),
  inFlightFen: Type.Integer({ description: 'asked for, not yet paid nor returned' }),
  paidOutFen: Type.Integer({ description: 'withdrawals paid' }),
  minPayoutFen: Type.Integer(),
  dailyCapFen: Type.Integer(),
  todayRequestedFen: Type.Integer({ description: 'asked for today (Asia/Shanghai), less what came back (refused, failed, cancelled)' }),
  suspended: Type.Boolean({ description: 'suspended by the operator: cannot withdraw' }),
  provider: StringEnum(PaymentProvider),
  entries: Type.Array(WalletEntry, { description: 'newest first' }),
  payouts: Type.Array(Payout, { description: 'newest first' }),
})

/** `POST /leader/payouts`, `POST /supplier/payouts` (with an Idempotency-Key header) -> PayoutResponse. */
export const PayoutRequest = Type.Object({ amountFen: Type.Integer({ minimum: 1, maximum: 100_000_000 }) }, { additionalProperties: false })
export const PayoutResponse = Type.Object({ payout: Payout })

/** `POST /admin/payouts/:id/refuse`. */
export const RefusePayoutRequest = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200, description: 'the owner will read it' }) },
  { additionalProperties: false },
)

/** A payout as the operator sees it: who asks, and what they hold now. */
export const AdminPayout = Type.Object({
  ...Payout.properties,
  owner: Type.Object({
    kind: StringEnum(PayoutOwnerKind),
    id: Type.String({ description: 'the leader user id, or the supplier id' }),
    userId: Type.String(),
    name: Type.String({ description: "the leader's nickname, or the supplier's name" }),
    suspended: Type.Boolean(),
    withdrawableFen: Type.Integer({ description: 'what the owner may still withdraw now' }),
  }),
  reviewedBy: Nullable(Type.String()),
  attempts: Type.Integer({ description: 'sends to the provider so far' }),
  lastError: Nullable(Type.String()),
})

/** `GET /admin/payouts?status=&ownerKind=&offset=&format=csv` (those awaiting a decision first; newest first). */
export const AdminPayoutListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(PayoutStatus)),
    ownerKind: Type.Optional(StringEnum(PayoutOwnerKind)),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    format: Type.Optional(Type.Unsafe<'json' | 'csv'>({ type: 'string', enum: ['json', 'csv'], description: 'csv: text/csv (UTF-8 with a BOM)' })),
    lang: Type.Optional(Type.Unsafe<'zh-CN' | 'en'>({ type: 'string', enum: ['zh-CN', 'en'], description: "the CSV headings' language" })),
  },
  { additionalProperties: false },
)
export const AdminPayoutList = Type.Object({
  payouts: Type.Array(AdminPayout),
  /** how many await a decision (the console's badge) */
  requestedCount: Type.Integer(),
  nextOffset: Nullable(Type.Integer()),
})
export const AdminPayoutResponse = Type.Object({ payout: AdminPayout })
