import crypto from 'node:crypto'
import type { CreateOrderRequest, CreateOrderResponse, Order, User } from '../../../types/api'
import { OrderStatus } from '../../../types/api'
import {
  CancelRefusal,
  OrderEvent,
  PAID_ORDER_STATUSES,
  cancelRefusal,
  isFinalOrderStatus,
  isHoldExpired,
  nextOrderStatus,
} from '../../../src/domain'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { type AppError, conflict, notFound, unprocessable } from '../../http/errors'
import { findInviter } from '../deals/deals.service'
import { paymentProvider } from '../payments/payment-provider'
import { completePayment, recordRefund, refundsOfOrders, startPayment, type PayRefusal } from '../payments/payments.service'
import { refundSoon, settleDueDeals, settleIfDue } from '../settlement/settlement.service'
import { expireHolds, lockDeal, releaseUnits } from './holds'
import { dealClosed, joinDeal } from './join-queue'
import { toOrder } from './order-view'
import { orderTimeline } from './order-timeline'
import { openDealForSameProduct } from './order-timeline.repository'
import * as repo from './orders.repository'

/** What identifies a create request: the same key with anything else in it is refused. */
function requestHash(dealId: string, input: CreateOrderRequest): string {
  const canonical = JSON.stringify([dealId, input.quantity, input.pickupPointId, input.inviteCode ?? null])
  return crypto.createHash('sha256').update(canonical).digest('hex')
}

async function view(ctx: AppContext, row: repo.OrderWithDeal): Promise<Order> {
  return toOrder(row, await refundsOfOrders(ctx, [row.id]), ctx.config.pickupSecret)
}

async function reload(ctx: AppContext, id: string): Promise<Order> {
  return view(ctx, (await repo.findOrder(ctx.db, id))!)
}

function instruction(ctx: AppContext, row: { unit_price_fen: number; quantity: number }) {
  return { provider: paymentProvider(ctx).name, amountFen: row.unit_price_fen * row.quantity }
}

async function replay(ctx: AppContext, row: repo.OrderWithDeal, hash: string): Promise<CreateOrderResponse> {
  if (row.request_hash !== hash) {
    throw unprocessable('IDEMPOTENCY_KEY_REUSED', '这个请求编号已用于另一笔下单，请刷新后重试')
  }
  return { order: await view(ctx, row), payment: instruction(ctx, row) }
}

/**
 * Join a deal: the join queue (join-queue.ts) checks it with the others arriving at the same moment
 * and, under the deal's row lock, takes stock and the shopper's units, counts a newcomer, prices the
 * order at the tier the count including it reaches, and holds it for payment. The Idempotency-Key
 * makes a retried request return the first answer instead of a second order.
 */
export async function createOrder(ctx: AppContext, user: User, dealId: string, input: CreateOrderRequest, key: string): Promise<CreateOrderResponse> {
  const hash = requestHash(dealId, input)
  const inviter = input.inviteCode ? await findInviter(ctx, dealId, input.inviteCode) : undefined
  const inviterId = inviter && inviter.user_id !== user.id ? inviter.user_id : null

  let outcome
  try {
    outcome = await joinDeal(ctx, dealId, {
      userId: user.id,
      quantity: input.quantity,
      pickupPointId: input.pickupPointId,
      inviterId,
      idempotencyKey: key,
      requestHash: hash,
    })
  } catch (error) {
    // the same key raced itself: the other request made the order, answer as it did
    if (isUniqueViolation(error)) {
      const first = await repo.findOrderByKey(ctx.db, user.id, key)
      if (first) return replay(ctx, first, hash)
    }
    throw error
  }
  // a retry: answer as the first time (or refuse the key for another body)
  if ('retryOf' in outcome) return replay(ctx, (await repo.findOrder(ctx.db, outcome.retryOf))!, hash)
  if ('error' in outcome) {
    // closed by its cutoff but not settled yet: settle it on the way
    if (outcome.error.code === 'DEAL_CLOSED') {
      const deal = await repo.findDealRow(ctx.db, dealId)
      if (deal) await settleIfDue(ctx, deal)
    }
    throw outcome.error
  }
  // a new order has no refunds yet: answer from what was written, without reading it back
  return { order: toOrder(outcome.order, [], ctx.config.pickupSecret), payment: instruction(ctx, outcome.order) }
}

/** The owner's order, or 404 for anyone else (an order's existence is nobody else's business). */
async function ownOrder(ctx: AppContext, user: User, id: string): Promise<repo.OrderWithDeal> {
  const row = await repo.findOrder(ctx.db, id)
  if (!row || row.user_id !== user.id) throw notFound('订单')
  return row
}

const payRefusals: Record<PayRefusal, () => AppError> = {
  ORDER_EXPIRED: () => conflict('ORDER_EXPIRED', '订单已超时未支付，名额已释放，请重新下单'),
  DEAL_CLOSED: dealClosed,
  NOT_PAYABLE: () => conflict('ORDER_NOT_PAYABLE', '这个订单现在不能支付'),
}

