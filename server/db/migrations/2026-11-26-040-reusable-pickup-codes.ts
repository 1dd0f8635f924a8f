import { sql, type Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
//
// A pickup code was unique among every order ever paid: six digits run out after a million orders
// in a town (and finding a free one slows long before that). From here a code is unique only among
// orders still to be handed out (paid, confirmed, ready). A picked-up, refunded or cancelled order
// keeps its code to show, and the code may be given to someone else later.
const TO_HAND_OUT = sql<boolean>`status in ('paid', 'confirmed', 'ready')`

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter.constructor.name.startsWith('Postgres')) {
    await sql`alter table orders drop constraint if exists orders_pickup_code_key`.execute(db)
    await createPartialIndex(db)
  } else {
    await rebuildSqliteOrdersWithoutUniqueCode(db)
  }
}

/**
 * SQLite cannot drop a column's UNIQUE: the table is made again without it, SQLite's documented way
 * (https://sqlite.org/lang_altertable.html#otheralter): with foreign keys off — payments and refunds
 * keep referring to "orders", which is then the new table — in one transaction, checked before
 * commit. Foreign keys can only be switched outside a transaction, so the runner gives this
 * migration none (see `ownTransaction` and migrateToLatest).
 */
async function rebuildSqliteOrdersWithoutUniqueCode(db: Kysely<any>): Promise<void> {
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'orders'`.execute(db)
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'orders' and sql is not null`.execute(
    db,
  )
  const create = table.rows[0].sql
  const rebuilt = create.replace('"pickup_code" text unique', '"pickup_code" text').replace('CREATE TABLE "orders"', 'CREATE TABLE "orders_rebuilt"')
  if (!rebuilt.startsWith('CREATE TABLE "orders_rebuilt"') || rebuilt.includes('"pickup_code" text unique')) {
    throw new Error(`orders is not declared as expected: ${create}`)
  }
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin`.execute(db)
    try {
      await sql.raw(rebuilt).execute(db)
      await sql`insert into orders_rebuilt select * from orders`.execute(db)
      await sql`drop table orders`.execute(db)
      await sql`alter table orders_rebuilt rename to orders`.execute(db)
      for (const index of indexes.rows) await sql.raw(index.sql).execute(db)
      await createPartialIndex(db)
      const broken = await sql`pragma foreign_key_check`.execute(db)
      if (broken.rows.length > 0) throw new Error(`foreign keys broken by the rebuild: ${JSON.stringify(broken.rows.slice(0, 5))}`)
      await sql`commit`.execute(db)
    } catch (error) {
      await sql`rollback`.execute(db)
      throw error
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

function createPartialIndex(db: Kysely<any>) {
  return db.schema.createIndex('orders_pickup_code_to_hand_out').on('orders').column('pickup_code').unique().where(TO_HAND_OUT).execute()
}

/** On SQLite, run without the runner's transaction: it makes its own (see above). */
export const ownTransaction = true

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_pickup_code_to_hand_out').execute()
}
