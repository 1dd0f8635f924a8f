import type { Insertable, Selectable, Updateable } from 'kysely'
import type { PayoutStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import type { PayoutsTable } from '../../db/schema'

/** Payouts (提现): all their SQL. Rows move by conditional updates, so two movers never both win. */

export type PayoutRow = Selectable<PayoutsTable>
export type PayoutPatch = Updateable<PayoutsTable>

/** Statuses whose amount counts against the day's cap: asked for and not given back. */
const NOT_RETURNED: PayoutStatus[] = ['requested', 'sending', 'wait_user_confirm', 'transferring', 'succeeded']
const IN_FLIGHT: PayoutStatus[] = ['requested', 'sending', 'wait_user_confirm', 'transferring']

const fromRow = <R extends PayoutRow>(r: R): R => ({ ...r, amount_fen: Number(r.amount_fen), attempts: Number(r.attempts ?? 0) })

export async function findPayout(db: Database, id: string): Promise<PayoutRow | undefined> {
  const r = await db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirst()
  return r ? fromRow(r) : undefined
}

export async function findByBillNo(db: Database, billNo: string): Promise<PayoutRow | undefined> {
  const r = await db.selectFrom('payouts').selectAll().where('bill_no', '=', billNo).executeTakeFirst()
  return r ? fromRow(r) : undefined
}

export async function findByKey(db: Database, userId: string, key: string): Promise<PayoutRow | undefined> {
  const r = await db.selectFrom('payouts').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key).executeTakeFirst()
  return r ? fromRow(r) : undefined
}

export async function insertPayout(trx: Database, row: Insertable<PayoutsTable>): Promise<void> {
  await trx.insertInto('payouts').values(row).execute()
}

/** What an account asked for on a Shanghai day and has not had back (the daily cap's measure). */
export async function requestedOnDayFen(db: Database, accountId: string, day: string): Promise<number> {
  const r = await db
    .selectFrom('payouts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('fen'))
    .where('account_id', '=', accountId)
    .where('day', '=', day)
    .where('status', 'in', NOT_RETURNED)
    .executeTakeFirst()
  return Number(r?.fen ?? 0)
}

/** In flight (asked, not yet paid nor back) and paid out, for one account. */
export async function payoutTotals(db: Database, accountId: string): Promise<{ inFlightFen: number; paidOutFen: number }> {
  const rows = await db
    .selectFrom('payouts')
    .select((eb) => ['status', eb.fn.sum<number>('amount_fen').as('fen')])
    .where('account_id', '=', accountId)
    .groupBy('status')
    .execute()
  let inFlightFen = 0
  let paidOutFen = 0
  for (const r of rows) {
    if (IN_FLIGHT.includes(r.status)) inFlightFen += Number(r.fen)
    if (r.status === 'succeeded') paidOutFen += Number(r.fen)
  }
  return { inFlightFen, paidOutFen }
}

export async function payoutsOfAccount(db: Database, accountId: string, limit: number): Promise<PayoutRow[]> {
  const rows = await db
    .selectFrom('payouts')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('requested_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map(fromRow)
}

/**
 * Move a payout from the status it was read in; false when someone else moved it first (the caller
 * reads it again). The patch is what the move records (reviewer, provider state, times).
 */
export async function movePayout(trx: Database, id: string, from: PayoutStatus, patch: PayoutPatch): Promise<boolean> {
  const r = await trx.updateTable('payouts').set(patch).where('id', '=', id).where('status', '=', from).executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Provider facts on a payout that stays where it is (a repeated state, a newer package_info). */
export async function notePayout(trx: Database, id: string, patch: PayoutPatch): Promise<void> {
  await trx.updateTable('payouts').set(patch).where('id', '=', id).execute()
}

/**
 * Take a payout that is due to be sent: one sender at a time (the next attempt moves ahead first, so a
 * second sweeper, or a crash mid-send, waits for it). False when it is not due or someone else took it.
 */
export async function claimSend(db: Database, id: string, nowIso: string, nextAttemptIso: string): Promise<boolean> {
  const r = await db
    .updateTable('payouts')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptIso, updated_at: nowIso }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Due, by status: approved ones to send, or ones at the provider to ask about. */
export async function duePayouts(db: Database, statuses: PayoutStatus[], nowIso: string, limit: number): Promise<PayoutRow[]> {
  const rows = await db
    .selectFrom('payouts')
    .selectAll()
    .where('status', 'in', statuses)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute()
  return rows.map(fromRow)
}

export async function recordSendError(db: Database, id: string, error: string, nowIso: string): Promise<void> {
  await db
    .updateTable('payouts')
    .set({ last_error: error.slice(0, 300), updated_at: nowIso })
    .where('id', '=', id)
    .execute()
}

export async function userFacts(db: Database, userId: string) {
  return db.selectFrom('users').select(['id', 'nickname', 'openid', 'suspended_at']).where('id', '=', userId).executeTakeFirst()
}

export async function supplierOfUser(db: Database, userId: string) {
  return db.selectFrom('suppliers').select(['id', 'name', 'status', 'user_id']).where('user_id', '=', userId).executeTakeFirst()
}

export async function supplierById(db: Database, id: string) {
  return db.selectFrom('suppliers').select(['id', 'name', 'status', 'user_id']).where('id', '=', id).executeTakeFirst()
}

export interface AdminFilter {
  status?: PayoutStatus
  ownerKind?: 'leader' | 'supplier'
  offset: number
  limit: number
}

/** The operator's list: those waiting for a decision first, each part newest first. */
export async function adminPayouts(db: Database, f: AdminFilter) {
  let q = db
    .selectFrom('payouts')
    .innerJoin('users', 'users.id', 'payouts.user_id')
    .leftJoin('suppliers', (j) => j.onRef('suppliers.id', '=', 'payouts.owner_id').on('payouts.owner_kind', '=', 'supplier'))
    .selectAll('payouts')
    .select(['users.nickname', 'users.suspended_at', 'suppliers.name as supplier_name', 'suppliers.status as supplier_status'])
  if (f.status) q = q.where('payouts.status', '=', f.status)
  if (f.ownerKind) q = q.where('payouts.owner_kind', '=', f.ownerKind)
  const rows = await q
    .orderBy((eb) => eb.case().when('payouts.status', '=', 'requested').then(0).else(1).end())
    .orderBy('payouts.requested_at', 'desc')
    .orderBy('payouts.id', 'desc')
    .offset(f.offset)
    .limit(f.limit + 1)
    .execute()
  return rows.map(fromRow)
}

export async function countRequested(db: Database): Promise<number> {
  const r = await db
    .selectFrom('payouts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'requested')
    .executeTakeFirst()
  return Number(r?.n ?? 0)
}

/**
 * A WeChat Pay notification's id, recorded once (the table the payment notifications use): false when
 * it was recorded before, by an earlier delivery or one racing this very one.
 */
export async function recordNotification(
  trx: Database,
  row: { id: string; event_type: string; resource_ref: string | null; received_at: string },
): Promise<boolean> {
  const written = await trx
    .insertInto('wechatpay_notifications')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute()
  return written.length === 1
}
