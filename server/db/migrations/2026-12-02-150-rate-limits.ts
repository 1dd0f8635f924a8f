import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// Request counts per client and route for the current window, shared by every API instance, so a
// limit holds however the load balancer spreads a client's requests (server/http/rate-limits.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start_ms', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute()
}
