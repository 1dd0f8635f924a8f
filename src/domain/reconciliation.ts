import { LedgerKind } from '../../types/contract/statuses'

/**
 * Reconciliation: a day's statement from its ledger transactions, and the differences between
 * the ledger and the records it should mirror (payment, refund and payout rows, and the payment
 * provider's own states). Pure: codes and numbers, no clock, no I/O; the server's reconciliation
 * service gathers the facts and saves what this returns.
 */

/** What a difference is about; its `ref` is that thing's id (types/contract/reconciliation.ts ReconciliationSubject). */
export const ReconciliationSubject = { payment: 'payment', refund: 'refund', payout: 'payout', transaction: 'transaction' } as const
export type ReconciliationSubject = (typeof ReconciliationSubject)[keyof typeof ReconciliationSubject]

/** Every difference found (the API's codes; types/contract/reconciliation.ts ReconciliationCode). */
export const ReconciliationCode = {
  paymentWithoutLedger: 'PAYMENT_WITHOUT_LEDGER',
  ledgerWithoutPayment: 'LEDGER_WITHOUT_PAYMENT',
  paymentAmountMismatch: 'PAYMENT_AMOUNT_MISMATCH',
  refundWithoutLedger: 'REFUND_WITHOUT_LEDGER',
  ledgerWithoutRefund: 'LEDGER_WITHOUT_REFUND',
  refundAmountMismatch: 'REFUND_AMOUNT_MISMATCH',
  payoutWithoutLedger: 'PAYOUT_WITHOUT_LEDGER',
  ledgerWithoutPayout: 'LEDGER_WITHOUT_PAYOUT',
  payoutAmountMismatch: 'PAYOUT_AMOUNT_MISMATCH',
  providerStateMismatch: 'PROVIDER_STATE_MISMATCH',
  providerUnreachable: 'PROVIDER_UNREACHABLE',
  unbalancedTransaction: 'UNBALANCED_TRANSACTION',
} as const
export type ReconciliationCode = (typeof ReconciliationCode)[keyof typeof ReconciliationCode]

export interface Difference {
  kind: ReconciliationSubject
  code: ReconciliationCode
  ref: string
  orderId: string | null
  ledgerFen: number | null
  recordFen: number | null
  providerFen: number | null
  /** facts: the provider's state, or the record's status ('' when none) */
  note: string
}

/** One ledger transaction with its entries (signed fen per account). */
export interface LedgerTxn {
  id: string
  kind: string
  dedupeKey: string
  amountFen: number
  orderId: string | null
  refundId: string | null
  payoutId: string | null
  entries: readonly { accountId: string; amountFen: number }[]
}

export interface Statement {
  day: string
  paymentsInFen: number
  refundsOutFen: number
  commissionsFen: number
  supplierPayablesFen: number
  payoutsFen: number
  platformMarginFen: number
  transactionCount: number
  balanced: boolean
}

/** The ledger's fixed accounts (server/features/ledger: Accounts). */
export const PLATFORM_ACCOUNT = 'platform'
export const SHOPPERS_ACCOUNT = 'shoppers'
export const PROVIDER_ACCOUNT = 'provider'

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0)

/**
 * A transaction balances when it has entries, they sum to zero, and what they move (the sum of the
 * credits) is its own amount, a positive whole number of fen.
 */
export function transactionBalances(t: LedgerTxn): boolean {
  if (!Number.isSafeInteger(t.amountFen) || t.amountFen <= 0 || t.entries.length < 2) return false
  if (!t.entries.every((e) => Number.isSafeInteger(e.amountFen))) return false
  const credits = sum(t.entries.filter((e) => e.amountFen > 0).map((e) => e.amountFen))
  return sum(t.entries.map((e) => e.amountFen)) === 0 && credits === t.amountFen
}

/**
 * The day's statement: each line the sum of its kind's transactions; the margin is what the
 * platform keeps (payments − refunds − net commissions − supplier payables). `balanced`: every
 * transaction balances, and the accounts moved as the lines say — the platform by the margin, the
 * shoppers by refunds − payments, the provider by the payouts sent.
 */
