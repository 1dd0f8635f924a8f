import type { Database } from '../../db/database'
import { PAID_ORDER_STATUSES } from '../../../src/domain'

export function findInvite(db: Database, dealId: string, userId: string) {
  return db.selectFrom('invites').selectAll().where('deal_id', '=', dealId).where('user_id', '=', userId).executeTakeFirst()
}

export async function insertInvite(db: Database, row: { code: string; deal_id: string; user_id: string; created_at: string }): Promise<void> {
  await db.insertInto('invites').values(row).execute()
}

/** The shopper's invites with how many distinct friends paid for an order through each. */
export function listInvitesWithFriends(db: Database, userId: string) {
  return db
    .selectFrom('invites')
    .innerJoin('deals', 'deals.id', 'invites.deal_id')
    .leftJoin('orders', (j) =>
      j
        .onRef('orders.deal_id', '=', 'invites.deal_id')
        .onRef('orders.inviter_id', '=', 'invites.user_id')
        .on('orders.status', 'in', [...PAID_ORDER_STATUSES]),
    )
    .select((eb) => ['invites.deal_id', 'invites.code', 'deals.title', eb.fn.count<number>('orders.user_id').distinct().as('friends')])
    .where('invites.user_id', '=', userId)
    .groupBy(['invites.deal_id', 'invites.code', 'deals.title', 'invites.created_at'])
    .orderBy('invites.created_at', 'desc')
    .execute()
}

export function findDealStatus(db: Database, dealId: string) {
  return db.selectFrom('deals').select('status').where('id', '=', dealId).executeTakeFirst()
}
