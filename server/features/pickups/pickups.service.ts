import type { OrderStatus, User } from '../../../types/api'
import { OrderStatus as S } from '../../../types/api'
import { OrderEvent, maskName, nextOrderStatus, shanghaiDayRange } from '../../../src/domain'
import { dateTimeIn } from '../../../src/i18n/dates'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, conflict, notFound, tooMany } from '../../http/errors'
import { newId } from '../../http/ids'
import { settleIfDue } from '../settlement/settlement.service'
import { readPickupQr } from './pickup-qr'
import * as repo from './pickups.repository'

/** 5 wrong codes in 10 minutes lock verification until the oldest of them is 10 minutes old. */
export const VERIFY_LIMIT = { failures: 5, windowMs: 10 * 60_000 }

type Row = NonNullable<repo.PickupOrderRow>

function toVerified(row: Row, status: OrderStatus, pickedUpAt: string | null) {
  return {
    id: row.id,
    dealId: row.deal_id,
    dealTitle: row.deal_title,
    product: { name: row.product_name, spec: row.product_spec },
    shopper: maskName(row.nickname),
    quantity: row.quantity,
    status,
    pickupPoint: { id: row.pickup_point_id, name: row.point_name },
    finalUnitPriceFen: row.final_unit_price_fen,
    pickedUpAt,
  }
}

/**
 * Hand goods over against a pickup code (typed) or the order's signed QR payload (scanned).
 * Only at the leader's own points; each code works once; wrong codes are counted and, past the
 * limit, refused for a while so six digits cannot be guessed by trying.
 */
export async function verify(ctx: AppContext, leader: User, input: string) {
  const row = await pickableOrder(ctx, leader, input)
  const nowIso = ctx.now().toISOString()
  const pickedUp = nextOrderStatus(row.status, OrderEvent.pickUp)
  if (!(await repo.markPickedUp(ctx.db, row.id, pickedUp, nowIso))) {
    // a second scan of the same code raced this one and won
    throw conflict('CODE_ALREADY_USED', '该提货码刚刚已核销，不能重复提货')
  }
  await repo.recordAttempt(ctx.db, { id: newId(), leader_id: leader.id, ok: 1, created_at: nowIso })
  return { order: toVerified(row, pickedUp, nowIso) }
}

/**
 * The order a code belongs to, shown to the leader before handing over (nothing changes). Wrong
 * codes count toward the same limit as verification, so looking up is no way to guess.
 */
export async function lookup(ctx: AppContext, leader: User, input: string) {
  const row = await pickableOrder(ctx, leader, input)
  return { order: toVerified(row, row.status, null) }
}

/** The leader's order behind a typed code or a scanned QR payload, still to be handed out. */
async function pickableOrder(ctx: AppContext, leader: User, input: string): Promise<Row> {
  const now = ctx.now()
  const nowIso = now.toISOString()
  const failures = await repo.failedAttemptsSince(ctx.db, leader.id, new Date(now.getTime() - VERIFY_LIMIT.windowMs).toISOString())
  if (failures.length >= VERIFY_LIMIT.failures) {
    const until = Date.parse(failures[failures.length - VERIFY_LIMIT.failures].created_at) + VERIFY_LIMIT.windowMs
    const minutes = Math.max(1, Math.ceil((until - now.getTime()) / 60_000))
    throw tooMany(`提货码错误次数过多，请 ${minutes} 分钟后再试`, { minutes })
  }
  const fail = async (error: AppError): Promise<never> => {
    await repo.recordAttempt(ctx.db, { id: newId(), leader_id: leader.id, ok: 0, created_at: nowIso })
    throw error
  }

  const code = input.trim()
  let row: repo.PickupOrderRow
  if (/^\d{6}$/.test(code)) {
    row = await repo.findByCode(ctx.db, leader.id, code)
  } else {
    const qr = readPickupQr(ctx.config.pickupSecret, code)
    if (!qr) return fail(badRequest('INVALID_CODE', '无法识别的提货码'))
    row = await repo.findById(ctx.db, qr.orderId)
    if (row && row.pickup_code !== qr.code) row = undefined
  }
  // another leader's order is indistinguishable from a wrong code
  if (!row || row.point_leader_id !== leader.id) return fail(notFound('提货码'))

  if (row.deal_status === 'open') {
    const deal = { id: row.deal_id, status: row.deal_status, cutoff_at: row.cutoff_at }
    if (await settleIfDue(ctx, deal)) row = (await repo.findById(ctx.db, row.id))!
  }
  if (row.status === S.pickedUp) {
    throw conflict('CODE_ALREADY_USED', `该提货码已于 ${dateTimeIn('zh-CN', row.picked_up_at!)} 核销过，不能重复提货`, {
      pickedUpAt: row.picked_up_at!,
    })
  }
  if (row.status === S.paid) throw conflict('ORDER_NOT_READY', '该团还未截单成团，暂不能提货')
  if (row.status !== S.confirmed && row.status !== S.ready) {
    throw conflict('ORDER_NOT_PICKABLE', '该订单已取消或已退款，不能提货')
  }
  return row
}

/**
 * What to hand out on a Shanghai calendar day (the day pickup starts): per pickup point, the total
 * of each product, and every shopper (masked) with quantity and status.
 */
export async function pickingList(ctx: AppContext, leader: User, date: string) {
  const range = shanghaiDayRange(date)
  if (!range) throw badRequest('INVALID_DATE', '日期格式应为 YYYY-MM-DD')
  const rows = await repo.pickingOrders(ctx.db, leader.id, range.start.toISOString(), range.end.toISOString())
  type Point = {
    pickupPoint: { id: string; name: string; address: string }
    products: { dealId: string; title: string; name: string; spec: string; quantity: number; pickedUpQuantity: number }[]
    shoppers: { orderId: string; shopper: string; dealId: string; product: string; quantity: number; status: OrderStatus }[]
  }
  const points = new Map<string, Point>()
  for (const r of rows) {
    let point = points.get(r.pickup_point_id)
    if (!point) {
      point = { pickupPoint: { id: r.pickup_point_id, name: r.point_name, address: r.point_address }, products: [], shoppers: [] }
      points.set(r.pickup_point_id, point)
    }
    let product = point.products.find((p) => p.dealId === r.deal_id)
    if (!product) {
      product = { dealId: r.deal_id, title: r.deal_title, name: r.product_name, spec: r.product_spec, quantity: 0, pickedUpQuantity: 0 }
      point.products.push(product)
    }
    product.quantity += r.quantity
    if (r.status === S.pickedUp) product.pickedUpQuantity += r.quantity
    point.shoppers.push({
      orderId: r.id,
      shopper: maskName(r.nickname),
      dealId: r.deal_id,
      product: r.product_name,
      quantity: r.quantity,
      status: r.status,
    })
  }
  return { date, pickupPoints: [...points.values()] }
}