export function buildStatement(day: string, txns: readonly LedgerTxn[]): Statement {
  const total = (kind: string) => sum(txns.filter((t) => t.kind === kind).map((t) => t.amountFen))
  const paymentsInFen = total(LedgerKind.payment)
  const refundsOutFen = total(LedgerKind.refund)
  const commissionsFen = total(LedgerKind.commission) - total(LedgerKind.commissionReversal)
  const supplierPayablesFen = total(LedgerKind.supplierPayable)
  const payoutsFen = total(LedgerKind.payoutSent)
  const platformMarginFen = paymentsInFen - refundsOutFen - commissionsFen - supplierPayablesFen

  const entries = txns.flatMap((t) => t.entries)
  const moved = (account: string) => sum(entries.filter((e) => e.accountId === account).map((e) => e.amountFen))
  const balanced =
    txns.every(transactionBalances) &&
    sum(entries.map((e) => e.amountFen)) === 0 &&
    moved(PLATFORM_ACCOUNT) === platformMarginFen &&
    moved(SHOPPERS_ACCOUNT) === refundsOutFen - paymentsInFen &&
    moved(PROVIDER_ACCOUNT) === payoutsFen
  return {
    day,
    paymentsInFen,
    refundsOutFen,
    commissionsFen,
    supplierPayablesFen,
    payoutsFen,
    platformMarginFen,
    transactionCount: txns.length,
    balanced,
  }
}

/** A payment row: `succeeded` ones must each have a `payment:<id>` transaction of their amount. */
export interface PaymentRecord {
  id: string
  orderId: string
  amountFen: number
  status: string
}

/** A refund row: every one recorded must have a `refund:<id>` transaction of its amount. */
export interface RefundRecord {
  id: string
  orderId: string
  amountFen: number
  status: string
}

/** A payout row: `succeeded` ones must each have a `payout_sent:<id>` transaction of their amount. */
export interface PayoutRecord {
  id: string
  amountFen: number
  status: string
}

export interface RecordsToCompare {
  /** the day's ledger transactions (each must balance) */
  ledger: readonly LedgerTxn[]
  /** transactions of other days that the day's records name (a payment at 23:59:59 posted after midnight) */
  counterparts?: readonly LedgerTxn[]
  /** the rows in question (the day's, and those the day's transactions name) */
  payments: readonly PaymentRecord[]
  refunds: readonly RefundRecord[]
  payouts: readonly PayoutRecord[]
}

/** The record id a transaction of this kind is for, from its dedupe key (`payment:<id>`) or its columns. */
export function recordIdOf(t: LedgerTxn): string | null {
  const prefix = `${t.kind}:`
  if (t.dedupeKey.startsWith(prefix) && t.dedupeKey.length > prefix.length) return t.dedupeKey.slice(prefix.length)
  if (t.kind === LedgerKind.refund) return t.refundId
  if (t.kind === LedgerKind.payoutSent) return t.payoutId
  return null
}

const PAYMENT_SUCCEEDED = 'succeeded'
const PAYOUT_SUCCEEDED = 'succeeded'

interface Pairing<R> {
  kind: ReconciliationSubject
  ledgerKind: string
  records: readonly (R & { id: string; amountFen: number; status: string; orderId?: string })[]
  /** must this record have its transaction? */
  counts: (r: R & { status: string }) => boolean
  withoutLedger: ReconciliationCode
  ledgerWithout: ReconciliationCode
  amountMismatch: ReconciliationCode
}

function pair<R>(ledger: readonly LedgerTxn[], p: Pairing<R>): Difference[] {
  const differences: Difference[] = []
  const txns = new Map<string, LedgerTxn[]>()
  for (const t of ledger) {
    if (t.kind !== p.ledgerKind) continue
    const id = recordIdOf(t)
    if (id === null) {
      differences.push(diff(p.kind, p.ledgerWithout, t.id, t.orderId, t.amountFen, null, ''))
      continue
    }
    txns.set(id, [...(txns.get(id) ?? []), t])
  }
  const seen = new Set<string>()
  for (const r of p.records) {
    if (seen.has(r.id)) continue
    seen.add(r.id)
    const mine = txns.get(r.id) ?? []
    const orderId = r.orderId ?? null
    if (!p.counts(r)) {
      // a transaction for a row that does not count (a payment not succeeded, a payout not paid)
      for (const t of mine) differences.push(diff(p.kind, p.ledgerWithout, r.id, orderId ?? t.orderId, t.amountFen, r.amountFen, r.status))
      continue
    }
    if (mine.length === 0) {
      differences.push(diff(p.kind, p.withoutLedger, r.id, orderId, null, r.amountFen, r.status))
      continue
    }
    const ledgerFen = sum(mine.map((t) => t.amountFen))
    if (ledgerFen !== r.amountFen) differences.push(diff(p.kind, p.amountMismatch, r.id, orderId, ledgerFen, r.amountFen, r.status))
  }
  // transactions naming a row that does not exist at all
  for (const [id, mine] of txns) {
    if (seen.has(id)) continue
    differences.push(diff(p.kind, p.ledgerWithout, id, mine[0].orderId, sum(mine.map((t) => t.amountFen)), null, ''))
  }
  return differences
}

