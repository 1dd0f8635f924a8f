import type { Alert, ReconciliationDay, ReconciliationDifference, ReconciliationReport, ReconciliationStatement } from '../../../types/api'
import { LedgerKind } from '../../../types/contract/statuses'
import { shanghaiDate, shanghaiDayRange, shanghaiParts } from '../../../src/domain/time'
import {
  PROVIDER_NOT_FOUND,
  buildStatement,
  compareRecords,
  daysBefore,
  isCalendarDay,
  providerDifferences,
  recordIdOf,
  sortDifferences,
  type Difference,
  type ProviderPaymentState,
  type ProviderRefundState,
  type Statement,
} from '../../../src/domain/reconciliation'
import type { AppContext } from '../../http/context'
import { badRequest } from '../../http/errors'
import { newId } from '../../http/ids'
import { Lease } from '../../jobs/leases'
import { audit } from '../audit/audit'
import { wechatPay } from '../payments/payment-provider'
import { WechatPayError } from '../payments/wechatpay-client'
import type { WechatPayProvider } from '../payments/wechatpay-provider'
import * as repo from './reconciliation.repository'

/** Who ran the daily job (reconciliation_runs.ran_by). */
export const JOB_RUNNER = 'job'

/** A day string the API takes: a real calendar day, not after today in Shanghai. */
export function assertDay(ctx: AppContext, day: string): string {
  if (!isCalendarDay(day) || day > shanghaiDate(ctx.now())) throw badRequest('INVALID_DAY', '日期须为今天或之前的 YYYY-MM-DD')
  return day
}

interface Check {
  statement: Statement
  differences: Difference[]
  providerChecked: boolean
}

/**
 * The day's statement and every difference between the ledger and the payment, refund and payout
 * rows: the day's records (payments that succeeded, refunds recorded, payouts paid that day) and the
 * day's ledger transactions, each matched with its counterpart whatever day that fell on.
 * `withProvider`: also ask WeChat Pay (when it is the provider) about the day's payments and refunds.
 */
export async function check(ctx: AppContext, day: string, withProvider: boolean): Promise<Check> {
  const range = shanghaiDayRange(day)
  if (!range) throw badRequest('INVALID_DAY', '日期须为 YYYY-MM-DD')
  const [start, end] = [range.start.toISOString(), range.end.toISOString()]
  const { db } = ctx

  const ledger = await repo.dayTransactions(db, day)
  const [payments, refunds, payouts] = await Promise.all([
    repo.succeededPaymentsIn(db, start, end),
    repo.refundsIn(db, start, end),
    repo.succeededPayoutsIn(db, start, end),
  ])

  // the other side of each: transactions of the day's records, records of the day's transactions
  const inLedger = new Set(ledger.map((t) => t.dedupeKey))
  const keys = [
    ...payments.map((p) => `${LedgerKind.payment}:${p.id}`),
    ...refunds.map((r) => `${LedgerKind.refund}:${r.id}`),
    ...payouts.map((p) => `${LedgerKind.payoutSent}:${p.id}`),
  ].filter((k) => !inLedger.has(k))
  const counterparts = await repo.transactionsByKeys(db, keys)
  const named = (kind: string, have: readonly { id: string }[]) => {
    const known = new Set(have.map((r) => r.id))
    return ledger
      .filter((t) => t.kind === kind)
      .map(recordIdOf)
      .filter((id): id is string => id !== null && !known.has(id))
  }
  const [morePayments, moreRefunds, morePayouts] = await Promise.all([
    repo.paymentsByIds(db, named(LedgerKind.payment, payments)),
    repo.refundsByIds(db, named(LedgerKind.refund, refunds)),
    repo.payoutsByIds(db, named(LedgerKind.payoutSent, payouts)),
  ])

  const differences = compareRecords({
    ledger,
    counterparts,
    payments: [...payments, ...morePayments],
    refunds: [...refunds, ...moreRefunds],
    payouts: [...payouts, ...morePayouts],
  })
  const provider = withProvider ? wechatPay(ctx) : null
  if (provider) differences.push(...(await providerCheck(ctx, provider, start, end)))
  return { statement: buildStatement(day, ledger), differences: sortDifferences(differences), providerChecked: provider !== null }
}

/** how many WeChat Pay queries are in flight at once */
const QUERY_CONCURRENCY = 4

async function eachLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(QUERY_CONCURRENCY, items.length) }, worker))
  return out
}

const errorCode = (error: unknown) => (error instanceof WechatPayError ? error.code : 'ERROR')

/** after this many queries in a row that got no answer (network, 5xx), the rest are not asked: WeChat Pay is down */
const GIVE_UP_AFTER = 3

