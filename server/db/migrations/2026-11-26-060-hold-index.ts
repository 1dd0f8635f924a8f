import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// Every batch of joins asks whether a deal has an unpaid hold past its time. With an index on
// (deal_id, status) alone that walks every unpaid order of the deal (tens of thousands in a rush);
// with hold_expires_at in the index it looks at none. The new index serves (deal_id, status) too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_deal_status_hold').on('orders').columns(['deal_id', 'status', 'hold_expires_at']).execute()
  await db.schema.dropIndex('orders_deal_status').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('orders_deal_status').on('orders').columns(['deal_id', 'status']).execute()
  await db.schema.dropIndex('orders_deal_status_hold').execute()
}
