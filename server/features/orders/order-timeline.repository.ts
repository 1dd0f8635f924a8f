import type { Database } from '../../db/database'

/** The rows an order's timeline reads besides the order itself (all its SQL is here). */

/** The order's deal: when it settled, at what final price, in what state. */
export function dealSettlementOf(db: Database, dealId: string) {
  return db.selectFrom('deals').select(['status', 'settled_at', 'final_unit_price_fen']).where('id', '=', dealId).executeTakeFirst()
}

/** When the goods reached the order's pickup point, and the point's name. */
export function arrivalAt(db: Database, dealId: string, pointId: string) {
  return db
    .selectFrom('arrivals')
    .innerJoin('pickup_points', 'pickup_points.id', 'arrivals.pickup_point_id')
    .select(['arrivals.arrived_at', 'pickup_points.name as point_name'])
    .where('arrivals.deal_id', '=', dealId)
    .where('arrivals.pickup_point_id', '=', pointId)
    .executeTakeFirst()
}

/** A person's nickname (who collected an order for its owner). */
export async function nicknameOf(db: Database, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('nickname').where('id', '=', userId).executeTakeFirst()
  return row?.nickname
}

/**
 * "Buy again": the deal open now for the same product as this deal (same leader, same product
 * name; the schema keeps no product key), newest first; this deal itself counts while it is open.
 */
export async function openDealForSameProduct(db: Database, dealId: string, nowIso: string): Promise<string | null> {
  const row = await db
    .selectFrom('deals as mine')
    .innerJoin('deals as other', (join) => join.onRef('other.leader_id', '=', 'mine.leader_id').onRef('other.product_name', '=', 'mine.product_name'))
    .select('other.id')
    .where('mine.id', '=', dealId)
    .where('other.status', '=', 'open')
    .where('other.cutoff_at', '>', nowIso)
    .orderBy('other.published_at', 'desc')
    .orderBy('other.id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}
