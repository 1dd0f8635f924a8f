import { sql } from 'kysely'
import type { Database } from '../../server/db/database'
import { walletBalance } from '../../src/domain/ledger'
import { balanceOf } from '../../server/features/ledger/ledger.service'

/**
 * Everything the ledger must always be, read straight from the database: each transaction's entries
 * sum to zero, all entries sum to zero, each account's balance is the sum of its entries, every
 * succeeded payment has its payment transaction of the same amount (and no other), and every refund
 * row its refund transaction (and no other). Returns the problems found (empty: all adds up).
 */
export async function ledgerProblems(db: Database, nowIso: string): Promise<string[]> {
  const problems: string[] = []
  const unbalanced = await db
    .selectFrom('ledger_entries')
    .select(['transaction_id', sql<number>`sum(amount_fen)`.as('sum'), sql<number>`count(*)`.as('n')])
    .groupBy('transaction_id')
    .having((eb) => eb.or([eb(sql`sum(amount_fen)`, '!=', 0), eb(sql`count(*)`, '!=', 2)]))
    .execute()
  for (const u of unbalanced) problems.push(`transaction ${u.transaction_id}: ${u.n} entries summing to ${u.sum}`)
  const txs = await db
    .selectFrom('ledger_transactions')
    .select(['id', 'kind', 'amount_fen', 'order_id', 'refund_id', 'dedupe_key', 'day', 'created_at'])
    .execute()
  const withEntries = new Set((await db.selectFrom('ledger_entries').select('transaction_id').execute()).map((e) => e.transaction_id))
  for (const t of txs) {
    if (!withEntries.has(t.id)) problems.push(`transaction ${t.dedupe_key} has no entries`)
    if (Number(t.amount_fen) <= 0) problems.push(`transaction ${t.dedupe_key} of ${t.amount_fen}`)
  }
  const total = await db
    .selectFrom('ledger_entries')
    .select(sql<number>`coalesce(sum(amount_fen), 0)`.as('sum'))
    .executeTakeFirstOrThrow()
  if (Number(total.sum) !== 0) problems.push(`all entries sum to ${total.sum}`)
  const days = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('ledger_transactions as t', 't.id', 'e.transaction_id')
    .select(['t.day', sql<number>`sum(e.amount_fen)`.as('sum')])
    .groupBy('t.day')
    .execute()
  for (const d of days) if (Number(d.sum) !== 0) problems.push(`day ${d.day} sums to ${d.sum}`)

  for (const a of await db.selectFrom('ledger_accounts').select('id').execute()) {
    const entries = await db.selectFrom('ledger_entries').select(['amount_fen', 'available_at']).where('account_id', '=', a.id).execute()
    const b = await balanceOf(db, a.id, nowIso)
    // the database's sums are the pure rule's over the account's own entries (balance = their sum)
    const expected = walletBalance(
      entries.map((e) => ({ amountFen: Number(e.amount_fen), availableAt: e.available_at })),
      nowIso,
    )
    if (JSON.stringify(b) !== JSON.stringify(expected))
      problems.push(`account ${a.id}: balance ${JSON.stringify(b)}, entries ${JSON.stringify(expected)}`)
  }

  const payments = await db.selectFrom('payments').select(['id', 'amount_fen', 'order_id']).where('status', '=', 'succeeded').execute()
  const paymentTx = new Map(txs.filter((t) => t.kind === 'payment').map((t) => [t.dedupe_key, t]))
  for (const p of payments) {
    const t = paymentTx.get(`payment:${p.id}`)
    if (!t) problems.push(`payment ${p.id} (${p.amount_fen}) has no ledger transaction`)
    else if (Number(t.amount_fen) !== Number(p.amount_fen) || t.order_id !== p.order_id)
      problems.push(`payment ${p.id}: ${p.amount_fen} but posted ${t.amount_fen}`)
  }
  if (paymentTx.size !== payments.length) problems.push(`${paymentTx.size} payment transactions for ${payments.length} succeeded payments`)

  const refunds = await db.selectFrom('refunds').select(['id', 'amount_fen', 'order_id']).execute()
  const refundTx = new Map(txs.filter((t) => t.kind === 'refund').map((t) => [t.dedupe_key, t]))
  for (const r of refunds) {
    const t = refundTx.get(`refund:${r.id}`)
    if (!t) problems.push(`refund ${r.id} (${r.amount_fen}) has no ledger transaction`)
    else if (Number(t.amount_fen) !== Number(r.amount_fen) || t.order_id !== r.order_id || t.refund_id !== r.id)
      problems.push(`refund ${r.id}: ${r.amount_fen} but posted ${t.amount_fen}`)
  }
  if (refundTx.size !== refunds.length) problems.push(`${refundTx.size} refund transactions for ${refunds.length} refund rows`)
  return problems
}

/** The net commission an order's leader holds (commission less its reversals), from the ledger. */
export async function netCommissionOf(db: Database, orderId: string): Promise<number> {
  const rows = await db.selectFrom('ledger_transactions').select(['kind', 'amount_fen']).where('order_id', '=', orderId).execute()
  return rows.reduce((s, r) => s + (r.kind === 'commission' ? Number(r.amount_fen) : r.kind === 'commission_reversal' ? -Number(r.amount_fen) : 0), 0)
}
