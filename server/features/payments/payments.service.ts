import type { Refund } from '../../../types/api'
import { DealStatus, OrderStatus } from '../../../types/api'
import { OrderEvent, PAID_ORDER_STATUSES, isHoldExpired, nextOrderStatus } from '../../../src/domain'
import type { Database } from '../../db/database'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { newId } from '../../http/ids'
import { expireHolds, lockDeal } from '../orders/holds'
import { openidOf } from '../auth/auth.service'
import { freePickupCode } from '../pickups/pickup-codes'
import { backoffMs } from '../../jobs/backoff'
import { postPayment, postRefunds } from '../ledger/ledger-postings'
import { paymentProvider } from './payment-provider'
import * as repo from './payments.repository'

export type RefundReason = Refund['reason']

/**
 * Owe a shopper money back: a refund row of its own (one per order, reason and source, so a retried
 * settlement cannot refund twice) and the order's refund_fen, in the caller's transaction.
 * The provider is asked afterwards (processPendingRefunds), never while rows are locked.
 */
export async function recordRefund(
  trx: Database,
  orderId: string,
  amountFen: number,
  reason: RefundReason,
  nowIso: string,
  // what the refund is for within its reason (an after-sales request's id), so an order
  // may have several after-sales refunds, still one per request
  source = '',
): Promise<void> {
  await recordRefunds(trx, [{ orderId, amountFen }], reason, nowIso, source)
}

/**
 * Owe many shoppers money back at once (every order of a deal that settled, failed or was
 * cancelled), in a few multi-row statements: the same rows and sums as one recordRefund each.
 */
export async function recordRefunds(
  trx: Database,
  refunds: readonly { orderId: string; amountFen: number }[],
  reason: RefundReason,
  nowIso: string,
  source = '',
): Promise<void> {
  const owed = refunds.filter((r) => r.amountFen > 0).map((r) => ({ ...r, id: newId() }))
  if (owed.length === 0) return
  await repo.insertRefunds(
    trx,
    owed.map((r) => ({
      id: r.id,
      order_id: r.orderId,
      amount_fen: r.amountFen,
      reason,
      status: 'pending' as const,
      provider_ref: null,
      created_at: nowIso,
      source,
    })),
  )
  await repo.addOrderRefunds(trx, owed, nowIso)
  // the ledger, in the same transaction: platform -> shoppers, and commission a picked-up order gives back
  await postRefunds(trx, owed, nowIso)
}

/** Send owed refunds to the provider (after settlement and cancellations, and on every sweep). */
export async function processPendingRefunds(ctx: AppContext): Promise<number> {
  const provider = paymentProvider(ctx)
  const due = await repo.pendingRefunds(ctx.db, 200, ctx.now().toISOString())
  for (const r of due) {
    // the refund id is the provider's idempotency key: asking twice refunds once
    let result
    try {
      result = await provider.refund({
        refundId: r.id,
        paymentRef: r.payment_ref ?? '',
        amountFen: r.amount_fen,
        // a basket order is refunded against the basket's shared transaction
        totalFen: r.basket_fen ?? r.payment_fen,
        reason: r.reason,
      })
    } catch (error) {
      // the provider is down or will not take this one yet: it stays owed and is tried again after a
      // backoff, and neither holds up everyone else's refunds nor fails the request that got here
      const attempts = r.attempts + 1
      await repo.retryRefundLater(
        ctx.db,
        r.id,
        new Date(ctx.now().getTime() + backoffMs(attempts)).toISOString(),
        String((error as Error)?.message ?? error),
      )
      continue
    }
    await repo.markRefundDone(ctx.db, r.id, result.status, result.providerRef)
  }
  return due.length
}

export type PayRefusal = 'ORDER_EXPIRED' | 'DEAL_CLOSED' | 'NOT_PAYABLE'

/**
 * Ask the provider to take the order's amount. The sandbox completes at once; WeChat Pay will return
 * the JSAPI parameters here and complete through its notification (completePayment).
 */
