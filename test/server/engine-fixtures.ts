import crypto from 'node:crypto'
import type { DealStatus, Tier } from '../../types/api'
import type { AppContext } from '../../server/http/context'

/** Rows written straight into the database, for engine tests that start mid-story. */
const id = () => crypto.randomBytes(8).toString('hex')

export async function insertUser(ctx: AppContext, nickname: string, roles = 'shopper'): Promise<string> {
  const userId = id()
  await ctx.db
    .insertInto('users')
    .values({
      id: userId,
      handle: `h-${userId}`,
      openid: null,
      unionid: null,
      nickname,
      avatar_url: null,
      phone: null,
      roles,
      commission_bps: roles.includes('leader') ? 500 : null,
      created_at: ctx.now().toISOString(),
    })
    .execute()
  return userId
}

export async function insertPoint(ctx: AppContext, leaderId: string, name = '幸福里便利店'): Promise<string> {
  const pointId = id()
  const now = ctx.now().toISOString()
  await ctx.db
    .insertInto('pickup_points')
    .values({
      id: pointId,
      leader_id: leaderId,
      name,
      address: '幸福路1号',
      lat: 31.23,
      lng: 121.47,
      hours: '08:00-21:00',
      contact: '13800000000',
      created_at: now,
      updated_at: now,
    })
    .execute()
  return pointId
}

export interface DealFixture {
  leaderId: string
  pointId: string
  tiers?: Tier[]
  minToSucceed?: number
  cutoffAt: string
  tierBasis?: 'people' | 'units'
  stockUnits?: number | null
  perUserLimit?: number | null
  status?: DealStatus
}

export async function insertDeal(ctx: AppContext, f: DealFixture): Promise<string> {
  const dealId = id()
  const now = ctx.now().toISOString()
  const cutoff = Date.parse(f.cutoffAt)
  await ctx.db
    .insertInto('deals')
    .values({
      id: dealId,
      leader_id: f.leaderId,
      status: f.status ?? 'open',
      title: '阳山水蜜桃',
      product_name: '水蜜桃',
      product_spec: '2.5kg/箱',
      product_description: '',
      product_images: '[]',
      product_category: 'fruit',
      list_price_fen: 1500,
      tier_basis: f.tierBasis ?? 'people',
      tiers: JSON.stringify(
        f.tiers ?? [
          { threshold: 1, unitPriceFen: 1280 },
          { threshold: 3, unitPriceFen: 990 },
          { threshold: 5, unitPriceFen: 880 },
        ],
      ),
      min_to_succeed: f.minToSucceed ?? 2,
      stock_units: f.stockUnits ?? null,
      per_user_limit: f.perUserLimit ?? null,
      active_units: 0,
      participant_count: 0,
      cutoff_at: f.cutoffAt,
      pickup_start: new Date(cutoff + 86_400_000).toISOString(),
      pickup_end: new Date(cutoff + 2 * 86_400_000).toISOString(),
      created_at: now,
      updated_at: now,
      published_at: now,
      settled_at: null,
      final_unit_price_fen: null,
      completed_at: null,
    })
    .execute()
  await ctx.db.insertInto('deal_pickup_points').values({ deal_id: dealId, pickup_point_id: f.pointId }).execute()
  return dealId
}

/** An order as the join and the payment would leave it, counters included. */
export async function insertOrder(
  ctx: AppContext,
  o: {
    dealId: string
    userId: string
    pointId: string
    quantity: number
    unitPriceFen: number
    status?: 'paid' | 'pending_payment'
    holdExpiresAt?: string
  },
): Promise<string> {
  const orderId = id()
  const now = ctx.now().toISOString()
  const paid = (o.status ?? 'paid') === 'paid'
  await ctx.db
    .insertInto('orders')
    .values({
      id: orderId,
      deal_id: o.dealId,
      user_id: o.userId,
      status: paid ? 'paid' : 'pending_payment',
      quantity: o.quantity,
      unit_price_fen: o.unitPriceFen,
      final_unit_price_fen: null,
      paid_fen: paid ? o.quantity * o.unitPriceFen : 0,
      refund_fen: 0,
      pickup_point_id: o.pointId,
      inviter_id: null,
      idempotency_key: id(),
      request_hash: 'fixture',
      pickup_code: paid ? String(crypto.randomInt(0, 1_000_000)).padStart(6, '0') : null,
      created_at: now,
      updated_at: now,
      paid_at: paid ? now : null,
      hold_expires_at: paid ? null : (o.holdExpiresAt ?? new Date(Date.parse(now) + 15 * 60_000).toISOString()),
      closed_at: null,
      picked_up_at: null,
    })
    .execute()
  if (paid) {
    await ctx.db
      .insertInto('payments')
      .values({
        id: id(),
        order_id: orderId,
        provider: 'sandbox',
        amount_fen: o.quantity * o.unitPriceFen,
        status: 'succeeded',
        provider_ref: `ref-${orderId}`,
        created_at: now,
        completed_at: now,
      })
      .execute()
  }
  const existing = await ctx.db
    .selectFrom('deal_participants')
    .select('active_units')
    .where('deal_id', '=', o.dealId)
    .where('user_id', '=', o.userId)
    .executeTakeFirst()
  if (existing) {
    await ctx.db
      .updateTable('deal_participants')
      .set({ active_units: existing.active_units + o.quantity })
      .where('deal_id', '=', o.dealId)
      .where('user_id', '=', o.userId)
      .execute()
  } else {
    await ctx.db.insertInto('deal_participants').values({ deal_id: o.dealId, user_id: o.userId, active_units: o.quantity }).execute()
  }
  const newcomer = !existing || existing.active_units === 0
  await ctx.db
    .updateTable('deals')
    .set((eb) => ({
      active_units: eb('active_units', '+', o.quantity),
      participant_count: newcomer ? eb('participant_count', '+', 1) : eb.ref('participant_count'),
    }))
    .where('id', '=', o.dealId)
    .execute()
  return orderId
}

export function orderRow(ctx: AppContext, orderId: string) {
  return ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
}

export function refundRows(ctx: AppContext, orderId: string) {
  return ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).execute()
}

export function dealRow(ctx: AppContext, dealId: string) {
  return ctx.db.selectFrom('deals').selectAll().where('id', '=', dealId).executeTakeFirstOrThrow()
}
