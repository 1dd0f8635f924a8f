import type { LedgerTxn, PaymentRecord, PayoutRecord, RefundRecord } from '../../../src/domain/reconciliation'
import type { Database } from '../../db/database'
import type { ReconciliationRunsTable } from '../../db/schema'

/** `in (...)` lists stay well under both databases' parameter limits. */
const CHUNK = 500

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)]
  const out: T[] = []
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await read(unique.slice(i, i + CHUNK))))
  return out
}

type TxnRow = {
  id: string
  kind: string
  dedupe_key: string
  amount_fen: number
  order_id: string | null
  refund_id: string | null
  payout_id: string | null
}

async function withEntries(db: Database, rows: TxnRow[]): Promise<LedgerTxn[]> {
  const entries = await inChunks(
    rows.map((r) => r.id),
    (ids) =>
      db
        .selectFrom('ledger_entries')
        .select(['transaction_id', 'account_id', 'amount_fen'])
        .where('transaction_id', 'in', ids)
        .orderBy('id')
        .execute(),
  )
  const byTxn = new Map<string, { accountId: string; amountFen: number }[]>()
  for (const e of entries) byTxn.set(e.transaction_id, [...(byTxn.get(e.transaction_id) ?? []), { accountId: e.account_id, amountFen: e.amount_fen }])
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    dedupeKey: r.dedupe_key,
    amountFen: r.amount_fen,
    orderId: r.order_id,
    refundId: r.refund_id,
    payoutId: r.payout_id,
    entries: byTxn.get(r.id) ?? [],
  }))
}

const TXN_COLUMNS = ['id', 'kind', 'dedupe_key', 'amount_fen', 'order_id', 'refund_id', 'payout_id'] as const

/** The day's ledger transactions (every kind), with their entries. */
export async function dayTransactions(db: Database, day: string): Promise<LedgerTxn[]> {
  const rows = await db.selectFrom('ledger_transactions').select(TXN_COLUMNS).where('day', '=', day).orderBy('created_at').orderBy('id').execute()
  return withEntries(db, rows)
}

/** Transactions by dedupe key (`payment:<id>` ...), whatever their day: the counterparts of a day's records. */
export async function transactionsByKeys(db: Database, keys: readonly string[]): Promise<LedgerTxn[]> {
  const rows = await inChunks(keys, (chunk) => db.selectFrom('ledger_transactions').select(TXN_COLUMNS).where('dedupe_key', 'in', chunk).execute())
  return withEntries(db, rows)
}

/** Payments that succeeded within [start, end) (their completed_at). */
export function succeededPaymentsIn(db: Database, startIso: string, endIso: string): Promise<PaymentRecord[]> {
  return db
    .selectFrom('payments')
    .select(['id', 'order_id as orderId', 'amount_fen as amountFen', 'status'])
    .where('status', '=', 'succeeded')
    .where('completed_at', '>=', startIso)
    .where('completed_at', '<', endIso)
    .execute()
}

export function paymentsByIds(db: Database, ids: readonly string[]): Promise<PaymentRecord[]> {
  return inChunks(ids, (chunk) =>
    db.selectFrom('payments').select(['id', 'order_id as orderId', 'amount_fen as amountFen', 'status']).where('id', 'in', chunk).execute(),
  )
}

/** Refunds recorded within [start, end) (their created_at: the ledger posts a refund when it is owed). */
export function refundsIn(db: Database, startIso: string, endIso: string): Promise<RefundRecord[]> {
  return db
    .selectFrom('refunds')
    .select(['id', 'order_id as orderId', 'amount_fen as amountFen', 'status'])
    .where('created_at', '>=', startIso)
    .where('created_at', '<', endIso)
    .execute()
}

export function refundsByIds(db: Database, ids: readonly string[]): Promise<RefundRecord[]> {
  return inChunks(ids, (chunk) =>
    db.selectFrom('refunds').select(['id', 'order_id as orderId', 'amount_fen as amountFen', 'status']).where('id', 'in', chunk).execute(),
  )
}

/** Payouts paid within [start, end) (their finished_at). */
export function succeededPayoutsIn(db: Database, startIso: string, endIso: string): Promise<PayoutRecord[]> {
  return db
    .selectFrom('payouts')
    .select(['id', 'amount_fen as amountFen', 'status'])
    .where('status', '=', 'succeeded')
    .where('finished_at', '>=', startIso)
    .where('finished_at', '<', endIso)
    .execute()
}

