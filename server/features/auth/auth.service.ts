import crypto from 'node:crypto'
import type { Role, User } from '../../../types/api'
import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { newId } from '../../http/ids'
import { ReadCache } from '../../db/read-cache'
import * as repo from './auth.repository'
import type { UserRow } from './auth.repository'

/** Leaders approved through dev login get the usual starting rate: 5% of picked-up value. */
export const DEFAULT_COMMISSION_BPS = 500

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    handle: row.handle,
    nickname: row.nickname,
    avatarUrl: row.avatar_url,
    roles: row.roles.split(',').filter(Boolean) as Role[],
    commissionBps: row.commission_bps,
  }
}

export function hasRole(user: User, role: Role): boolean {
  return user.roles.includes(role)
}

/** Session tokens are random and opaque; only their SHA-256 is stored, so a leaked table opens nothing. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export async function issueSession(ctx: AppContext, userId: string): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  const now = ctx.now()
  const expires = new Date(now.getTime() + ctx.config.sessionTtlDays * 86_400_000)
  await repo.insertSession(ctx.db, {
    token_hash: hashToken(token),
    user_id: userId,
    created_at: now.toISOString(),
    expires_at: expires.toISOString(),
  })
  return token
}

/**
 * Every signed-in request looks up its session: keep the answer a few seconds. A sign-out or a
 * change of roles in this process drops it at once (a write to sessions or users); in another
 * process sharing the database it shows within the cache's lifetime.
 */
const sessions = new ReadCache<{ user: User; expiresAt: string }>({ readsFrom: ['sessions', 'users'], max: 20_000, ttlMs: 5_000 })

export async function userForToken(ctx: AppContext, token: string): Promise<User | null> {
  const tokenHash = hashToken(token)
  const nowIso = ctx.now().toISOString()
  const cached = sessions.get(ctx.db, tokenHash)
  if (cached && cached.expiresAt > nowIso) return cached.user
  const writes = sessions.writesNow(ctx.db)
  const row = await repo.findSessionUser(ctx.db, tokenHash, nowIso)
  if (!row) return null
  const { session_expires_at, ...userRow } = row
  const user = toUser(userRow)
  sessions.set(ctx.db, tokenHash, { user, expiresAt: session_expires_at }, writes)
  return user
}

export async function logout(ctx: AppContext, token: string): Promise<void> {
  await repo.deleteSession(ctx.db, hashToken(token))
}

/**
 * Development login: find or create the user with this handle. A leader or admin made here is
 * approved at once (with the default commission rate) so the demo can be driven end to end.
 */
export async function devLogin(ctx: AppContext, input: { handle: string; nickname?: string; role?: Role }): Promise<{ token: string; user: User }> {
  let row: UserRow | undefined = await repo.findUserByHandle(ctx.db, input.handle)
  if (!row) {
    const roles: Role[] = ['shopper']
    if (input.role && input.role !== 'shopper') roles.push(input.role)
    row = {
      id: newId(),
      handle: input.handle,
      openid: null,
      unionid: null,
      nickname: input.nickname ?? input.handle,
      avatar_url: null,
      phone: null,
      roles: roles.join(','),
      commission_bps: roles.includes('leader') ? DEFAULT_COMMISSION_BPS : null,
      created_at: ctx.now().toISOString(),
      wechat_session_key: null,
    }
    try {
      await repo.insertUser(ctx.db, row)
    } catch (error) {
      // two first logins with one handle raced: the other one created the user
      const existing = await repo.findUserByHandle(ctx.db, input.handle)
      if (!existing) throw error
      row = existing
    }
  }
  if (input.role && !row.roles.split(',').includes(input.role)) {
    const roles = [...row.roles.split(','), input.role].join(',')
    const commission = input.role === 'leader' ? (row.commission_bps ?? DEFAULT_COMMISSION_BPS) : row.commission_bps
    await repo.updateUser(ctx.db, row.id, { roles, commission_bps: commission })
    row = { ...row, roles, commission_bps: commission }
  }
  const token = await issueSession(ctx, row.id)
  return { token, user: toUser(row) }
}

/** The shopper's WeChat openid, or null (no such user, or not a WeChat user). */
export async function openidOf(ctx: AppContext, userId: string): Promise<string | null> {
  return (await repo.findOpenid(ctx.db, userId))?.openid ?? null
}

/** Give the user the leader role at this commission, in the caller's transaction; false if no such user. */
/** Give a person one more role (a supplier on approval); false when there is no such person. */
export async function grantRole(trx: Database, userId: string, role: Role): Promise<boolean> {
  const user = await repo.findUserById(trx, userId)
  if (!user) return false
  const roles = user.roles.split(',').filter(Boolean)
  if (roles.includes(role)) return true
  roles.push(role)
  await repo.updateUser(trx, user.id, { roles: roles.join(',') })
  return true
}

export async function makeLeader(trx: Database, userId: string, commissionBps: number): Promise<boolean> {
  const user = await repo.findUserById(trx, userId)
  if (!user) return false
  const roles = user.roles.split(',').filter(Boolean)
  if (!roles.includes('leader')) roles.push('leader')
  await repo.updateUser(trx, user.id, { roles: roles.join(','), commission_bps: commissionBps })
  return true
}
