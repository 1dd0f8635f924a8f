import { sql } from 'kysely'
import type { LedgerAccountKind, LedgerKind } from '../../../types/api'
import { chunks } from '../../db/chunks'
import { databaseKind, type Database } from '../../db/database'

/** All SQL of the ledger: append-only accounts, transactions and entries. */

/** Creates the account if it is not there yet (concurrent first uses are fine: one insert wins). */
export async function ensureAccount(trx: Database, id: string, kind: LedgerAccountKind, ownerId: string | null, nowIso: string): Promise<void> {
  await trx
    .insertInto('ledger_accounts')
    .values({ id, kind, owner_id: ownerId, created_at: nowIso })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

/**
 * PostgreSQL: holds the account's row until the transaction ends, against every other locker
 * (SELECT … FOR NO KEY UPDATE: as exclusive as FOR UPDATE among lockers, but postings to the account
 * meanwhile — whose entries only take the foreign key's KEY SHARE — are not held up behind it).
 * SQLite's write transactions are already serial.
 */
export async function lockAccountRow(trx: Database, id: string): Promise<void> {
  if (databaseKind(trx) !== 'postgres') return
  await trx.selectFrom('ledger_accounts').select('id').where('id', '=', id).forNoKeyUpdate().execute()
}

export interface TransactionRow {
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

/** Many transactions, those whose dedupe_key is new: returns the ids inserted. */
export async function insertTransactionsOnce(trx: Database, rows: readonly TransactionRow[]): Promise<Set<string>> {
  const inserted = new Set<string>()
  for (const chunk of chunks(rows, 500)) {
    const got = await trx
      .insertInto('ledger_transactions')
      .values([...chunk])
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute()
    for (const r of got) inserted.add(r.id)
  }
  return inserted
}

/** Many accounts at once, those not there yet. */
export async function ensureAccounts(
  trx: Database,
  rows: readonly { id: string; kind: LedgerAccountKind; owner_id: string | null }[],
  nowIso: string,
): Promise<void> {
  for (const chunk of chunks(rows, 500)) {
    await trx
      .insertInto('ledger_accounts')
      .values(chunk.map((r) => ({ ...r, created_at: nowIso })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute()
  }
}

export interface EntryRow {
  id: string
  transaction_id: string
  account_id: string
  amount_fen: number
  available_at: string | null
  created_at: string
}

export async function insertEntries(trx: Database, rows: readonly EntryRow[]): Promise<void> {
  for (const chunk of chunks(rows, 1000))
    await trx
      .insertInto('ledger_entries')
      .values([...chunk])
      .execute()
}

/** Sum of the account's entries, and of its credits still held at `nowIso`. */
export async function accountSums(db: Database, accountId: string, nowIso: string): Promise<{ balance: number; pending: number }> {
  const row = await db
    .selectFrom('ledger_entries')
    .select([
      sql<number>`coalesce(sum(amount_fen), 0)`.as('balance'),
      sql<number>`coalesce(sum(case when amount_fen > 0 and available_at is not null and available_at > ${nowIso} then amount_fen else 0 end), 0)`.as(
        'pending',
      ),
    ])
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow()
  return { balance: Number(row.balance), pending: Number(row.pending) }
}

export interface AccountEntryRow {
  id: string
  amount_fen: number
  available_at: string | null
  created_at: string
  kind: LedgerKind
  memo: string
  order_id: string | null
  deal_id: string | null
  payout_id: string | null
  deal_title: string | null
}

/** The account's entries, newest first; `before`: an entry id, to page on past it. */
export async function accountEntries(db: Database, accountId: string, limit: number, before?: string): Promise<AccountEntryRow[]> {
  let cursor: { created_at: string; id: string } | undefined
  if (before) {
    cursor = await db
      .selectFrom('ledger_entries')
      .select(['created_at', 'id'])
      .where('id', '=', before)
      .where('account_id', '=', accountId)
      .executeTakeFirst()
  }
  let q = db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .leftJoin('orders as o', 'o.id', 't.order_id')
    .leftJoin('deals as d', (j) => j.on(sql`d.id`, '=', sql`coalesce(t.deal_id, o.deal_id)`))
    .select([
      'e.id',
      'e.amount_fen',
      'e.available_at',
      'e.created_at',
      't.kind',
      't.memo',
      't.order_id',
      sql<string | null>`coalesce(t.deal_id, o.deal_id)`.as('deal_id'),
      't.payout_id',
      'd.title as deal_title',
    ])
    .where('e.account_id', '=', accountId)
  if (cursor) {
    const c = cursor
    q = q.where((eb) => eb.or([eb('e.created_at', '<', c.created_at), eb.and([eb('e.created_at', '=', c.created_at), eb('e.id', '<', c.id)])]))
  }
  return q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(limit).execute()
}

/** What an order's commission is made from: the frozen terms, and what they fall back to before settlement froze them. */
export interface OrderCommissionRow {
  id: string
  deal_id: string
  paid_fen: number
  refund_fen: number
  commission_bps: number | null
  commission_leader_id: string | null
  deal_commission_bps: number | null
  point_leader_id: string | null
  point_leader_bps: number | null
}

export async function orderCommissionRows(trx: Database, orderIds: readonly string[]): Promise<OrderCommissionRow[]> {
  const out: OrderCommissionRow[] = []
  for (const ids of chunks(orderIds)) {
    const rows = await trx
      .selectFrom('orders as o')
      .innerJoin('deals as d', 'd.id', 'o.deal_id')
      .leftJoin('pickup_points as pp', 'pp.id', 'o.pickup_point_id')
      .leftJoin('users as u', 'u.id', 'pp.leader_id')
      .select([
        'o.id',
        'o.deal_id',
        'o.paid_fen',
        'o.refund_fen',
        'o.commission_bps',
        'o.commission_leader_id',
        'd.commission_bps as deal_commission_bps',
        'pp.leader_id as point_leader_id',
        'u.commission_bps as point_leader_bps',
      ])
      .where('o.id', 'in', ids)
      .execute()
    for (const r of rows)
      out.push({
        ...r,
        paid_fen: Number(r.paid_fen),
        refund_fen: Number(r.refund_fen),
        commission_bps: r.commission_bps ?? null,
        commission_leader_id: r.commission_leader_id ?? null,
        deal_commission_bps: r.deal_commission_bps ?? null,
      })
  }
  return out
}

/** Commission posted on these orders: to which account, how much, and how much of it has been reversed since. */
export async function commissionsPosted(
  trx: Database,
  orderIds: readonly string[],
): Promise<Map<string, { accountId: string; postedFen: number; reversedFen: number }>> {
  const out = new Map<string, { accountId: string; postedFen: number; reversedFen: number }>()
  for (const ids of chunks(orderIds)) {
    const posted = await trx
      .selectFrom('ledger_transactions as t')
      .innerJoin('ledger_entries as e', 'e.transaction_id', 't.id')
      .select(['t.order_id', 't.amount_fen', 'e.account_id'])
      .where('t.kind', '=', 'commission')
      .where('t.order_id', 'in', ids)
      .where('e.amount_fen', '>', 0)
      .execute()
    for (const r of posted) out.set(r.order_id!, { accountId: r.account_id, postedFen: Number(r.amount_fen), reversedFen: 0 })
    if (posted.length === 0) continue
    const reversed = await trx
      .selectFrom('ledger_transactions')
      .select(['order_id', sql<number>`sum(amount_fen)`.as('fen')])
      .where('kind', '=', 'commission_reversal')
      .where(
        'order_id',
        'in',
        posted.map((r) => r.order_id!),
      )
      .groupBy('order_id')
      .execute()
    for (const r of reversed) {
      const c = out.get(r.order_id!)
      if (c) c.reversedFen = Number(r.fen)
    }
  }
  return out
}
