import type { AppContext } from '../http/context'
import { deliverOutbox, type OutboxRun } from '../features/notifications/outbox'
// loading the notifications service registers the outbox kinds (subscription messages, shipping)
import { enqueuePickupReminders } from '../features/notifications/notifications.service'
import { reconcileWechatPayments, reconcileWechatRefunds } from '../features/payments/wechatpay-reconcile'
import { refundLatePayments } from '../features/payments/wechatpay-late-refunds'

export interface WechatJobsResult {
  reminded: number
  reconciled: number
  outbox: OutboxRun
}

/**
 * WeChat's background work, run on every sweep: pickup reminders, payments whose notification has
 * not come (asked of WeChat Pay), money that came too late (refunded), then the outbox.
 * Each step is safe from several instances at once.
 */
export async function runWechatJobs(ctx: AppContext): Promise<WechatJobsResult> {
  const reminded = await enqueuePickupReminders(ctx)
  const wechatpay = ctx.config.paymentProvider === 'wechatpay'
  const reconciled = wechatpay ? await reconcileWechatPayments(ctx) : 0
  if (wechatpay) {
    await refundLatePayments(ctx)
    await reconcileWechatRefunds(ctx)
  }
  const outbox = await deliverOutbox(ctx)
  return { reminded, reconciled, outbox }
}
