import type { AppContext } from '../../http/context'
import { completePayment, type PayRefusal } from './payments.service'
import { verifyPlatformSignature, type SignedHeaders } from './wechatpay-client'
import type { WechatPayConfig } from './wechatpay-config'
import { DecryptError, decryptResource, type EncryptedResource } from './wechatpay-crypto'
import { applyLateRefund, markRefundDue } from './wechatpay-late-refunds'
import type { WechatRefund, WechatTransaction } from './wechatpay-provider'
import * as repo from './wechatpay.repository'

/**
 * WeChat Pay's notifications: verified (platform signature over timestamp, nonce and the raw body,
 * by the key the serial names, within five minutes), decrypted (AES-256-GCM, APIv3 key), checked
 * against our own records, then applied in one database transaction with no outbound call, so the
 * answer goes back well inside WeChat's five seconds. 200/204 tells WeChat to stop; anything else
 * makes it retry later, which is what we want when we could not apply the notification.
 */
export interface NotifyAnswer {
  status: number
  body?: { code: 'FAIL'; message: string }
}

const ok: NotifyAnswer = { status: 204 }
const fail = (status: number, message: string): NotifyAnswer => ({ status, body: { code: 'FAIL', message } })

interface Notification {
  id: string
  create_time?: string
  event_type: string
  resource_type?: string
  resource: EncryptedResource
  summary?: string
}

export type NotifyLog = (fields: Record<string, unknown>, message: string) => void

/** Verify and open a notification: the notification and its decrypted resource, or why not. */
function open(
  cfg: WechatPayConfig,
  headers: SignedHeaders,
  rawBody: string,
  nowMs: number,
): { notification: Notification; resource: unknown } | NotifyAnswer {
  const verdict = verifyPlatformSignature(cfg, headers, rawBody, nowMs)
  if (verdict !== 'ok') return fail(401, `signature ${verdict}`)
  let notification: Notification
  try {
    notification = JSON.parse(rawBody) as Notification
  } catch {
    return fail(400, 'body is not JSON')
  }
  if (
    typeof notification?.id !== 'string' ||
    typeof notification.event_type !== 'string' ||
    typeof notification.resource !== 'object' ||
    !notification.resource
  ) {
    return fail(400, 'not a notification')
  }
  try {
    return { notification, resource: JSON.parse(decryptResource(cfg.apiV3Key, notification.resource)) }
  } catch (error) {
    return fail(400, error instanceof DecryptError ? error.message : 'resource is not JSON')
  }
}

async function remember(ctx: AppContext, n: Notification, ref: string | null): Promise<void> {
  await repo.rememberNotification(ctx.db, { id: n.id, event_type: n.event_type, resource_ref: ref, received_at: ctx.now().toISOString() })
}

export type TransactionCheck = { ok: true; paymentId: string; alreadyDone: boolean } | { ok: false; reason: string }

/**
 * Does this SUCCESS transaction match a payment of ours: our merchant and app, a payment we created,
 * the very amount in CNY? Shared by notifications and order queries.
 */
export async function checkTransaction(ctx: AppContext, txn: WechatTransaction): Promise<TransactionCheck> {
  const cfg = ctx.config.wechatpay!
  if (txn.mchid !== cfg.mchId || txn.appid !== ctx.config.wechat?.appId) return { ok: false, reason: 'merchant or app mismatch' }
  if (txn.trade_state !== 'SUCCESS') return { ok: false, reason: `trade_state ${txn.trade_state}` }
  const payment = await repo.findWechatPaymentByRef(ctx.db, String(txn.out_trade_no ?? ''))
  if (!payment) return { ok: false, reason: 'unknown out_trade_no' }
  // a basket's transaction is the sum of its orders' rows
  const expected = payment.basket_fen ?? payment.amount_fen
  if (!txn.amount || txn.amount.total !== expected || txn.amount.currency !== 'CNY') {
    return { ok: false, reason: `amount mismatch: expected ${expected} CNY, got ${txn.amount?.total} ${txn.amount?.currency}` }
  }
  return { ok: true, paymentId: payment.id, alreadyDone: payment.status !== 'pending' }
}

/** Money arrived for this payment (already checked): mark the order paid, once. */
export async function applyTransaction(ctx: AppContext, txn: WechatTransaction): Promise<PayRefusal | null> {
  const refusal = await completePayment(ctx, txn.out_trade_no)
  // the money is real even if the order can no longer take it: it goes back (wechatpay-late-refunds)
  if (refusal) await markRefundDue(ctx, txn.out_trade_no)
  await repo.setTransactionId(ctx.db, txn.out_trade_no, txn.transaction_id ?? null)
  return refusal
}

