import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// A refund the provider would not take is tried again with backoff, not at every sweep.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('refunds')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.alterTable('refunds').addColumn('next_attempt_at', 'text').execute()
  await db.schema.alterTable('refunds').addColumn('last_error', 'text').execute()
  await db.schema.createIndex('refunds_due').on('refunds').columns(['status', 'next_attempt_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('refunds_due').execute()
  for (const column of ['last_error', 'next_attempt_at', 'attempts']) await db.schema.alterTable('refunds').dropColumn(column).execute()
}
