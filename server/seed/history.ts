import type { Tier } from '../../types/api'
import { CollectedBy, DealStatus, OrderStatus, RefundReason } from '../../types/api'
import { settle } from '../../src/domain'
import { DEFAULT_COMMISSION_HOLD_DAYS } from '../../src/domain/ledger'
import type { Database } from '../db/database'
import { newId } from '../http/ids'
import { postCommission, postRefunds } from '../features/ledger/ledger-postings'
import { addDeal, addPaidOrder } from './builders'
import { productImageUrl } from './images'

/**
 * The demo town's past: deals that settled, arrived and were collected days ago, so a leader's
 * wallet and earnings have history (commission picked up more than a week ago is withdrawable,
 * last weekend's still held) and the ledger holds every payment, refund and commission of it,
 * posted as the live flow posts them.
 */

const HOUR = 3_600_000
const DAY = 24 * HOUR

export interface PastDealSeed {
  leader: string
  title: string
  name: string
  spec: string
  image: string
  category: string
  listPriceFen: number
  tiers: Tier[]
  /** days before now the goods were handed out */
  pickedUpDaysAgo: number
  /** shopper handle and quantity, in the order they joined */
  joins: [string, number][]
}

const t = (...pairs: [number, number][]): Tier[] => pairs.map(([threshold, unitPriceFen]) => ({ threshold, unitPriceFen }))

export const pastDeals: PastDealSeed[] = [
  {
    leader: 'wang-store',
    title: '东北长粒香大米 上周团',
    name: '长粒香大米',
    spec: '5kg/袋',
    image: 'rice',
    category: '粮油',
    listPriceFen: 6990,
    tiers: t([1, 5990], [3, 5490], [5, 4990]),
    pickedUpDaysAgo: 10,
    joins: [
      ['xiaomei', 1],
      ['zhou-jie', 2],
      ['lao-chen', 1],
      ['tingting', 1],
      ['a-hua', 1],
    ],
  },
  {
    leader: 'li-mama',
    title: '农家土鸡蛋 上周团',
    name: '土鸡蛋',
    spec: '30枚/盒',
    image: 'eggs',
    category: '蛋奶',
    listPriceFen: 4500,
    tiers: t([1, 3990], [4, 3590]),
    pickedUpDaysAgo: 9,
    joins: [
      ['liu-ayi', 1],
      ['sun-nainai', 2],
      ['xiaoyu', 1],
      ['da-ming', 1],
    ],
  },
  {
    leader: 'zhang-fruit',
    title: '赣南脐橙 上周团',
    name: '赣南脐橙',
    spec: '5kg/箱',
    image: 'navel-orange',
    category: '水果',
    listPriceFen: 5980,
    tiers: t([1, 4980], [3, 4480], [6, 3980]),
    pickedUpDaysAgo: 8,
    joins: [
      ['jiajia', 2],
      ['tingting', 1],
      ['xiaomei', 1],
    ],
  },
  {
    leader: 'wang-store',
    title: '安吉白茶 前两天到货',
    name: '安吉白茶',
    spec: '50g/罐',
    image: 'white-tea',
    category: '茶叶',
    listPriceFen: 1580,
    tiers: t([1, 1280], [3, 990]),
    pickedUpDaysAgo: 2,
    joins: [
      ['a-hua', 1],
      ['da-ming', 1],
      ['jiajia', 1],
    ],
  },
]

/**
 * Each past deal: opened and joined (payments posted by addPaidOrder), settled at its cutoff with the
 * price difference refunded (refund rows and their ledger transactions) and the leader's rate frozen,
 * arrived, and every order collected (commission posted, held COMMISSION_HOLD_DAYS from pickup).
 */