/** One run's queries: once WeChat Pay stops answering, the rest fail at once (NOT_ASKED) rather than each timing out. */
function askingWechat() {
  let unansweredInRow = 0
  return async <T>(query: () => Promise<T>): Promise<T> => {
    if (unansweredInRow >= GIVE_UP_AFTER) throw new WechatPayError(0, 'NOT_ASKED', 'WeChat Pay is not answering')
    try {
      const answer = await query()
      unansweredInRow = 0
      return answer
    } catch (error) {
      const unanswered = !(error instanceof WechatPayError) || error.status === 0 || error.status >= 500
      unansweredInRow = unanswered ? unansweredInRow + 1 : 0
      throw error
    }
  }
}

/**
 * Ask WeChat Pay about each WeChat payment that ended that day (by out_trade_no: one query per
 * transaction, a basket's rows share one) and each refund recorded that day (by out_refund_no).
 */
async function providerCheck(ctx: AppContext, provider: WechatPayProvider, start: string, end: string): Promise<Difference[]> {
  const [payments, refunds] = await Promise.all([repo.wechatPaymentsIn(ctx.db, start, end), repo.wechatRefundsIn(ctx.db, start, end)])
  const refunded = await repo.ordersWithRefunds(
    ctx.db,
    payments.map((p) => p.order_id),
  )
  const ask = askingWechat()
  const byRef = new Map<string, repo.WechatPaymentToCheck[]>()
  for (const p of payments) {
    const ref = p.provider_ref ?? p.id
    byRef.set(ref, [...(byRef.get(ref) ?? []), p])
  }
  const paymentStates = (
    await eachLimited([...byRef.entries()], async ([outTradeNo, rows]): Promise<ProviderPaymentState[]> => {
      let answer: { state: string | null; totalFen: number | null; error?: string }
      try {
        const txn = await ask(() => provider.queryByOutTradeNo(outTradeNo))
        answer = { state: txn.trade_state, totalFen: txn.amount?.total ?? null }
      } catch (error) {
        answer =
          error instanceof WechatPayError && error.code === 'ORDER_NOT_EXIST'
            ? { state: PROVIDER_NOT_FOUND, totalFen: null }
            : { state: null, totalFen: null, error: errorCode(error) }
      }
      const hasRefunds = rows.some((r) => refunded.has(r.order_id))
      return rows.map((r) => ({
        paymentId: r.id,
        orderId: r.order_id,
        status: r.status,
        expectedTotalFen: r.basket_fen ?? r.amount_fen,
        hasRefunds,
        ...answer,
      }))
    })
  ).flat()
  const refundStates = await eachLimited(refunds, async (r): Promise<ProviderRefundState> => {
    const ours = { refundId: r.id, orderId: r.order_id, status: r.status, amountFen: r.amount_fen }
    try {
      const answer = await ask(() => provider.queryRefund(r.id))
      return { ...ours, state: answer.status ?? answer.refund_status ?? null, refundFen: answer.amount?.refund ?? null }
    } catch (error) {
      if (error instanceof WechatPayError && (error.code === 'RESOURCE_NOT_EXISTS' || error.status === 404)) {
        return { ...ours, state: PROVIDER_NOT_FOUND, refundFen: null }
      }
      return { ...ours, state: null, refundFen: null, error: errorCode(error) }
    }
  })
  return providerDifferences(paymentStates, refundStates)
}

// -- runs --------------------------------------------------------------------------------------------------------

/** The statement as saved: the contract's lines, plus whether the provider was asked (no column of its own). */
type SavedStatement = Statement & { providerChecked?: boolean }

function reportOf(row: repo.RunRow): ReconciliationReport {
  const { providerChecked, ...statement } = JSON.parse(row.statement) as SavedStatement
  return {
    day: row.day,
    statement: statement as ReconciliationStatement,
    differences: JSON.parse(row.differences) as ReconciliationDifference[],
    ranAt: row.ran_at,
    ranBy: row.ran_by,
    providerChecked: providerChecked === true,
  }
}

/**
 * Run the check for a day and save it (`reconciliation_runs`); an admin's run is audited in the same
 * transaction. The provider is asked before the transaction opens (no network while writing).
 */
