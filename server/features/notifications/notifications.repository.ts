import { OrderStatus } from '../../../types/api'
import type { Database } from '../../db/database'
import { chunks } from '../../db/chunks'
import { dealOrdersIn, ordersWithDealAndPoint } from '../../db/queries'
import type { MessagesTable, SubscriptionConsentsTable } from '../../db/schema'
import { NotificationKind } from './notifications.config'

/** An in-app message, once per dedupe key; false if one was already written. */
export async function insertMessage(trx: Database, row: MessagesTable): Promise<boolean> {
  return (await insertMessages(trx, [row])).size === 1
}

/** Many messages at once; the dedupe keys of those that were new (the others were written before). */
export async function insertMessages(trx: Database, rows: readonly MessagesTable[]): Promise<Set<string>> {
  const inserted = new Set<string>()
  for (const chunk of chunks(rows)) {
    const written = await trx
      .insertInto('messages')
      .values([...chunk])
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('dedupe_key')
      .execute()
    for (const w of written) inserted.add(w.dedupe_key)
  }
  return inserted
}

/** A deal's orders in these statuses (at one point, if given), with what their messages say. */
export function dealOrders(trx: Database, dealId: string, statuses: OrderStatus[], pointId?: string) {
  return dealOrdersIn(trx, dealId, statuses, pointId)
    .select([
      'orders.id',
      'orders.user_id',
      'orders.quantity',
      'orders.paid_fen',
      'orders.refund_fen',
      'orders.final_unit_price_fen',
      'deals.title',
      'deals.product_name',
      'deals.pickup_start',
      'deals.pickup_end',
      'pickup_points.name as point_name',
    ])
    .execute()
}

/** Ready orders whose pickup window closes between now and `soonIso` and that were not reminded yet. */
export function ordersToRemind(db: Database, nowIso: string, soonIso: string) {
  return ordersWithDealAndPoint(db)
    .leftJoin('messages', (j) => j.onRef('messages.order_id', '=', 'orders.id').on('messages.kind', '=', NotificationKind.pickupReminder))
    .select([
      'orders.id',
      'orders.user_id',
      'orders.deal_id',
      'deals.title',
      'deals.product_name',
      'deals.pickup_end',
      'pickup_points.name as point_name',
    ])
    .where('orders.status', '=', OrderStatus.ready)
    .where('deals.pickup_end', '>', nowIso)
    .where('deals.pickup_end', '<=', soonIso)
    .where('messages.id', 'is', null)
    .limit(500)
    .execute()
}

export function listMessagesOf(db: Database, userId: string) {
  return db.selectFrom('messages').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id').limit(100).execute()
}

export async function markMessagesRead(db: Database, userId: string, nowIso: string): Promise<void> {
  await db.updateTable('messages').set({ read_at: nowIso }).where('user_id', '=', userId).where('read_at', 'is', null).execute()
}

export async function dealExists(db: Database, dealId: string): Promise<boolean> {
  return (await db.selectFrom('deals').select('id').where('id', '=', dealId).executeTakeFirst()) !== undefined
}

export async function insertConsents(db: Database, rows: SubscriptionConsentsTable[]): Promise<void> {
  await db.insertInto('subscription_consents').values(rows).execute()
}

/** The shopper's unused consents to this template, for this deal or any, oldest first. */
export function unusedConsents(db: Database, userId: string, templateId: string, dealId: string) {
  return db
    .selectFrom('subscription_consents')
    .select(['id', 'deal_id'])
    .where('user_id', '=', userId)
    .where('template_id', '=', templateId)
    .where('used_at', 'is', null)
    .where((eb) => eb.or([eb('deal_id', 'is', null), eb('deal_id', '=', dealId)]))
    .orderBy('created_at')
    .execute()
}

/** Spend one consent; true only for the call that spent it (several instances may try at once). */
export async function useConsent(db: Database, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('subscription_consents')
    .set({ used_at: nowIso })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** The message was not sent after all: the consent can pay for the next one. */
export async function giveBackConsent(db: Database, id: string): Promise<void> {
  await db.updateTable('subscription_consents').set({ used_at: null }).where('id', '=', id).execute()
}
