import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// A shortage on receipt: how many of an order's units never came (or came spoiled) and were refunded,
// so the counter hands out quantity − short_units; and the receipts screen's read by point.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('orders')
    .addColumn('short_units', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('deliveries_point').on('deliveries').columns(['pickup_point_id', 'delivered_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('deliveries_point').execute()
  await db.schema.alterTable('orders').dropColumn('short_units').execute()
}
