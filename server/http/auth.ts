import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Role, User } from '../../types/api'
import { forbidden, unauthorized } from './errors'
import { hasRole, userForToken } from '../features/auth/auth.service'

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in user, set by requireUser / requireRole */
    user: User | null
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  return m ? m[1] : null
}

/** preHandler: 401 unless the request carries a live session token. */
export async function requireUser(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const token = bearerToken(request)
  if (!token) throw unauthorized()
  const user = await userForToken(request.server.ctx, token)
  if (!user) throw unauthorized('登录已过期，请重新登录')
  request.user = user
}

/** preHandler factory: 401 without a session, 403 without the role. */
export function requireRole(role: Role) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await requireUser(request, reply)
    if (!hasRole(request.user!, role)) {
      throw forbidden(role === 'leader' ? '仅团长可用' : role === 'admin' ? '仅管理员可用' : '没有权限')
    }
  }
}

/** For public reads that say more to a signed-in user; never fails. */
export async function optionalUser(request: FastifyRequest): Promise<User | null> {
  const token = bearerToken(request)
  if (!token) return null
  request.user = await userForToken(request.server.ctx, token)
  return request.user
}

/** The signed-in user inside a handler behind requireUser/requireRole. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw unauthorized()
  return request.user
}
