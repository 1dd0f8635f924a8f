import crypto from 'node:crypto'
import type { Basket, BasketCheckoutRequest, BasketPayResponse, Order, User } from '../../../types/api'
import { OrderStatus } from '../../../types/api'
import { PAID_ORDER_STATUSES, isHoldExpired } from '../../../src/domain'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { expireHolds } from '../orders/holds'
import * as orders from '../orders/orders.repository'
import { createOrder, getOrder } from '../orders/orders.service'
import { paymentProvider } from '../payments/payment-provider'
import { completePayment, startBasketPayment } from '../payments/payments.service'
import { settleIfDue } from '../settlement/settlement.service'
import * as repo from './basket.repository'

/**
 * A basket for tomorrow's pickup: each item is its own join through its deal's join queue (its own
 * tier, limit, stock, hold and price guarantee); what can no longer be joined is taken out with its
 * code; the joined orders are paid in ONE provider transaction of their sum (startBasketPayment),
 * and every later refund of one of them goes against that shared transaction. The Idempotency-Key
 * makes a retried checkout return the same basket.
 */

function requestHash(input: BasketCheckoutRequest): string {
  const canonical = JSON.stringify([input.pickupPointId, input.items.map((i) => [i.dealId, i.quantity, i.inviteCode ?? null])])
  return crypto.createHash('sha256').update(canonical).digest('hex')
}

/** Each item's own join key, derived from the basket's: a retried checkout re-finds the same orders. */
const itemKey = (key: string, dealId: string) => `basket:${key}:${dealId}`

const keyReused = () => conflict('IDEMPOTENCY_KEY_REUSED', '这个请求编号已用于另一笔下单，请刷新后重试')

const countsToward = (o: Order) => o.status === OrderStatus.pendingPayment || PAID_ORDER_STATUSES.includes(o.status)

async function view(ctx: AppContext, user: User, row: repo.BasketRow): Promise<Basket> {
  const ids = await repo.basketOrderIds(ctx.db, row.id)
  const list: Order[] = []
  const place = JSON.parse(row.deal_ids) as string[]
  // few orders (at most 10); each read settles its deal or expires its hold on the way, as GET /orders/:id does
  for (const id of ids) list.push(await getOrder(ctx, user, id))
  list.sort((a, b) => place.indexOf(a.dealId) - place.indexOf(b.dealId))
  return {
    id: row.id,
    pickupPointId: row.pickup_point_id,
    orders: list,
    removed: JSON.parse(row.removed) as Basket['removed'],
    totalFen: list.filter(countsToward).reduce((sum, o) => sum + o.unitPriceFen * o.quantity, 0),
    paidFen: list.reduce((sum, o) => sum + o.paidFen, 0),
    createdAt: row.created_at,
  }
}

export async function checkout(ctx: AppContext, user: User, input: BasketCheckoutRequest, key: string): Promise<Basket> {
  const dealIds = input.items.map((i) => i.dealId)
  if (new Set(dealIds).size !== dealIds.length) throw badRequest('BASKET_DUPLICATE_DEAL', '购物篮里同一个团购只能放一次，请合并数量')
  const hash = requestHash(input)
  const earlier = await repo.findBasketByKey(ctx.db, user.id, key)
  if (earlier) {
    if (earlier.request_hash !== hash) throw keyReused()
    return view(ctx, user, earlier)
  }
  // every item joins its own deal's queue at once; a refusal takes that item out, nothing else
  const outcomes = await Promise.all(
    input.items.map(async (item) => {
      try {
        const created = await createOrder(
          ctx,
          user,
          item.dealId,
          { quantity: item.quantity, pickupPointId: input.pickupPointId, ...(item.inviteCode ? { inviteCode: item.inviteCode } : {}) },
          itemKey(key, item.dealId),
        )
        return { orderId: created.order.id }
      } catch (error) {
        if (error instanceof AppError && error.statusCode < 500) return { removed: { dealId: item.dealId, code: error.code } }
        throw error
      }
    }),
  )
  const row: repo.BasketRow = {
    id: newId(),
    user_id: user.id,
    pickup_point_id: input.pickupPointId,
    idempotency_key: key,
    request_hash: hash,
    deal_ids: JSON.stringify(dealIds),
    removed: JSON.stringify(outcomes.flatMap((o) => ('removed' in o && o.removed ? [o.removed] : []))),
    created_at: ctx.now().toISOString(),
  }
  try {
    await repo.insertBasket(ctx.db, row)
  } catch (error) {
    // the same key raced itself: the other request's basket holds the very same orders
    if (!isUniqueViolation(error)) throw error
    const first = (await repo.findBasketByKey(ctx.db, user.id, key))!
    if (first.request_hash !== hash) throw keyReused()
    return view(ctx, user, first)
  }
  await repo.claimOrders(
    ctx.db,
    row.id,
    outcomes.flatMap((o) => ('orderId' in o && o.orderId ? [o.orderId] : [])),
  )
  return view(ctx, user, row)
}

async function ownBasket(ctx: AppContext, user: User, id: string): Promise<repo.BasketRow> {
  const row = await repo.findBasket(ctx.db, id)
  if (!row || row.user_id !== user.id) throw notFound('购物篮')
  return row
}

export async function getBasket(ctx: AppContext, user: User, id: string): Promise<Basket> {
  return view(ctx, user, await ownBasket(ctx, user, id))
}

const notPayable = () => conflict('BASKET_NOT_PAYABLE', '这个购物篮里没有可以支付的订单了，请重新选购')

/**
 * Pay every order of the basket still held, in one transaction of their sum. Orders whose hold ran
 * out or whose deal closed meanwhile are left out (their units already went back). Paying again
 * once paid changes nothing.
 */
export async function payBasket(ctx: AppContext, user: User, id: string): Promise<BasketPayResponse> {
  const basket = await ownBasket(ctx, user, id)
  const provider = paymentProvider(ctx).name
  const ids = await repo.basketOrderIds(ctx.db, basket.id)
  const nowIso = ctx.now().toISOString()
  const payable: orders.OrderWithDeal[] = []
  for (const orderId of ids) {
    let row = (await orders.findOrder(ctx.db, orderId))!
    const deal = (await orders.findDealRow(ctx.db, row.deal_id))!
    if (await settleIfDue(ctx, deal)) row = (await orders.findOrder(ctx.db, orderId))!
    if (row.status !== OrderStatus.pendingPayment) continue
    if (isHoldExpired(row.hold_expires_at, nowIso)) {
      await ctx.db.transaction().execute((trx) => expireHolds(trx, row.deal_id, nowIso))
      continue
    }
    payable.push(row)
  }
  if (payable.length === 0) {
    const already = await view(ctx, user, basket)
    // a retry after the payment went through answers as the first time
    if (already.paidFen > 0) return { basket: already, payment: { provider, amountFen: already.paidFen } }
    throw notPayable()
  }
  const description = (payable.length > 1 ? `${payable[0].deal_title} 等${payable.length}个团购` : payable[0].deal_title).slice(0, 100)
  const started = await startBasketPayment(ctx, basket, payable, description)
  if (started.completed) await completePayment(ctx, started.providerRef)
  const after = await view(ctx, user, basket)
  if (started.completed && after.paidFen === 0) throw notPayable()
  return {
    basket: after,
    payment: { provider, amountFen: started.amountFen, ...(started.params ? { params: started.params } : {}) },
  }
}
