import type { RefundStatus } from '../../db/schema'
import type { AppContext } from '../../http/context'
import { wechatPay } from './payment-provider'
import { WechatPayError } from './wechatpay-client'
import { applyTransaction, checkTransaction } from './wechatpay-notify.service'
import * as repo from './wechatpay.repository'

/** ask about a payment no sooner than this after it was made, and at most this often */
const QUIET_MS = 60_000
/** WeChat stops taking money at the hold's end (time_expire); after this margin NOTPAY is final */
const EXPIRY_MARGIN_MS = 2 * 60_000

/**
 * When no notification arrives (our server was down, WeChat gave up), ask WeChat Pay about each
 * pending payment: `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=`. A SUCCESS is checked
 * and applied exactly like a notification; a closed one, or one still unpaid after its hold ran out,
 * is closed here so it is not asked about again; one whose order was cancelled is closed at WeChat
 * (`POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close`) so it can no longer be paid.
 */
export async function reconcileWechatPayments(ctx: AppContext, limit = 50): Promise<number> {
  const provider = wechatPay(ctx)
  if (!provider) return 0
  const now = ctx.now().getTime()
  const quietIso = new Date(now - QUIET_MS).toISOString()
  const due = await repo.paymentsToReconcile(ctx.db, quietIso, limit)
  let applied = 0
  for (const p of due) {
    const nowIso = ctx.now().toISOString()
    await repo.markPaymentChecked(ctx.db, p.id, nowIso)
    let txn
    try {
      txn = await provider.queryByOutTradeNo(p.provider_ref!)
    } catch (error) {
      // never reached WeChat Pay's order: it cannot be paid
      if (error instanceof WechatPayError && error.code === 'ORDER_NOT_EXIST') await repo.closePendingPayment(ctx.db, p.id, nowIso)
      continue
    }
    if (txn.trade_state === 'SUCCESS') {
      const check = await checkTransaction(ctx, txn)
      if (check.ok && !check.alreadyDone) {
        await applyTransaction(ctx, txn)
        applied++
      }
      continue
    }
    const holdOver = p.hold_expires_at !== null && Date.parse(p.hold_expires_at) + EXPIRY_MARGIN_MS <= now
    if (txn.trade_state === 'NOTPAY' && p.order_status !== 'pending_payment' && !holdOver) {
      // cancelled (or expired early) while WeChat would still take the money: close it there first
      try {
        await provider.close(p.provider_ref!)
      } catch {
        continue
      }
    } else if (!['CLOSED', 'REVOKED', 'PAYERROR'].includes(txn.trade_state) && !(txn.trade_state === 'NOTPAY' && holdOver)) {
      continue
    }
    await repo.closePendingPayment(ctx.db, p.id, nowIso)
  }
  return applied
}

/** refunds asked about, per server context: at most once per REFUND_QUIET_MS each */
const refundChecks = new WeakMap<AppContext, Map<string, number>>()
const REFUND_QUIET_MS = 5 * 60_000

/**
 * A refund WeChat accepted (PROCESSING) whose notification never came: ask
 * `GET /v3/refund/domestic/refunds/{out_refund_no}` and record how it ended.
 */
export async function reconcileWechatRefunds(ctx: AppContext, limit = 50): Promise<number> {
  const provider = wechatPay(ctx)
  if (!provider) return 0
  const now = ctx.now().getTime()
  let checks = refundChecks.get(ctx)
  if (!checks) refundChecks.set(ctx, (checks = new Map()))
  const due = await repo.processingRefunds(ctx.db, new Date(now - REFUND_QUIET_MS).toISOString(), limit)
  let settled = 0
  for (const r of due) {
    if ((checks.get(r.id) ?? 0) > now - REFUND_QUIET_MS) continue
    checks.set(r.id, now)
    let answer
    try {
      answer = await provider.queryRefund(r.id)
    } catch {
      continue
    }
    const status = ({ SUCCESS: 'succeeded', ABNORMAL: 'abnormal', CLOSED: 'closed' } as Record<string, RefundStatus>)[answer.status ?? '']
    if (!status || answer.amount?.refund !== r.amount_fen) continue
    if (await repo.settleProcessingRefund(ctx.db, r.id, status, answer.refund_id)) settled++
  }
  return settled
}
