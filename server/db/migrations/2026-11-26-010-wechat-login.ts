import type { Kysely } from 'kysely'

// WeChat login keeps the session_key server-side (it decrypts user data later; it never leaves us).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('wechat_session_key', 'text').execute()
  await db.schema.createIndex('users_unionid').on('users').column('unionid').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_unionid').execute()
  await db.schema.alterTable('users').dropColumn('wechat_session_key').execute()
}
