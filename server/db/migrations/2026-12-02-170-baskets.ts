import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// several joins for tomorrow's pickup paid in one provider transaction. The basket remembers
// its Idempotency-Key and what it took out; each order points at its basket; each order still has its
// own payments row, and the rows of one basket share the provider reference (WeChat's out_trade_no)
// and say the transaction's total (basket_fen), which WeChat wants with every refund.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('baskets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('deal_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('removed', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('baskets_user_key').unique().on('baskets').columns(['user_id', 'idempotency_key']).execute()
  await db.schema.alterTable('orders').addColumn('basket_id', 'text').execute()
  await db.schema.createIndex('orders_basket').on('orders').column('basket_id').execute()
  await db.schema.alterTable('payments').addColumn('basket_id', 'text').execute()
  await db.schema.alterTable('payments').addColumn('basket_fen', 'integer').execute()
  // two taps on pay at once record one row per order of the shared transaction
  await db.schema.createIndex('payments_ref_order').unique().on('payments').columns(['provider_ref', 'order_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('payments_ref_order').execute()
  await db.schema.alterTable('payments').dropColumn('basket_fen').execute()
  await db.schema.alterTable('payments').dropColumn('basket_id').execute()
  await db.schema.dropIndex('orders_basket').execute()
  await db.schema.alterTable('orders').dropColumn('basket_id').execute()
  await db.schema.dropTable('baskets').execute()
}