function diff(
  kind: ReconciliationSubject,
  code: ReconciliationCode,
  ref: string,
  orderId: string | null,
  ledgerFen: number | null,
  recordFen: number | null,
  note: string,
  providerFen: number | null = null,
): Difference {
  return { kind, code, ref, orderId, ledgerFen, recordFen, providerFen, note }
}

/**
 * Every difference between the ledger and the rows: a succeeded payment without its payment
 * transaction (or with another amount), a payment transaction for a payment that is missing or did
 * not succeed; the same for refunds (every refund row recorded counts) and for succeeded payouts ↔
 * payout_sent; and every transaction that does not balance. Sorted: by kind, code, then ref.
 */
export function compareRecords(input: RecordsToCompare): Difference[] {
  const known = new Set(input.ledger.map((t) => t.id))
  const ledger = [...input.ledger, ...(input.counterparts ?? []).filter((t) => !known.has(t.id))]
  const differences = [
    ...pair(ledger, {
      kind: ReconciliationSubject.payment,
      ledgerKind: LedgerKind.payment,
      records: input.payments,
      counts: (r) => r.status === PAYMENT_SUCCEEDED,
      withoutLedger: ReconciliationCode.paymentWithoutLedger,
      ledgerWithout: ReconciliationCode.ledgerWithoutPayment,
      amountMismatch: ReconciliationCode.paymentAmountMismatch,
    }),
    ...pair(ledger, {
      kind: ReconciliationSubject.refund,
      ledgerKind: LedgerKind.refund,
      records: input.refunds,
      counts: () => true,
      withoutLedger: ReconciliationCode.refundWithoutLedger,
      ledgerWithout: ReconciliationCode.ledgerWithoutRefund,
      amountMismatch: ReconciliationCode.refundAmountMismatch,
    }),
    ...pair(ledger, {
      kind: ReconciliationSubject.payout,
      ledgerKind: LedgerKind.payoutSent,
      records: input.payouts,
      counts: (r) => r.status === PAYOUT_SUCCEEDED,
      withoutLedger: ReconciliationCode.payoutWithoutLedger,
      ledgerWithout: ReconciliationCode.ledgerWithoutPayout,
      amountMismatch: ReconciliationCode.payoutAmountMismatch,
    }),
    ...unbalanced(input.ledger),
  ]
  return sortDifferences(differences)
}

/** Transactions whose entries do not sum to zero or do not move their amount (ledgerFen: the entries' sum). */
export function unbalanced(ledger: readonly LedgerTxn[]): Difference[] {
  const seen = new Set<string>()
  const out: Difference[] = []
  for (const t of ledger) {
    if (seen.has(t.id)) continue
    seen.add(t.id)
    if (transactionBalances(t)) continue
    out.push(
      diff(
        ReconciliationSubject.transaction,
        ReconciliationCode.unbalancedTransaction,
        t.id,
        t.orderId,
        sum(t.entries.map((e) => e.amountFen)),
        t.amountFen,
        t.kind,
      ),
    )
  }
  return out
}

const SUBJECT_ORDER: readonly string[] = Object.values(ReconciliationSubject)

export function sortDifferences(differences: readonly Difference[]): Difference[] {
  return [...differences].sort(
    (a, b) =>
      SUBJECT_ORDER.indexOf(a.kind) - SUBJECT_ORDER.indexOf(b.kind) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
  )
}

// -- the payment provider's states (WeChat Pay) ---------------------------------------------------------

/**
 * What WeChat Pay said about one of our payments (a query by out_trade_no): its trade_state and
 * total, or NOT_FOUND (ORDER_NOT_EXIST). null `state`: it could not be asked (network): no verdict.
 */