export async function run(ctx: AppContext, ranBy: string, day: string): Promise<ReconciliationReport> {
  const result = await check(ctx, day, true)
  const ranAt = ctx.now().toISOString()
  const row: repo.RunRow = {
    id: newId(),
    day,
    statement: JSON.stringify({ ...result.statement, providerChecked: result.providerChecked } satisfies SavedStatement),
    differences: JSON.stringify(result.differences),
    difference_count: result.differences.length,
    ran_by: ranBy,
    ran_at: ranAt,
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await repo.latestRun(trx, day)
    await repo.insertRun(trx, row)
    if (ranBy !== JOB_RUNNER) {
      await audit(
        trx,
        {
          actorId: ranBy,
          action: 'reconciliation.run',
          targetKind: 'reconciliation',
          targetId: day,
          before: before ? { runId: before.id, ranAt: before.ran_at, differenceCount: before.difference_count } : null,
          after: { runId: row.id, ranAt, differenceCount: row.difference_count, balanced: result.statement.balanced },
        },
        ranAt,
      )
    }
  })
  return reportOf(row)
}

/**
 * The day as last run; a day never run is checked now against the rows (the provider is asked only
 * in a run), with ranAt null.
 */
export async function report(ctx: AppContext, day: string): Promise<ReconciliationReport> {
  const saved = await repo.latestRun(ctx.db, day)
  if (saved) return reportOf(saved)
  const result = await check(ctx, day, false)
  return { day, statement: result.statement, differences: result.differences, ranAt: null, ranBy: null, providerChecked: false }
}

/** The last `limit` calendar days (today first), each with its latest run. */
export async function days(ctx: AppContext, limit: number): Promise<ReconciliationDay[]> {
  const today = shanghaiDate(ctx.now())
  const from = daysBefore(today, limit - 1)
  const [runs, counts] = await Promise.all([repo.latestRunsBetween(ctx.db, from, today), repo.transactionCounts(ctx.db, from, today)])
  return Array.from({ length: limit }, (_, i) => {
    const day = daysBefore(today, i)
    const r = runs.get(day)
    return {
      day,
      differenceCount: r ? r.difference_count : null,
      ranAt: r ? r.ran_at : null,
      balanced: r ? (JSON.parse(r.statement) as Statement).balanced : null,
      transactionCount: counts.get(day) ?? 0,
    }
  })
}

/** how far back the console's alerts look */
export const ALERT_DAYS = 30

/** What needs an operator's eye: days whose latest run found differences, abnormal refunds, failed payouts. */
export async function alerts(ctx: AppContext): Promise<Alert[]> {
  const now = ctx.now()
  const today = shanghaiDate(now)
  const since = new Date(now.getTime() - ALERT_DAYS * 86_400_000).toISOString()
  const [runs, abnormal, failed] = await Promise.all([
    repo.latestRunsBetween(ctx.db, daysBefore(today, ALERT_DAYS - 1), today),
    repo.abnormalRefundCount(ctx.db),
    repo.failedPayoutCount(ctx.db, since),
  ])
  const out: Alert[] = []
  for (const r of [...runs.values()].sort((a, b) => (a.day < b.day ? 1 : -1))) {
    const unbalanced = !(JSON.parse(r.statement) as Statement).balanced
    const count = r.difference_count > 0 ? r.difference_count : unbalanced ? 1 : 0
    if (count > 0) out.push({ kind: 'reconciliation', count, day: r.day })
  }
  if (abnormal > 0) out.push({ kind: 'refund_abnormal', count: abnormal })
  if (failed > 0) out.push({ kind: 'payout_failed', count: failed })
  return out
}

// -- the daily job -----------------------------------------------------------------------------------------------

/** yesterday is run once it is this late today (Shanghai), so late notifications have come in */
export const DAILY_RUN_HOUR = 2
const DAILY_LEASE_MS = 10 * 60_000
const dailyLeases = new WeakMap<AppContext['db'], Lease>()

/**
 * Once a day, for yesterday (Asia/Shanghai): run the check unless the job already did, on one
 * instance at a time (a job lease). Called on every sweep; cheap when there is nothing to do.
 * Returns the report when it ran.
 */
export async function runDailyReconciliation(ctx: AppContext): Promise<ReconciliationReport | null> {
  const now = ctx.now()
  if (shanghaiParts(now).hour < DAILY_RUN_HOUR) return null
  const yesterday = daysBefore(shanghaiDate(now), 1)
  if (await repo.jobRanFor(ctx.db, yesterday, JOB_RUNNER)) return null
  let lease = dailyLeases.get(ctx.db)
  if (!lease) dailyLeases.set(ctx.db, (lease = new Lease('reconciliation-daily', DAILY_LEASE_MS)))
  if (!(await lease.take(ctx))) return null
  // another instance may have finished it just before we took the lease
  if (await repo.jobRanFor(ctx.db, yesterday, JOB_RUNNER)) return null
  return run(ctx, JOB_RUNNER, yesterday)
}
