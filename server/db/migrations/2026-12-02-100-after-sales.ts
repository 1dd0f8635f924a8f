import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
//
// After-sales (售后, refund only): a shopper's request on a picked-up order and its timeline of
// steps. A refund was one per order and reason (a retried settlement cannot refund twice); an order
// may now have several after-sales refunds, one per request. So a refund gets a `source` (the
// request's id; '' for every other reason) and the unique key becomes (order, reason, source): each
// request still refunds at most once, and every older reason is as unique as before ('' not null,
// since a unique key lets NULLs repeat).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('after_sales_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('pickup_point_id', 'text', (c) => c.notNull().references('pickup_points.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    // JSON array of this server's upload paths
    .addColumn('photos', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('asked_fen', 'integer', (c) => c.notNull())
    .addColumn('approved_fen', 'integer')
    .addColumn('leader_reason', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('escalation_note', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('after_sales_requests_order').on('after_sales_requests').column('order_id').execute()
  await db.schema.createIndex('after_sales_requests_point').on('after_sales_requests').columns(['pickup_point_id', 'status']).execute()
  await db.schema.createIndex('after_sales_requests_status').on('after_sales_requests').column('status').execute()
  // one request waiting (for the leader or the operator) per order, however many arrive at once
  await db.schema
    .createIndex('after_sales_requests_one_open')
    .on('after_sales_requests')
    .column('order_id')
    .unique()
    .where(sql<boolean>`status in ('requested', 'escalated')`)
    .execute()

  await db.schema
    .createTable('after_sales_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('after_sales_requests.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('after_sales_events_request').on('after_sales_events').columns(['request_id', 'created_at']).execute()
  await db.schema.createIndex('after_sales_events_order').on('after_sales_events').column('order_id').execute()

  await db.schema
    .alterTable('refunds')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  if (db.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await sql`alter table refunds drop constraint refunds_order_reason`.execute(db)
    await sql`alter table refunds add constraint refunds_order_reason_source unique (order_id, reason, source)`.execute(db)
  } else {
    await rebuildSqliteRefunds(db)
  }
}

/**
 * SQLite cannot drop a table's UNIQUE constraint: refunds is made again with the new key, SQLite's
 * documented way (https://sqlite.org/lang_altertable.html#otheralter), as 040 did for orders. No
 * table refers to refunds, so foreign keys may stay on and the runner's transaction holds it all.
 */
async function rebuildSqliteRefunds(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'refunds'`.execute(db)
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'refunds' and sql is not null`.execute(
    db,
  )
  const create = table.rows[0].sql
  const oldKey = 'constraint "refunds_order_reason" unique ("order_id", "reason")'
  const rebuilt = create
    .replace('CREATE TABLE "refunds"', 'CREATE TABLE "refunds_rebuilt"')
    .replace(oldKey, 'constraint "refunds_order_reason_source" unique ("order_id", "reason", "source")')
  if (!rebuilt.startsWith('CREATE TABLE "refunds_rebuilt"') || rebuilt.includes(oldKey) || !rebuilt.includes('"source"')) {
    throw new Error(`refunds is not declared as expected: ${create}`)
  }
  await sql.raw(rebuilt).execute(db)
  await sql`insert into refunds_rebuilt select * from refunds`.execute(db)
  await sql`drop table refunds`.execute(db)
  await sql`alter table refunds_rebuilt rename to refunds`.execute(db)
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('after_sales_events').execute()
  await db.schema.dropTable('after_sales_requests').execute()
}