/** Pay for a held order. Paying twice (a retry) changes nothing the second time. */
export async function payOrder(ctx: AppContext, user: User, id: string): Promise<CreateOrderResponse> {
  let row = await ownOrder(ctx, user, id)
  if (PAID_ORDER_STATUSES.includes(row.status)) {
    return { order: await view(ctx, row), payment: instruction(ctx, row) }
  }
  const deal = (await repo.findDealRow(ctx.db, row.deal_id))!
  if (await settleIfDue(ctx, deal)) row = (await repo.findOrder(ctx.db, id))!
  if (row.status === OrderStatus.expired) throw payRefusals.ORDER_EXPIRED()
  if (row.status !== OrderStatus.pendingPayment) throw payRefusals.NOT_PAYABLE()
  const nowIso = ctx.now().toISOString()
  if (isHoldExpired(row.hold_expires_at, nowIso)) {
    await ctx.db.transaction().execute((trx) => expireHolds(trx, row.deal_id, nowIso))
    throw payRefusals.ORDER_EXPIRED()
  }
  const started = await startPayment(ctx, row, row.deal_title)
  if (started.completed) {
    const refusal = await completePayment(ctx, started.providerRef)
    if (refusal) throw payRefusals[refusal]()
  }
  const order = await reload(ctx, id)
  return {
    order,
    payment: { provider: paymentProvider(ctx).name, amountFen: started.amountFen, ...(started.params ? { params: started.params } : {}) },
  }
}

/**
 * A shopper changes her mind before cutoff: an unpaid order is simply cancelled, a paid one is
 * refunded in full; either way the stock and her place go back. Prices already paid by others never
 * rise: at cutoff each pays min(paid, final tier).
 */
export async function cancelOrder(ctx: AppContext, user: User, id: string): Promise<Order> {
  const row = await ownOrder(ctx, user, id)
  const deal = (await repo.findDealRow(ctx.db, row.deal_id))!
  await settleIfDue(ctx, deal)
  const nowIso = ctx.now().toISOString()
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockDeal(trx, row.deal_id)
    const order = (await repo.findOrder(trx, id))!
    if (order.status === OrderStatus.cancelled) return 'already' as const
    if (!locked) return 'closed' as const
    const refusal = cancelRefusal(order.status, { status: locked.status, cutoffAt: locked.cutoff_at }, nowIso)
    if (refusal === CancelRefusal.dealClosed) return 'closed' as const
    if (refusal === CancelRefusal.notCancellable) return 'not_cancellable' as const
    const status = nextOrderStatus(order.status, OrderEvent.cancel)
    const patch = { status, closed_at: nowIso, updated_at: nowIso, ...(order.status === OrderStatus.paid ? { final_unit_price_fen: 0 } : {}) }
    if (!(await repo.moveOrder(trx, id, order.status, patch))) return 'not_cancellable' as const
    await releaseUnits(trx, order.deal_id, order.user_id, order.quantity)
    if (order.status === OrderStatus.paid) await recordRefund(trx, id, order.paid_fen, 'order_cancelled', nowIso)
    return 'cancelled' as const
  })
  if (outcome === 'closed') throw dealClosed()
  if (outcome === 'not_cancellable') throw conflict('ORDER_NOT_CANCELLABLE', '这个订单现在不能取消')
  if (outcome === 'cancelled') await refundSoon(ctx)
  return reload(ctx, id)
}

/** One own order, with its timeline and, once finished, the same product's deal open now ("buy again"). */
export async function getOrder(ctx: AppContext, user: User, id: string): Promise<Order> {
  let row = await ownOrder(ctx, user, id)
  const deal = (await repo.findDealRow(ctx.db, row.deal_id))!
  if (await settleIfDue(ctx, deal)) row = (await repo.findOrder(ctx.db, id))!
  // a read shows a stale hold as what it is
  else if (row.status === OrderStatus.pendingPayment && isHoldExpired(row.hold_expires_at, ctx.now())) {
    await ctx.db.transaction().execute((trx) => expireHolds(trx, row.deal_id, ctx.now().toISOString()))
    row = (await repo.findOrder(ctx.db, id))!
  }
  const [order, timeline, againDealId] = await Promise.all([
    view(ctx, row),
    orderTimeline(ctx.db, row),
    isFinalOrderStatus(row.status) ? openDealForSameProduct(ctx.db, row.deal_id, ctx.now().toISOString()) : null,
  ])
  return { ...order, timeline, againDealId }
}

export async function listMyOrders(ctx: AppContext, user: User): Promise<Order[]> {
  // no order shows its deal still open past cutoff (one indexed query when nothing is due)
  await settleDueDeals(ctx)
  const rows = await repo.listUserOrders(ctx.db, user.id)
  const refunds = await refundsOfOrders(
    ctx,
    rows.map((r) => r.id),
  )
  const nowIso = ctx.now().toISOString()
  // shown as expired even before the sweeper gets there
  return rows.map((r) => {
    const order = toOrder(r, refunds, ctx.config.pickupSecret)
    if (order.status === OrderStatus.pendingPayment && isHoldExpired(r.hold_expires_at, nowIso)) {
      return { ...order, status: OrderStatus.expired, holdExpiresAt: null }
    }
    return order
  })
}
