import { Type } from 'typebox'
import { Instant, Nullable, StringEnum } from './kit'

/**
 * Reconciliation (对账), admin only. A day is an Asia/Shanghai calendar day, `YYYY-MM-DD`; a day
 * string that is not a real calendar day, or lies after today, is refused with 400 INVALID_DAY.
 */

/** What a difference is about (its `ref` is that thing's id). */
export const ReconciliationSubject = {
  /** ref: payments.id */
  payment: 'payment',
  /** ref: refunds.id */
  refund: 'refund',
  /** ref: payouts.id */
  payout: 'payout',
  /** ref: ledger_transactions.id */
  transaction: 'transaction',
} as const
export type ReconciliationSubject = (typeof ReconciliationSubject)[keyof typeof ReconciliationSubject]

/** Every difference the check can find; the console words them from the code. */
export const ReconciliationCode = {
  /** a succeeded payment with no `payment` ledger transaction */
  paymentWithoutLedger: 'PAYMENT_WITHOUT_LEDGER',
  /** a `payment` ledger transaction whose payment row is missing or did not succeed (note: the row's status) */
  ledgerWithoutPayment: 'LEDGER_WITHOUT_PAYMENT',
  /** both exist, the amounts differ (ledgerFen vs recordFen) */
  paymentAmountMismatch: 'PAYMENT_AMOUNT_MISMATCH',
  /** a refund row (any status: the ledger records a refund when it is owed) with no `refund` transaction */
  refundWithoutLedger: 'REFUND_WITHOUT_LEDGER',
  /** a `refund` ledger transaction whose refund row is missing */
  ledgerWithoutRefund: 'LEDGER_WITHOUT_REFUND',
  refundAmountMismatch: 'REFUND_AMOUNT_MISMATCH',
  /** a succeeded payout with no `payout_sent` ledger transaction */
  payoutWithoutLedger: 'PAYOUT_WITHOUT_LEDGER',
  /** a `payout_sent` transaction whose payout is missing or not succeeded (note: the payout's status) */
  ledgerWithoutPayout: 'LEDGER_WITHOUT_PAYOUT',
  payoutAmountMismatch: 'PAYOUT_AMOUNT_MISMATCH',
  /**
   * WeChat Pay says otherwise (note: its state — NOTPAY, CLOSED, REFUND, SUCCESS, PROCESSING, ABNORMAL, or NOT_FOUND;
   * providerFen: its amount; recordFen: ours): a payment we hold succeeded that WeChat has unpaid/closed/unknown
   * (or REFUND with no refund of ours), one we closed that WeChat says paid, a refund in another state or amount
   */
  providerStateMismatch: 'PROVIDER_STATE_MISMATCH',
  /** WeChat Pay could not be asked about this payment or refund (note: the error code, e.g. NETWORK): not verified */
  providerUnreachable: 'PROVIDER_UNREACHABLE',
  /** a ledger transaction whose entries do not sum to zero or do not move its amount (ledgerFen: the entries' sum; recordFen: its amount; note: its kind) */
  unbalancedTransaction: 'UNBALANCED_TRANSACTION',
} as const
export type ReconciliationCode = (typeof ReconciliationCode)[keyof typeof ReconciliationCode]

/** One difference between the ledger and the records (or the provider). */
export const ReconciliationDifference = Type.Object({
  kind: StringEnum(ReconciliationSubject),
  code: StringEnum(ReconciliationCode),
  ref: Type.String({ description: 'the id of the payment, refund, payout or ledger transaction (see kind)' }),
  orderId: Nullable(Type.String({ description: 'the order it concerns, when known' })),
  ledgerFen: Nullable(Type.Integer({ description: 'what the ledger says; null when the ledger has nothing' })),
  recordFen: Nullable(Type.Integer({ description: 'what the payment/refund/payout row says; null when there is no row' })),
  providerFen: Nullable(Type.Integer({ description: 'PROVIDER_STATE_MISMATCH: what WeChat Pay says the amount is (null otherwise, or unknown)' })),
  note: Type.String({
    description:
      "facts, not words: the provider's state (PROVIDER_STATE_MISMATCH), the error code (PROVIDER_UNREACHABLE), the transaction's kind (UNBALANCED_TRANSACTION), the row's status otherwise ('' when none)",
  }),
})

/** The day's statement from the ledger's transactions of that day (fen). */
export const ReconciliationStatement = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  paymentsInFen: Type.Integer({ description: 'payment transactions: shoppers -> platform' }),
  refundsOutFen: Type.Integer({ description: 'refund transactions: platform -> shoppers' }),
  commissionsFen: Type.Integer({ description: 'commissions less commission reversals (may be negative)' }),
  supplierPayablesFen: Type.Integer({ description: 'owed to suppliers for units received' }),
  payoutsFen: Type.Integer({ description: 'payouts sent through the provider (payout_sent)' }),
  platformMarginFen: Type.Integer({ description: 'payments - refunds - commissions - supplier payables' }),
  transactionCount: Type.Integer(),
  /** the day's entries sum to 0, every transaction balances, and the accounts' movements match the lines */
  balanced: Type.Boolean(),
})

/** `GET /admin/reconciliation?day=` and `POST /admin/reconciliation/run { day }`. */
export const ReconciliationReport = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  statement: ReconciliationStatement,
  differences: Type.Array(ReconciliationDifference),
  /** the run shown: null when the day was never run (then statement and differences are computed now, without the provider) */
  ranAt: Nullable(Instant()),
  ranBy: Nullable(Type.String({ description: "the admin's user id, or 'job' for the daily run" })),
  /** WeChat Pay's states were asked for (only when the provider is WeChat Pay, and only in a run) */
  providerChecked: Type.Boolean(),
})

export const ReconciliationDayQuery = Type.Object(
  { day: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, Asia/Shanghai' }) },
  { additionalProperties: false },
)

export const ReconciliationRunRequest = Type.Object(
  { day: Type.String({ maxLength: 10, description: 'YYYY-MM-DD, Asia/Shanghai' }) },
  { additionalProperties: false },
)

/** `GET /admin/reconciliation/days?limit=30`: today first, one row per calendar day (latest run of each). */
export const ReconciliationDaysQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })) },
  { additionalProperties: false },
)
export const ReconciliationDay = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD, Asia/Shanghai' }),
  /** the latest run's; null when the day was never run */
  differenceCount: Nullable(Type.Integer()),
  ranAt: Nullable(Instant()),
  balanced: Nullable(Type.Boolean()),
  transactionCount: Type.Integer({ description: 'ledger transactions that day (now)' }),
})
export const ReconciliationDaysResponse = Type.Array(ReconciliationDay)

/** What needs an operator's eye. */
export const AlertKind = {
  /** a day whose latest run found differences (one alert per day, `day` set, count = its differences; last 30 days) */
  reconciliation: 'reconciliation',
  /** refunds the provider marked abnormal (count of refunds now abnormal) */
  refundAbnormal: 'refund_abnormal',
  /** payouts that failed in the last 30 days */
  payoutFailed: 'payout_failed',
} as const
export type AlertKind = (typeof AlertKind)[keyof typeof AlertKind]

export const Alert = Type.Object({
  kind: StringEnum(AlertKind),
  count: Type.Integer({ minimum: 1 }),
  day: Type.Optional(Type.String({ description: 'reconciliation only: the day' })),
})
/** `GET /admin/alerts`: only alerts with something to see (count ≥ 1); newest day first. */
export const AlertsResponse = Type.Object({ alerts: Type.Array(Alert) })
