import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
// Messages keep what they are about (deal, point, amounts, times) as JSON, so the app can say them
// in the reader's language; the Chinese title and body stay as they were written.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('facts', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('facts').execute()
}
