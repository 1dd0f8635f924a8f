import type { OrderStatus, User } from '../../../types/api'
import { OrderStatus as S } from '../../../types/api'
import { CollectedBy, DelegationStatus } from '../../../types/contract/statuses'
import { hasRole } from '../auth/auth.service'
import { OrderEvent, maskName, nextOrderStatus, shanghaiDayRange } from '../../../src/domain'
import { dateTimeIn } from '../../../src/i18n/dates'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, conflict, forbidden, notFound, tooMany } from '../../http/errors'
import { newId } from '../../http/ids'
import { postCommission } from '../ledger/ledger-postings'
import { settleIfDue } from '../settlement/settlement.service'
import { readPickupQr } from './pickup-qr'
import * as repo from './pickups.repository'

/** 5 wrong codes in 10 minutes at a pickup point lock verification there until the window ends. */
export const VERIFY_LIMIT = { failures: 5, windowMs: 10 * 60_000 }

type Row = NonNullable<repo.PickupOrderRow>

/** The order behind a code, and whose code it was (the owner's, or the neighbour's it was delegated to). */
interface Found {
  row: Row
  collectedBy: CollectedBy
  collectorId: string
}

/** What the counter hands out: the order's units less those a shortage on receipt refunded. */
const unitsToHandOut = (row: { quantity: number; short_units?: number | null }) => row.quantity - (row.short_units ?? 0)

function toVerified(row: Row, status: OrderStatus, pickedUpAt: string | null, collectedBy: CollectedBy | null) {
  return {
    id: row.id,
    dealId: row.deal_id,
    dealTitle: row.deal_title,
    product: { name: row.product_name, spec: row.product_spec },
    shopper: maskName(row.nickname),
    quantity: unitsToHandOut(row),
    status,
    pickupPoint: { id: row.pickup_point_id, name: row.point_name },
    finalUnitPriceFen: row.final_unit_price_fen,
    pickedUpAt,
    collectedBy,
  }
}

/**
 * Hand goods over against a pickup code (typed) or a signed QR payload (scanned): the owner's own,
 * or the one a neighbour got through a proxy pickup (代取). At the leader's own points, or at the
 * points someone is staff at; one pickup spends both codes; wrong codes are counted per point and,
 * past the limit, refused for a while so six digits cannot be guessed by trying.
 */
export async function verify(ctx: AppContext, verifier: User, input: string) {
  const found = await pickableOrder(ctx, verifier, input)
  const { row } = found
  const nowIso = ctx.now().toISOString()
  const pickedUp = nextOrderStatus(row.status, OrderEvent.pickUp)
  const done = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.markPickedUp(trx, row.id, pickedUp, nowIso, { by: found.collectedBy, userId: found.collectorId }))) return false
    // the leader's commission, in the same transaction: held for the after-sales period
    await postCommission(trx, row.id, nowIso, ctx.config.commissionHoldDays)
    return true
  })
  if (!done) {
    // a second scan of the same code (or the order's other code) raced this one and won
    throw conflict('CODE_ALREADY_USED', '该提货码刚刚已核销，不能重复提货')
  }
  await repo.recordAttempt(ctx.db, { id: newId(), leader_id: verifier.id, ok: 1, created_at: nowIso })
  return { order: toVerified(row, pickedUp, nowIso, found.collectedBy) }
}

/**
 * The order a code belongs to, shown before handing over (nothing changes). Wrong codes count
 * toward the same limit as verification, so looking up is no way to guess.
 */
export async function lookup(ctx: AppContext, verifier: User, input: string) {
  const found = await pickableOrder(ctx, verifier, input)
  return { order: toVerified(found.row, found.row.status, null, found.collectedBy) }
}

/**
 * Where someone verifies, and the keys their wrong codes count against.
 *
 * A typed code names no point before it is looked up, so the limit cannot be keyed by "the point of
 * the order": that is exactly what a guess does not have. Instead every check takes one try from
 * EACH point the verifier verifies at (a leader's own points, a staff member's granted points), all
 * or none, before the code is looked up; a right code gives them back. So at any one point, wrong
 * codes from everyone who verifies there (the leader and all her staff) add up, and at most 5 reach
 * the lookup per window, however many arrive at once. A leader with no point yet counts against a
 * key of her own.
 */
async function verifierScope(ctx: AppContext, verifier: User) {
  const { own, staff } = await repo.verifierPointIds(ctx.db, verifier.id)
  const isLeader = hasRole(verifier, 'leader')
  const points = [...new Set([...(isLeader ? own : []), ...staff])]
  if (!isLeader && points.length === 0) {
    if (await repo.wasStaff(ctx.db, verifier.id)) throw new AppError(403, 'STAFF_REMOVED', '你已不再是这个自提点的核销员')
    throw forbidden('仅团长或核销员可用')
  }
  const keys = points.length > 0 ? points.map((p) => `point:${p}`) : [`user:${verifier.id}`]
  // a staff member's code may be for another point of the same leader: found, then refused by name
  const searched = staff.length > 0 ? [...new Set([...points, ...(await repo.pointsOfSameLeaders(ctx.db, staff))])] : points
  return { points, keys, searched }
}

