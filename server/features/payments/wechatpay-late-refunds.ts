import type { AppContext } from '../../http/context'
import { paymentProvider } from './payment-provider'
import * as repo from './wechatpay.repository'

/**
 * Money that arrives for an order no longer payable (its hold ran out, or the deal closed, while the
 * shopper was paying in WeChat) goes straight back. The engine marks such a payment `rejected`; a
 * WeChat payment that really took money becomes `refund_due`, is refunded in full by the job
 * (out_refund_no `late_<payment id>`, so asking twice refunds once), then `refunding`, and `refunded`
 * when WeChat's refund notification comes.
 */
export const LATE_REFUND_PREFIX = 'late_'

export async function markRefundDue(ctx: AppContext, outTradeNo: string): Promise<boolean> {
  return repo.markRefundDue(ctx.db, outTradeNo)
}

export async function refundLatePayments(ctx: AppContext): Promise<number> {
  const due = await repo.latePaymentsToRefund(ctx.db, 50)
  let refunded = 0
  for (const p of due) {
    try {
      await paymentProvider(ctx).refund({
        refundId: `${LATE_REFUND_PREFIX}${p.id}`,
        paymentRef: p.provider_ref!,
        amountFen: p.amount_fen,
        // one order's part of a basket's transaction goes back against its total
        totalFen: p.basket_fen ?? p.amount_fen,
        reason: 'payment_rejected',
      })
    } catch {
      continue // WeChat Pay unavailable: the next sweep asks again
    }
    await repo.markRefunding(ctx.db, p.id)
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
  const payment = await repo.findWechatPayment(ctx.db, outRefundNo.slice(LATE_REFUND_PREFIX.length))
  if (!payment) return 'not_late'
  if (payment.provider_ref !== outTradeNo || payment.amount_fen !== refundFen) return 'mismatch'
  const status = outcome === 'succeeded' ? 'refunded' : 'refund_abnormal'
  await repo.endLateRefund(ctx.db, payment.id, status)
  return 'applied'
}
