import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// Indexes on orders for a rush of joins:
// - every batch of joins asks whether a deal has an unpaid hold past its time; with an index on
//   (deal_id, status) alone that walks every unpaid order of the deal (tens of thousands in a rush),
//   with hold_expires_at in it, none. The new index serves (deal_id, status) too.
// - (user_id, created_at) is dropped: a shopper's orders are found through the unique
//   (user_id, idempotency_key) index, and each order written no longer dirties one more random page.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_deal_status_hold').on('orders').columns(['deal_id', 'status', 'hold_expires_at']).execute()
  await db.schema.dropIndex('orders_deal_status').execute()
  await db.schema.dropIndex('orders_user').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_user').on('orders').columns(['user_id', 'created_at']).execute()
  await db.schema.createIndex('orders_deal_status').on('orders').columns(['deal_id', 'status']).execute()
  await db.schema.dropIndex('orders_deal_status_hold').execute()
}