/** The order behind a typed code or a scanned QR payload, still to be handed out at one of the verifier's points. */
async function pickableOrder(ctx: AppContext, verifier: User, input: string): Promise<Found> {
  const scope = await verifierScope(ctx, verifier)
  const now = ctx.now()
  const nowIso = now.toISOString()
  const locked = await repo.takeVerifyChecks(ctx.db, scope.keys, VERIFY_LIMIT, nowIso, new Date(now.getTime() - VERIFY_LIMIT.windowMs).toISOString())
  if (locked) {
    const minutes = Math.max(1, Math.ceil((Date.parse(locked.lockedUntil) - now.getTime()) / 60_000))
    throw tooMany(`提货码错误次数过多，请 ${minutes} 分钟后再试`, { minutes })
  }
  // a wrong code keeps the try it took; anything that names a real order gives it back
  const fail = async (error: AppError): Promise<never> => {
    await repo.recordAttempt(ctx.db, { id: newId(), leader_id: verifier.id, ok: 0, created_at: nowIso })
    throw error
  }
  let found: Found | null
  try {
    found = await findCode(ctx, scope.searched, input.trim())
  } catch (error) {
    if (error instanceof AppError) return fail(error)
    throw error
  }
  // another leader's order is indistinguishable from a wrong code
  if (!found) return fail(notFound('提货码'))
  if (!scope.points.includes(found.row.pickup_point_id)) {
    return fail(new AppError(403, 'STAFF_WRONG_POINT', `这个订单在「${found.row.point_name}」提货，你不是那里的核销员`))
  }
  await repo.giveBackVerifyChecks(ctx.db, scope.keys)

  let { row } = found
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
  if (row.status === S.unclaimed) throw conflict('ORDER_UNCLAIMED', '提货期已过，该订单已转为未提货，请在「未提货订单」中补登提货或退款')
  if (row.status !== S.confirmed && row.status !== S.ready) {
    throw conflict('ORDER_NOT_PICKABLE', '该订单已取消或已退款，不能提货')
  }
  return { ...found, row }
}

/**
 * A code among these points: the owner's code of an order still to be handed out first, then a
 * live delegated code, then the most recent owner's or delegated code (so a second scan hears when
 * it was handed out, and a withdrawn proxy code says it was withdrawn).
 */
async function findCode(ctx: AppContext, pointIds: string[], code: string): Promise<Found | null> {
  const digits = /^\d{6}$/.test(code)
  const qr = digits ? null : readPickupQr(ctx.config.pickupSecret, code)
  if (!digits && !qr) throw badRequest('INVALID_CODE', '无法识别的提货码')
  if (pointIds.length === 0) return null
  if (digits) {
    const own = await repo.findByCode(ctx.db, pointIds, code)
    if (own && (repo.TO_HAND_OUT as readonly string[]).includes(own.status))
      return { row: own, collectedBy: CollectedBy.owner, collectorId: own.user_id }
    const delegated = await repo.delegationsByCode(ctx.db, pointIds, code)
    if (delegated && (delegated.status === DelegationStatus.accepted || !own)) return fromDelegation(ctx, delegated)
    return own ? { row: own, collectedBy: CollectedBy.owner, collectorId: own.user_id } : null
  }
  if (!qr) return null
  const row = await repo.findById(ctx.db, qr.orderId)
  if (!row || !pointIds.includes(row.pickup_point_id)) return null
  if (row.pickup_code === qr.code) return { row, collectedBy: CollectedBy.owner, collectorId: row.user_id }
  const delegated = await repo.delegationOfOrderWithCode(ctx.db, row.id, qr.code)
  return delegated ? fromDelegation(ctx, delegated) : null
}

async function fromDelegation(ctx: AppContext, d: { order_id: string; status: string; delegate_id: string | null }): Promise<Found | null> {
  if (d.status === DelegationStatus.revoked) throw new AppError(410, 'DELEGATE_CODE_REVOKED', '下单人已收回代取，这个代取码不能再用')
  const row = await repo.findById(ctx.db, d.order_id)
  if (!row || !d.delegate_id) return null
  return { row, collectedBy: CollectedBy.delegate, collectorId: d.delegate_id }
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
    product.quantity += unitsToHandOut(r)
    if (r.status === S.pickedUp) product.pickedUpQuantity += unitsToHandOut(r)
    point.shoppers.push({
      orderId: r.id,
      shopper: maskName(r.nickname),
      dealId: r.deal_id,
      product: r.product_name,
      quantity: unitsToHandOut(r),
      status: r.status,
    })
  }
  return { date, pickupPoints: [...points.values()] }
}