export async function seedHistory(
  db: Database,
  now: Date,
  town: { user: (handle: string) => string; pointsOf: (leaderHandle: string) => string[]; commissionBpsOf: (leaderHandle: string) => number },
): Promise<{ deals: number; orders: number }> {
  let orders = 0
  for (const past of pastDeals) {
    const leaderId = town.user(past.leader)
    const points = town.pointsOf(past.leader)
    const pickupStart = new Date(now.getTime() - past.pickedUpDaysAgo * DAY - 4 * HOUR)
    const pickupEnd = new Date(pickupStart.getTime() + 5 * HOUR)
    const cutoffAt = new Date(pickupStart.getTime() - 18 * HOUR)
    const createdAt = new Date(cutoffAt.getTime() - 2 * DAY)
    const dealId = await addDeal(db, {
      leaderId,
      status: DealStatus.open,
      title: past.title,
      product: { name: past.name, spec: past.spec, images: [productImageUrl(past.image)], category: past.category },
      listPriceFen: past.listPriceFen,
      tierBasis: 'units',
      tiers: past.tiers,
      minToSucceed: 2,
      cutoffAt,
      pickupStart,
      pickupEnd,
      pickupPointIds: points,
      at: createdAt,
    })
    const placed: { id: string; userId: string; quantity: number; unitPriceFen: number; pointId: string }[] = []
    for (const [k, [handle, quantity]] of past.joins.entries()) {
      const at = new Date(createdAt.getTime() + ((k + 1) * (cutoffAt.getTime() - createdAt.getTime())) / (past.joins.length + 1))
      const pointId = points[k % points.length]
      const { orderId, unitPriceFen } = await addPaidOrder(db, { dealId, userId: town.user(handle), quantity, pickupPointId: pointId, at })
      placed.push({ id: orderId, userId: town.user(handle), quantity, unitPriceFen, pointId })
      orders++
    }

    // settled at cutoff: everyone pays the final tier price, the difference goes back
    const settledAt = cutoffAt.toISOString()
    const result = settle(
      { tierBasis: 'units', tiers: past.tiers, minToSucceed: 2 },
      placed.map((o) => ({ id: o.id, userId: o.userId, quantity: o.quantity, unitPriceFen: o.unitPriceFen })),
    )
    if (result.outcome !== 'succeeded') throw new Error(`seed: past deal ${past.title} must succeed`)
    await db
      .updateTable('deals')
      .set({
        status: DealStatus.completed,
        settled_at: settledAt,
        final_unit_price_fen: result.finalTierPriceFen,
        completed_at: pickupEnd.toISOString(),
        updated_at: pickupEnd.toISOString(),
      })
      .where('id', '=', dealId)
      .execute()
    const bps = town.commissionBpsOf(past.leader)
    for (const o of result.orders) {
      await db
        .updateTable('orders')
        .set({
          status: OrderStatus.confirmed,
          final_unit_price_fen: o.finalUnitPriceFen,
          refund_fen: o.refundFen,
          commission_bps: bps,
          commission_leader_id: leaderId,
          supplier_unit_price_fen: null,
          updated_at: settledAt,
        })
        .where('id', '=', o.id)
        .execute()
    }
    const refunds = result.orders.filter((o) => o.refundFen > 0).map((o) => ({ id: newId(), orderId: o.id, amountFen: o.refundFen }))
    if (refunds.length > 0) {
      await db
        .insertInto('refunds')
        .values(
          refunds.map((r) => ({
            id: r.id,
            order_id: r.orderId,
            amount_fen: r.amountFen,
            reason: RefundReason.priceDifference,
            status: 'succeeded' as const,
            provider_ref: `sandbox_refund_${r.id}`,
            created_at: settledAt,
            source: '',
          })),
        )
        .execute()
      await postRefunds(db, refunds, settledAt)
    }

    // arrived the morning of pickup; collected over the afternoon
    for (const pointId of new Set(placed.map((o) => o.pointId))) {
      await db
        .insertInto('arrivals')
        .values({ deal_id: dealId, pickup_point_id: pointId, arrived_at: new Date(pickupStart.getTime() - 3 * HOUR).toISOString() })
        .execute()
    }
    for (const [k, o] of placed.entries()) {
      const pickedUpAt = new Date(pickupStart.getTime() + (k + 1) * 20 * 60_000).toISOString()
      await db
        .updateTable('orders')
        .set({
          status: OrderStatus.pickedUp,
          picked_up_at: pickedUpAt,
          updated_at: pickedUpAt,
          collected_by: CollectedBy.owner,
          collected_by_user_id: o.userId,
        })
        .where('id', '=', o.id)
        .execute()
      await postCommission(db, o.id, pickedUpAt, DEFAULT_COMMISSION_HOLD_DAYS)
    }
  }
  return { deals: pastDeals.length, orders }
}
