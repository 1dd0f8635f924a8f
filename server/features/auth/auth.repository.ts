import type { Database } from '../../db/database'
import type { UsersTable } from '../../db/schema'

export type UserRow = UsersTable

export function findUserById(db: Database, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findUserByHandle(db: Database, handle: string) {
  return db.selectFrom('users').selectAll().where('handle', '=', handle).executeTakeFirst()
}

export async function insertUser(db: Database, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute()
}

export async function updateUser(db: Database, id: string, patch: Partial<UserRow>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute()
}

export async function insertSession(
  db: Database,
  session: { token_hash: string; user_id: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('sessions').values(session).execute()
}

export function findSessionUser(db: Database, tokenHash: string, nowIso: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.expires_at as session_expires_at')
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', nowIso)
    .executeTakeFirst()
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}

export function listDemoUsers(db: Database) {
  return db.selectFrom('users').selectAll().where('handle', 'is not', null).orderBy('created_at').limit(50).execute()
}

export function findOpenid(db: Database, id: string) {
  return db.selectFrom('users').select('openid').where('id', '=', id).executeTakeFirst()
}
