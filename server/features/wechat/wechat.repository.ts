import type { Database } from '../../db/database'
import type { UsersTable } from '../../db/schema'

/** WeChat's own records: who a WeChat identity is, and the shared access token. */

export function findUserIdByUnionid(db: Database, unionid: string) {
  return db.selectFrom('users').select('id').where('unionid', '=', unionid).executeTakeFirst()
}

export function findUserIdByOpenid(db: Database, openid: string) {
  return db.selectFrom('users').select('id').where('openid', '=', openid).executeTakeFirst()
}

export async function setWechatIdentity(
  db: Database,
  userId: string,
  identity: { openid: string; unionid: string | null; wechat_session_key: string },
): Promise<void> {
  await db.updateTable('users').set(identity).where('id', '=', userId).execute()
}

export async function insertWechatUser(db: Database, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute()
}

export function findUserRow(db: Database, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

export function findAccessToken(db: Database, appId: string) {
  return db.selectFrom('wechat_access_tokens').selectAll().where('app_id', '=', appId).executeTakeFirst()
}

export async function saveAccessToken(db: Database, appId: string, token: string, expiresAt: string): Promise<void> {
  await db
    .insertInto('wechat_access_tokens')
    .values({ app_id: appId, token, expires_at: expiresAt })
    .onConflict((oc) => oc.column('app_id').doUpdateSet({ token, expires_at: expiresAt }))
    .execute()
}

/** Forget this token only if it is still the cached one (another instance may have replaced it). */
export async function dropAccessToken(db: Database, appId: string, token: string): Promise<void> {
  await db.deleteFrom('wechat_access_tokens').where('app_id', '=', appId).where('token', '=', token).execute()
}