export async function startPayment(
  ctx: AppContext,
  order: { id: string; unit_price_fen: number; quantity: number; user_id?: string; deal_id?: string; hold_expires_at?: string | null },
  description: string,
): Promise<{ providerRef: string; amountFen: number; completed: boolean; params?: Record<string, string> }> {
  const provider = paymentProvider(ctx)
  const amountFen = order.unit_price_fen * order.quantity
  // WeChat Pay: a second tap on 支付 reuses the pending out_trade_no (WeChat answers the same prepay
  // id), so the shopper can never be charged twice for one order
  const pending = provider.name === 'wechatpay' ? await repo.findPendingWechatPayment(ctx.db, order.id, amountFen) : undefined
  // (and its out_trade_no is the order's id: two taps at once cannot open two WeChat payments)
  const paymentId = pending?.id ?? (provider.name === 'wechatpay' ? order.id : newId())
  // WeChat Pay needs the payer's openid, and stops taking money when the hold or the deal ends
  const payerOpenid = order.user_id ? await openidOf(ctx, order.user_id) : null
  const deal = order.deal_id ? await repo.findDealCutoff(ctx.db, order.deal_id) : undefined
  const ends = [order.hold_expires_at, deal?.cutoff_at].filter((x): x is string => !!x).sort()
  const expiresAt = ends.length > 0 ? new Date(ends[0]) : undefined
  const created = await provider.createPayment({ paymentId, orderId: order.id, amountFen, description, payerOpenid, expiresAt })
  if (!pending) {
    try {
      await repo.insertPayment(ctx.db, {
        id: paymentId,
        order_id: order.id,
        provider: provider.name,
        amount_fen: amountFen,
        status: 'pending',
        provider_ref: created.providerRef,
        created_at: ctx.now().toISOString(),
        completed_at: null,
      })
    } catch (error) {
      // the other tap recorded the same WeChat payment first
      if (!(provider.name === 'wechatpay' && isUniqueViolation(error))) throw error
    }
  }
  return { providerRef: created.providerRef, amountFen, completed: created.completed, params: created.params }
}

/**
 * ask the provider to take a basket's held orders in ONE transaction of their sum. Each order
 * gets a payments row of its own (its amount), all under the same provider reference and saying the
 * total, so completePayment pays them all at once and every later refund of one order goes against
 * the shared transaction. WeChat Pay: a second tap for the same orders reuses the pending
 * out_trade_no (the basket's id the first time).
 */
export async function startBasketPayment(
  ctx: AppContext,
  basket: { id: string; user_id: string },
  orders: readonly { id: string; unit_price_fen: number; quantity: number; deal_id: string; hold_expires_at: string | null }[],
  description: string,
): Promise<{ providerRef: string; amountFen: number; completed: boolean; params?: Record<string, string> }> {
  const provider = paymentProvider(ctx)
  const amountFen = orders.reduce((sum, o) => sum + o.unit_price_fen * o.quantity, 0)
  let paymentId = newId()
  let reuse = false
  if (provider.name === 'wechatpay') {
    const pending = await repo.pendingBasketPayments(ctx.db, basket.id)
    const refs = new Set(pending.map((p) => p.provider_ref))
    const same =
      refs.size === 1 &&
      pending.length === orders.length &&
      pending[0].basket_fen === amountFen &&
      orders.every((o) => pending.some((p) => p.order_id === o.id))
    if (same) {
      paymentId = pending[0].provider_ref!
      reuse = true
    } else if (pending.length === 0 && !(await repo.basketHasPayments(ctx.db, basket.id))) paymentId = basket.id
  }
  const payerOpenid = await openidOf(ctx, basket.user_id)
  const cutoffs = await Promise.all(orders.map((o) => repo.findDealCutoff(ctx.db, o.deal_id)))
  const ends = [...orders.map((o) => o.hold_expires_at), ...cutoffs.map((d) => d?.cutoff_at)].filter((x): x is string => !!x).sort()
  const expiresAt = ends.length > 0 ? new Date(ends[0]) : undefined
  const created = await provider.createPayment({ paymentId, orderId: basket.id, amountFen, description, payerOpenid, expiresAt })
  if (!reuse) {
    const nowIso = ctx.now().toISOString()
    await repo.insertPaymentRows(
      ctx.db,
      orders.map((o) => ({
        id: newId(),
        order_id: o.id,
        provider: provider.name,
        amount_fen: o.unit_price_fen * o.quantity,
        status: 'pending' as const,
        provider_ref: created.providerRef,
        created_at: nowIso,
        completed_at: null,
        basket_id: basket.id,
        basket_fen: amountFen,
      })),
    )
  }
  return { providerRef: created.providerRef, amountFen, completed: created.completed, params: created.params }
}

