import type { Database } from '../../db/database'
import type { PaymentStatus, RefundStatus } from '../../db/schema'

/** WeChat Pay's own records: notifications seen, payments asked about, late money sent back. */

export async function isNotificationSeen(db: Database, id: string): Promise<boolean> {
  return (await db.selectFrom('wechatpay_notifications').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

/** A notification handled, so a redelivery is answered at once (once per notification id). */
export async function rememberNotification(
  db: Database,
  row: { id: string; event_type: string; resource_ref: string | null; received_at: string },
): Promise<void> {
  await db
    .insertInto('wechatpay_notifications')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

export function findWechatPaymentByRef(db: Database, outTradeNo: string) {
  return db.selectFrom('payments').selectAll().where('provider_ref', '=', outTradeNo).where('provider', '=', 'wechatpay').executeTakeFirst()
}

export async function setTransactionId(db: Database, outTradeNo: string, transactionId: string | null): Promise<void> {
  await db
    .updateTable('payments')
    .set({ wechat_transaction_id: transactionId })
    .where('provider_ref', '=', outTradeNo)
    .where('provider', '=', 'wechatpay')
    .execute()
}

/** Our refund behind an out_refund_no, with the reference of the payment it returns. */
export function findRefundWithPayment(db: Database, refundId: string) {
  return db
    .selectFrom('refunds')
    .innerJoin('payments', (j) => j.onRef('payments.order_id', '=', 'refunds.order_id').on('payments.status', '=', 'succeeded'))
    .select(['refunds.id', 'refunds.amount_fen', 'refunds.status', 'payments.provider_ref as payment_ref'])
    .where('refunds.id', '=', refundId)
    .executeTakeFirst()
}

/** How WeChat says a refund ended, applied only while we still wait for it. */
export async function settleRefund(db: Database, id: string, status: RefundStatus, providerRef: string): Promise<void> {
  await db
    .updateTable('refunds')
    .set({ status, provider_ref: providerRef })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'processing'])
    .execute()
}

/** Pending WeChat payments made before `quietIso` and not asked about since, oldest first. */
export function paymentsToReconcile(db: Database, quietIso: string, limit: number) {
  return db
    .selectFrom('payments')
    .innerJoin('orders', 'orders.id', 'payments.order_id')
    .select(['payments.id', 'payments.provider_ref', 'orders.hold_expires_at', 'orders.status as order_status'])
    .where('payments.provider', '=', 'wechatpay')
    .where('payments.status', '=', 'pending')
    .where('payments.created_at', '<=', quietIso)
    .where((eb) => eb.or([eb('payments.checked_at', 'is', null), eb('payments.checked_at', '<=', quietIso)]))
    .orderBy('payments.created_at')
    .limit(limit)
    .execute()
}

export async function markPaymentChecked(db: Database, id: string, nowIso: string): Promise<void> {
  await db.updateTable('payments').set({ checked_at: nowIso }).where('id', '=', id).execute()
}

/** A payment that can no longer be paid, if it is still pending. */
export async function closePendingPayment(db: Database, id: string, nowIso: string): Promise<void> {
  await db.updateTable('payments').set({ status: 'closed', completed_at: nowIso }).where('id', '=', id).where('status', '=', 'pending').execute()
}

/** Refunds WeChat accepted (PROCESSING) before `beforeIso`, oldest first. */
export function processingRefunds(db: Database, beforeIso: string, limit: number) {
  return db
    .selectFrom('refunds')
    .select(['id', 'amount_fen'])
    .where('status', '=', 'processing')
    .where('created_at', '<=', beforeIso)
    .orderBy('created_at')
    .limit(limit)
    .execute()
}

/** processing -> how it ended; true only for the call that made the change. */
export async function settleProcessingRefund(db: Database, id: string, status: RefundStatus, providerRef: string): Promise<boolean> {
  const u = await db
    .updateTable('refunds')
    .set({ status, provider_ref: providerRef })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .executeTakeFirst()
  return Number(u.numUpdatedRows) === 1
}

/** A rejected WeChat payment took real money: it is owed back. True only for the call that made the change. */
export async function markRefundDue(db: Database, outTradeNo: string): Promise<boolean> {
  const r = await db
    .updateTable('payments')
    .set({ status: 'refund_due' })
    .where('provider_ref', '=', outTradeNo)
    .where('provider', '=', 'wechatpay')
    .where('status', '=', 'rejected')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/**
 * A WeChat payment is only ever rejected (or voided as a duplicate) after WeChat said SUCCESS:
 * the money is there either way.
 */
const MONEY_TO_RETURN: PaymentStatus[] = ['refund_due', 'rejected', 'duplicate']

export function latePaymentsToRefund(db: Database, limit: number) {
  return db
    .selectFrom('payments')
    .select(['id', 'provider_ref', 'amount_fen', 'basket_fen'])
    .where('provider', '=', 'wechatpay')
    .where('status', 'in', MONEY_TO_RETURN)
    .limit(limit)
    .execute()
}

export async function markRefunding(db: Database, id: string): Promise<void> {
  await db.updateTable('payments').set({ status: 'refunding' }).where('id', '=', id).where('status', 'in', MONEY_TO_RETURN).execute()
}

export function findWechatPayment(db: Database, id: string) {
  return db.selectFrom('payments').selectAll().where('id', '=', id).where('provider', '=', 'wechatpay').executeTakeFirst()
}

/** How the late refund ended (refunded / refund_abnormal), from any status on the way there. */
export async function endLateRefund(db: Database, id: string, status: PaymentStatus): Promise<void> {
  await db
    .updateTable('payments')
    .set({ status })
    .where('id', '=', id)
    .where('status', 'in', ['rejected', 'duplicate', 'refund_due', 'refunding'])
    .execute()
}