export interface ProviderPaymentState {
  paymentId: string
  orderId: string
  /** our row's status and what the provider's transaction should total (a basket's shared sum) */
  status: string
  expectedTotalFen: number
  /** the order has refunds recorded (then WeChat's REFUND is expected) */
  hasRefunds: boolean
  /** WeChat's trade_state, NOT_FOUND, or null when it could not be asked (then `error` says why) */
  state: string | null
  totalFen: number | null
  error?: string
}

/** What WeChat Pay said about one of our refunds (a query by out_refund_no), or NOT_FOUND. */
export interface ProviderRefundState {
  refundId: string
  orderId: string
  status: string
  amountFen: number
  state: string | null
  refundFen: number | null
  error?: string
}

export const PROVIDER_NOT_FOUND = 'NOT_FOUND'

/** Our payment statuses and the provider's trade states that agree with them. */
const PAYMENT_STATES_AGREEING: Record<string, readonly string[]> = {
  succeeded: ['SUCCESS', 'REFUND'],
  closed: ['CLOSED', 'NOTPAY', 'REVOKED', 'PAYERROR', PROVIDER_NOT_FOUND],
}

/**
 * Our refund statuses and the provider's refund states that agree with them. Not yet handed over
 * (pending) is unknown to the provider; one in flight (processing) may have succeeded meanwhile (its
 * notification not yet here: the refund job settles it).
 */
const REFUND_STATES_AGREEING: Record<string, readonly string[]> = {
  pending: [PROVIDER_NOT_FOUND, 'PROCESSING', 'SUCCESS'],
  processing: ['PROCESSING', 'SUCCESS'],
  succeeded: ['SUCCESS'],
  abnormal: ['ABNORMAL'],
  closed: ['CLOSED'],
}

/**
 * PROVIDER_STATE_MISMATCH for every payment or refund the provider sees otherwise: a payment we
 * hold succeeded that WeChat says is NOTPAY, CLOSED or unknown (or REFUND with no refund of ours), one
 * we closed that WeChat says was paid; a refund in another state than ours, or of another amount.
 * note: the provider's state; providerFen: its amount. One that could not be asked is PROVIDER_UNREACHABLE
 * (note: why), so an unanswered query never passes for a clean day.
 */
export function providerDifferences(payments: readonly ProviderPaymentState[], refunds: readonly ProviderRefundState[]): Difference[] {
  const out: Difference[] = []
  for (const p of payments) {
    if (p.state === null) {
      out.push(
        diff(ReconciliationSubject.payment, ReconciliationCode.providerUnreachable, p.paymentId, p.orderId, null, p.expectedTotalFen, p.error ?? ''),
      )
      continue
    }
    const agreeing = PAYMENT_STATES_AGREEING[p.status]
    if (!agreeing) continue
    const stateAgrees = agreeing.includes(p.state) && !(p.state === 'REFUND' && !p.hasRefunds)
    const paid = p.state === 'SUCCESS' || p.state === 'REFUND'
    const amountAgrees = !paid || p.totalFen === p.expectedTotalFen
    if (!stateAgrees || !amountAgrees) {
      out.push(
        diff(
          ReconciliationSubject.payment,
          ReconciliationCode.providerStateMismatch,
          p.paymentId,
          p.orderId,
          null,
          p.expectedTotalFen,
          p.state,
          p.totalFen,
        ),
      )
    }
  }
  for (const r of refunds) {
    if (r.state === null) {
      out.push(diff(ReconciliationSubject.refund, ReconciliationCode.providerUnreachable, r.refundId, r.orderId, null, r.amountFen, r.error ?? ''))
      continue
    }
    const agreeing = REFUND_STATES_AGREEING[r.status]
    if (!agreeing) continue
    const amountAgrees = r.state === PROVIDER_NOT_FOUND || r.refundFen === r.amountFen
    if (!agreeing.includes(r.state) || !amountAgrees) {
      out.push(
        diff(ReconciliationSubject.refund, ReconciliationCode.providerStateMismatch, r.refundId, r.orderId, null, r.amountFen, r.state, r.refundFen),
      )
    }
  }
  return sortDifferences(out)
}

/** `YYYY-MM-DD` for a real calendar day. */
export function isCalendarDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** The calendar day `n` days before `day` (YYYY-MM-DD arithmetic, no zone: a calendar day is a calendar day). */
export function daysBefore(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10)
}