/**
 * The provider says the money arrived. Applied once by provider reference: a repeated notification
 * changes nothing. Returns null when the order is now paid, or why it could not be.
 */
export async function completePayment(ctx: AppContext, providerRef: string): Promise<PayRefusal | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction().execute((trx) => completeIn(trx, ctx, providerRef))
    } catch (error) {
      // two payments drew the same pickup code at the same moment: draw again
      if (!isUniqueViolation(error) || attempt >= 3) throw error
    }
  }
}

const PAID = nextOrderStatus(OrderStatus.pendingPayment, OrderEvent.pay)

async function completeIn(trx: Database, ctx: AppContext, providerRef: string): Promise<PayRefusal | null> {
  const rows = await repo.findPaymentsByRef(trx, providerRef)
  if (rows.length === 0) return 'NOT_PAYABLE'
  // one transaction pays every order of its basket (a row each); their deals are locked in
  // one order (by id) so two baskets paying at once never wait on each other in a circle
  const withDeals = await Promise.all(
    rows.map(async (r) => ({ id: r.id, orderId: r.order_id, dealId: (await repo.findOrderDealId(trx, r.order_id)).deal_id })),
  )
  withDeals.sort((a, b) => (a.dealId < b.dealId ? -1 : a.dealId > b.dealId ? 1 : a.orderId < b.orderId ? -1 : 1))
  let refusal: PayRefusal | null = null
  for (const row of withDeals) refusal = (await completeRowIn(trx, ctx, row.id, row.dealId)) ?? refusal
  return refusal
}

async function completeRowIn(trx: Database, ctx: AppContext, paymentId: string, dealId: string): Promise<PayRefusal | null> {
  const nowIso = ctx.now().toISOString()
  // the deal lock first (see holds.ts): settlement cannot close the deal halfway through a payment
  const deal = await lockDeal(trx, dealId)
  // read again under the lock: the same notification delivered twice at once may have just completed
  // this very payment, and must not find it "pending" and void it as a duplicate
  const payment = (await repo.findPaymentById(trx, paymentId))!
  const order = await repo.findOrderRow(trx, payment.order_id)
  if (payment.status === 'succeeded') return order.status === OrderStatus.pendingPayment ? 'NOT_PAYABLE' : null
  if (payment.status !== 'pending') return 'NOT_PAYABLE'

  if (PAID_ORDER_STATUSES.includes(order.status)) {
    // a second tap's payment raced the first and lost: the order is paid once, this one is void
    // TODO(wechatpay): a duplicate that really took money must be refunded (out_trade_no = order id avoids it)
    await repo.markPayment(trx, payment.id, 'duplicate', nowIso)
    return null
  }
  let refusal: PayRefusal | null = null
  if (order.status !== OrderStatus.pendingPayment) refusal = order.status === OrderStatus.expired ? 'ORDER_EXPIRED' : 'NOT_PAYABLE'
  else if (!deal || deal.status !== DealStatus.open || deal.cutoff_at <= nowIso) refusal = 'DEAL_CLOSED'
  else if (isHoldExpired(order.hold_expires_at, nowIso)) refusal = 'ORDER_EXPIRED'
  if (refusal) {
    // an expired hold is given back now rather than at the next sweep
    if (refusal === 'ORDER_EXPIRED') await expireHolds(trx, order.deal_id, nowIso)
    // money that arrived for it anyway goes back: WeChat Pay marks it refund_due (wechatpay-late-refunds.ts)
    await repo.markPayment(trx, payment.id, 'rejected', nowIso)
    return refusal
  }

  if (!(await repo.markPaymentSucceeded(trx, payment.id, nowIso))) return null
  await repo.markOrderPaid(trx, order.id, {
    status: PAID,
    paid_fen: payment.amount_fen,
    paid_at: nowIso,
    updated_at: nowIso,
    hold_expires_at: null,
    pickup_code: await freePickupCode(trx),
  })
  // the ledger, in the same transaction: a succeeded payment always has its entry
  await postPayment(trx, { paymentId: payment.id, orderId: order.id, dealId: order.deal_id, amountFen: payment.amount_fen, nowIso })
  return null
}

export type { RefundRow } from './payments.repository'

/** The refunds owed on these orders, oldest first: what an order's view lists. */
export function refundsOfOrders(ctx: AppContext, orderIds: string[]): Promise<repo.RefundRow[]> {
  return repo.refundsOfOrders(ctx.db, orderIds)
}