/**
 * How both notifications start: WeChat Pay is configured here, the notification is signed by the
 * platform and decrypts, and it was not handled before. Either what to answer now, or what it says.
 */
async function openUnseen(
  ctx: AppContext,
  headers: SignedHeaders,
  rawBody: string,
  log: NotifyLog,
  what: string,
): Promise<{ answer: NotifyAnswer } | { cfg: WechatPayConfig; notification: Notification; resource: unknown }> {
  const cfg = ctx.config.wechatpay
  if (!cfg) return { answer: fail(404, 'WeChat Pay is not configured') }
  const opened = open(cfg, headers, rawBody, ctx.now().getTime())
  if ('status' in opened) {
    log({ status: opened.status }, `${what} refused: ${opened.body?.message}`)
    return { answer: opened }
  }
  if (await repo.isNotificationSeen(ctx.db, opened.notification.id)) return { answer: ok }
  return { cfg, ...opened }
}

export async function handlePaymentNotification(ctx: AppContext, headers: SignedHeaders, rawBody: string, log: NotifyLog): Promise<NotifyAnswer> {
  const opened = await openUnseen(ctx, headers, rawBody, log, 'wechatpay notify')
  if ('answer' in opened) return opened.answer
  const { notification, resource } = opened
  if (notification.event_type !== 'TRANSACTION.SUCCESS') {
    await remember(ctx, notification, null)
    return ok
  }
  const txn = resource as WechatTransaction
  const check = await checkTransaction(ctx, txn)
  if (!check.ok) {
    // nothing is changed; WeChat will retry and the operator sees this in the log
    log({ notification: notification.id, out_trade_no: txn?.out_trade_no }, `wechatpay notify not applied: ${check.reason}`)
    return fail(400, check.reason)
  }
  const refusal = await applyTransaction(ctx, txn)
  if (refusal) {
    // paid after the order stopped being payable (a hold or cutoff passed at that very moment)
    log({ out_trade_no: txn.out_trade_no, refusal }, 'wechatpay: money arrived for an order that is no longer payable; refunding it')
  }
  await remember(ctx, notification, txn.out_trade_no)
  return ok
}

export async function handleRefundNotification(ctx: AppContext, headers: SignedHeaders, rawBody: string, log: NotifyLog): Promise<NotifyAnswer> {
  const opened = await openUnseen(ctx, headers, rawBody, log, 'wechatpay refund notify')
  if ('answer' in opened) return opened.answer
  const { cfg, notification, resource } = opened
  const outcome = ({ 'REFUND.SUCCESS': 'succeeded', 'REFUND.ABNORMAL': 'abnormal', 'REFUND.CLOSED': 'closed' } as const)[
    notification.event_type as 'REFUND.SUCCESS'
  ]
  if (!outcome) {
    await remember(ctx, notification, null)
    return ok
  }
  const r = resource as WechatRefund & { mchid?: string }
  if (r.mchid !== cfg.mchId) return fail(400, 'merchant mismatch')
  const late = await applyLateRefund(ctx, String(r.out_refund_no ?? ''), String(r.out_trade_no ?? ''), Number(r.amount?.refund), outcome)
  if (late === 'mismatch') return fail(400, 'refund mismatch')
  if (late === 'applied') {
    await remember(ctx, notification, r.out_refund_no)
    return ok
  }
  const refund = await repo.findRefundWithPayment(ctx.db, String(r.out_refund_no ?? ''))
  if (!refund) {
    log({ out_refund_no: r.out_refund_no }, 'wechatpay refund notify for an unknown refund')
    return fail(400, 'unknown out_refund_no')
  }
  if (refund.payment_ref !== r.out_trade_no || r.amount?.refund !== refund.amount_fen) {
    log({ out_refund_no: r.out_refund_no }, 'wechatpay refund notify does not match our refund')
    return fail(400, 'refund mismatch')
  }
  await ctx.db.transaction().execute(async (trx) => {
    await repo.settleRefund(trx, refund.id, outcome, r.refund_id)
    await repo.rememberNotification(trx, {
      id: notification.id,
      event_type: notification.event_type,
      resource_ref: r.out_refund_no,
      received_at: ctx.now().toISOString(),
    })
  })
  if (outcome !== 'succeeded') log({ out_refund_no: r.out_refund_no, outcome }, 'wechatpay refund did not succeed: needs an operator')
  return ok
}
