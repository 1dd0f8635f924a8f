import type { Kysely } from 'kysely'

// Frozen in time: never edit a migration that has shipped; add a new one.
//
// Mini-program codes (小程序码) for share posters. WeChat's `scene` holds at most 32 characters,
// too few for a deal id and an invite code, so a poster's scene is a short key looked up here:
// one row per deal and invite (an empty invite_code: a poster without an inviter), holding the
// code's image once WeChat has drawn it, so the next poster for the same pair costs no call.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wxacodes')
    .addColumn('scene', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id'))
    .addColumn('invite_code', 'text', (c) => c.notNull())
    /** base64 of the image bytes WeChat answered; null until the first successful call */
    .addColumn('image', 'text')
    .addColumn('content_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text')
    .execute()
  await db.schema.createIndex('wxacodes_deal_invite').on('wxacodes').columns(['deal_id', 'invite_code']).unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wxacodes').execute()
}
