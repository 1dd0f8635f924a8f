import type { AppContext } from '../../http/context'
import { paymentProvider } from './payment-provider'

/**
 * Money that arrives for an order no longer payable (its hold ran out, or the deal closed, while the
 * shopper was paying in WeChat) goes straight back. The engine marks such a payment `rejected`; a
 * WeChat payment that really took money becomes `refund_due`, is refunded in full by the job
 * (out_refund_no `late_<payment id>`, so asking twice refunds once), then `refunding`, and `refunded`
 * when WeChat's refund notification comes.
 */
export const LATE_REFUND_PREFIX = 'late_'

export async function markRefundDue(ctx: AppContext, outTradeNo: string): Promise<boolean> {
  const r = await ctx.db
    .updateTable('payments')
    .set({ status: 'refund_due' })
    .where('provider_ref', '=', outTradeNo)
    .where('provider', '=', 'wechatpay')
    .where('status', '=', 'rejected')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function refundLatePayments(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('payments')
    .select(['id', 'provider_ref', 'amount_fen'])
    .where('provider', '=', 'wechatpay')
    // a WeChat payment is only ever rejected (or voided as a duplicate) after WeChat said SUCCESS:
    // the money is there either way
    .where('status', 'in', ['refund_due', 'rejected', 'duplicate'])
    .limit(50)
    .execute()
  let refunded = 0
  for (const p of due) {
    try {
      await paymentProvider(ctx).refund({
        refundId: `${LATE_REFUND_PREFIX}${p.id}`,
        paymentRef: p.provider_ref!,
        amountFen: p.amount_fen,
        totalFen: p.amount_fen,
        reason: 'payment_rejected',
      })
    } catch {
      continue // WeChat Pay unavailable: the next sweep asks again
    }
    await ctx.db.updateTable('payments').set({ status: 'refunding' }).where('id', '=', p.id).where('status', 'in', ['refund_due', 'rejected', 'duplicate']).execute()
    refunded++
  }
  return refunded
}

/** A refund notification for a late payment; false if the refund is not one of these. */
export async function applyLateRefund(
  ctx: AppContext,
  outRefundNo: string,
  outTradeNo: string,
  refundFen: number,
  outcome: 'succeeded' | 'abnormal' | 'closed',
): Promise<'applied' | 'mismatch' | 'not_late'> {
  if (!outRefundNo.startsWith(LATE_REFUND_PREFIX)) return 'not_late'
  const payment = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', outRefundNo.slice(LATE_REFUND_PREFIX.length))
    .where('provider', '=', 'wechatpay')
    .executeTakeFirst()
  if (!payment) return 'not_late'
  if (payment.provider_ref !== outTradeNo || payment.amount_fen !== refundFen) return 'mismatch'
  const status = outcome === 'succeeded' ? 'refunded' : 'refund_abnormal'
  await ctx.db.updateTable('payments').set({ status }).where('id', '=', payment.id).where('status', 'in', ['rejected', 'duplicate', 'refund_due', 'refunding']).execute()
  return 'applied'
}