export function payoutsByIds(db: Database, ids: readonly string[]): Promise<PayoutRecord[]> {
  return inChunks(ids, (chunk) => db.selectFrom('payouts').select(['id', 'amount_fen as amountFen', 'status']).where('id', 'in', chunk).execute())
}

// -- what to ask WeChat Pay about ----------------------------------------------------------------------------

export interface WechatPaymentToCheck {
  id: string
  order_id: string
  status: string
  amount_fen: number
  provider_ref: string | null
  basket_fen: number | null
}

/** WeChat Pay payments that ended within [start, end): succeeded ones, and ones we closed. */
export function wechatPaymentsIn(db: Database, startIso: string, endIso: string): Promise<WechatPaymentToCheck[]> {
  return db
    .selectFrom('payments')
    .select(['id', 'order_id', 'status', 'amount_fen', 'provider_ref', 'basket_fen'])
    .where('provider', '=', 'wechatpay')
    .where('status', 'in', ['succeeded', 'closed'])
    .where('completed_at', '>=', startIso)
    .where('completed_at', '<', endIso)
    .orderBy('completed_at')
    .execute() as Promise<WechatPaymentToCheck[]>
}

/** The orders among these with a refund recorded (WeChat then says REFUND of their payment). */
export async function ordersWithRefunds(db: Database, orderIds: readonly string[]): Promise<Set<string>> {
  const rows = await inChunks(orderIds, (chunk) => db.selectFrom('refunds').select('order_id').distinct().where('order_id', 'in', chunk).execute())
  return new Set(rows.map((r) => r.order_id))
}

export interface WechatRefundToCheck {
  id: string
  order_id: string
  status: string
  amount_fen: number
}

/** Refunds recorded within [start, end) of orders paid with WeChat Pay (their out_refund_no is the id). */
export function wechatRefundsIn(db: Database, startIso: string, endIso: string): Promise<WechatRefundToCheck[]> {
  return db
    .selectFrom('refunds as r')
    .select(['r.id', 'r.order_id', 'r.status', 'r.amount_fen'])
    .where('r.created_at', '>=', startIso)
    .where('r.created_at', '<', endIso)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('payments as p')
          .select('p.id')
          .whereRef('p.order_id', '=', 'r.order_id')
          .where('p.provider', '=', 'wechatpay')
          .where('p.status', '=', 'succeeded'),
      ),
    )
    .orderBy('r.created_at')
    .execute()
}

// -- runs ------------------------------------------------------------------------------------------------------

export type RunRow = ReconciliationRunsTable

export async function insertRun(db: Database, row: RunRow): Promise<void> {
  await db.insertInto('reconciliation_runs').values(row).execute()
}

export function latestRun(db: Database, day: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('reconciliation_runs')
    .selectAll()
    .where('day', '=', day)
    .orderBy('ran_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** The latest run of each day in [fromDay, toDay] (without the differences' JSON). */
export async function latestRunsBetween(
  db: Database,
  fromDay: string,
  toDay: string,
): Promise<Map<string, Pick<RunRow, 'day' | 'statement' | 'difference_count' | 'ran_at'>>> {
  const rows = await db
    .selectFrom('reconciliation_runs')
    .select(['day', 'statement', 'difference_count', 'ran_at'])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .orderBy('day', 'desc')
    .orderBy('ran_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  const latest = new Map<string, (typeof rows)[number]>()
  for (const r of rows) if (!latest.has(r.day)) latest.set(r.day, r)
  return latest
}

/** Ledger transactions per day in [fromDay, toDay]. */
export async function transactionCounts(db: Database, fromDay: string, toDay: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('ledger_transactions')
    .select(['day', (eb) => eb.fn.countAll<number>().as('n')])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .groupBy('day')
    .execute()
  return new Map(rows.map((r) => [r.day, Number(r.n)]))
}

// -- alerts ------------------------------------------------------------------------------------------------------

export async function abnormalRefundCount(db: Database): Promise<number> {
  const row = await db
    .selectFrom('refunds')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'abnormal')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function failedPayoutCount(db: Database, sinceIso: string): Promise<number> {
  const row = await db
    .selectFrom('payouts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'failed')
    .where('updated_at', '>=', sinceIso)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Has this runner (the daily job) run this day already? */
export async function jobRanFor(db: Database, day: string, ranBy: string): Promise<boolean> {
  const row = await db.selectFrom('reconciliation_runs').select('id').where('day', '=', day).where('ran_by', '=', ranBy).limit(1).executeTakeFirst()
  return row !== undefined
}
