import type { Insertable, Selectable } from 'kysely'
import type { Database } from '../../db/database'
import { chunks, groupBy } from '../../db/chunks'
import type { PaymentStatus, PaymentsTable, RefundStatus, RefundsTable } from '../../db/schema'
import { OrderStatus } from '../../../types/api'

export type PaymentRow = PaymentsTable
export type RefundRow = Selectable<RefundsTable>

export async function insertPayment(db: Database, row: PaymentRow): Promise<void> {
  await db.insertInto('payments').values(row).execute()
}

export function findPaymentByRef(db: Database, providerRef: string) {
  return db.selectFrom('payments').selectAll().where('provider_ref', '=', providerRef).executeTakeFirst()
}

/** every row of one provider transaction (one per order; one unless it pays a basket). */
export function findPaymentsByRef(db: Database, providerRef: string) {
  return db.selectFrom('payments').select(['id', 'order_id']).where('provider_ref', '=', providerRef).orderBy('id').execute()
}

export function findPaymentById(db: Database, id: string) {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst()
}

/** one row per order of a basket's shared transaction (a second tap's rows are ignored). */
export async function insertPaymentRows(db: Database, rows: readonly PaymentRow[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('payments')
    .values([...rows])
    .onConflict((oc) => oc.columns(['provider_ref', 'order_id']).doNothing())
    .execute()
}

/** the basket's WeChat transaction still waiting, for these very orders and this total. */
export function pendingBasketPayments(db: Database, basketId: string) {
  return db
    .selectFrom('payments')
    .select(['provider_ref', 'order_id', 'basket_fen'])
    .where('basket_id', '=', basketId)
    .where('provider', '=', 'wechatpay')
    .where('status', '=', 'pending')
    .execute()
}

export async function basketHasPayments(db: Database, basketId: string): Promise<boolean> {
  return (await db.selectFrom('payments').select('id').where('basket_id', '=', basketId).executeTakeFirst()) !== undefined
}

export function findSucceededPayment(db: Database, orderId: string) {
  return db.selectFrom('payments').selectAll().where('order_id', '=', orderId).where('status', '=', 'succeeded').executeTakeFirst()
}

/** pending -> succeeded once; true only for the call that made the change. */
export async function markPaymentSucceeded(db: Database, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('payments')
    .set({ status: 'succeeded', completed_at: nowIso })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function markPayment(db: Database, id: string, status: PaymentStatus, nowIso: string): Promise<void> {
  await db.updateTable('payments').set({ status, completed_at: nowIso }).where('id', '=', id).execute()
}

/** Many refund rows, a few hundred per statement. */
export async function insertRefunds(db: Database, rows: readonly Insertable<RefundsTable>[]): Promise<void> {
  for (const chunk of chunks(rows))
    await db
      .insertInto('refunds')
      .values([...chunk])
      .execute()
}

/** Refunds still to hand to the provider whose next attempt is due, oldest first. */
export function pendingRefunds(db: Database, limit: number, nowIso: string) {
  return db
    .selectFrom('refunds')
    .innerJoin('payments', (j) => j.onRef('payments.order_id', '=', 'refunds.order_id').on('payments.status', '=', 'succeeded'))
    .select([
      'refunds.id',
      'refunds.order_id',
      'refunds.amount_fen',
      'refunds.reason',
      'refunds.attempts',
      'payments.provider_ref as payment_ref',
      'payments.amount_fen as payment_fen',
      // the shared transaction's total
      'payments.basket_fen',
    ])
    .where('refunds.status', '=', 'pending')
    .where((eb) => eb.or([eb('refunds.next_attempt_at', 'is', null), eb('refunds.next_attempt_at', '<=', nowIso)]))
    .orderBy('refunds.created_at')
    .limit(limit)
    .execute()
}

/** The provider did not take it: count the attempt and wait before the next. */
export async function retryRefundLater(db: Database, id: string, nextAttemptIso: string, error: string): Promise<number> {
  const row = await db
    .updateTable('refunds')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptIso, last_error: error.slice(0, 500) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning('attempts')
    .executeTakeFirst()
  return row?.attempts ?? 0
}

export async function markRefundDone(db: Database, id: string, status: RefundStatus, providerRef: string): Promise<void> {
  await db.updateTable('refunds').set({ status, provider_ref: providerRef }).where('id', '=', id).where('status', '=', 'pending').execute()
}

export function refundsOfOrders(db: Database, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([] as RefundRow[])
  return db.selectFrom('refunds').selectAll().where('order_id', 'in', orderIds).orderBy('created_at').execute()
}

/** Add each amount to its order's refund_fen: one update per amount and few hundred orders. */
export async function addOrderRefunds(trx: Database, refunds: readonly { orderId: string; amountFen: number }[], nowIso: string): Promise<void> {
  for (const [amountFen, group] of groupBy(refunds, (r) => r.amountFen)) {
    for (const chunk of chunks(group)) {
      await trx
        .updateTable('orders')
        .set((eb) => ({ refund_fen: eb('refund_fen', '+', amountFen), updated_at: nowIso }))
        .where(
          'id',
          'in',
          chunk.map((r) => r.orderId),
        )
        .execute()
    }
  }
}

/** The order's WeChat payment still waiting for this very amount, if a tap already opened one. */
export function findPendingWechatPayment(db: Database, orderId: string, amountFen: number) {
  return (
    db
      .selectFrom('payments')
      .select('id')
      .where('order_id', '=', orderId)
      .where('provider', '=', 'wechatpay')
      .where('status', '=', 'pending')
      .where('amount_fen', '=', amountFen)
      // a basket's row is part of its shared transaction, not this order's own
      .where('basket_id', 'is', null)
      .executeTakeFirst()
  )
}

export function findDealCutoff(db: Database, dealId: string) {
  return db.selectFrom('deals').select('cutoff_at').where('id', '=', dealId).executeTakeFirst()
}

export function findOrderDealId(db: Database, orderId: string) {
  return db.selectFrom('orders').select('deal_id').where('id', '=', orderId).executeTakeFirstOrThrow()
}

export function findOrderRow(db: Database, orderId: string) {
  return db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
}

/** A pending order becomes paid with its pickup code (only from pending_payment). */
export async function markOrderPaid(
  trx: Database,
  orderId: string,
  patch: { status: OrderStatus; paid_fen: number; paid_at: string; updated_at: string; hold_expires_at: null; pickup_code: string },
): Promise<void> {
  await trx.updateTable('orders').set(patch).where('id', '=', orderId).where('status', '=', OrderStatus.pendingPayment).execute()
}
