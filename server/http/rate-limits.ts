import crypto from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fastifyRateLimit from '@fastify/rate-limit'
import type { Database } from '../db/database'
import type { AppContext } from './context'
import { AppError } from './errors'
import * as repo from './rate-limits.repository'

/**
 * The routes a client could hammer, and how much of each one client gets. `ip`: per address (no
 * session yet); `session`: per signed-in session (a household behind one address is several
 * people). Pickup-code verification has its own per-point lock-out (server/features/pickups).
 * Dev login exists only in development and demos, so it is not limited.
 */
export const RATE_LIMITS: Record<string, { max: number; windowMs: number; per: 'ip' | 'session' }> = {
  'POST /api/v1/auth/wechat-login': { max: 30, windowMs: 60_000, per: 'ip' },
  'POST /api/v1/deals/:id/orders': { max: 60, windowMs: 60_000, per: 'session' },
  'POST /api/v1/uploads': { max: 30, windowMs: 60_000, per: 'session' },
}

function clientKey(request: FastifyRequest, per: 'ip' | 'session'): string {
  const auth = request.headers.authorization
  if (per === 'session' && typeof auth === 'string' && auth.length > 0) {
    return `s:${crypto.createHash('sha256').update(auth).digest('base64url').slice(0, 22)}`
  }
  return `ip:${request.ip}`
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void

/**
 * @fastify/rate-limit's store interface over the database: every instance counts in the same row,
 * with one atomic upsert per request (rate-limits.repository.ts). The plugin makes the store itself
 * (`new Store(options)`), then one child per limited route.
 */
function databaseStore(db: Database, now: () => Date) {
  return class DatabaseStore {
    constructor(
      _options?: unknown,
      private readonly route = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number): void {
      const nowMs = now().getTime()
      repo.hit(db, `${this.route}|${key}`, nowMs, timeWindow).then(
        ({ hits, windowStartMs }) => cb(null, { current: hits, ttl: Math.max(0, windowStartMs + timeWindow - nowMs) }),
        (error: Error) => cb(error),
      )
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      const nowMs = now().getTime()
      repo.peek(db, `${this.route}|${key}`).then(
        (row) => {
          if (!row || row.windowStartMs + timeWindow <= nowMs) return cb(null, { current: 0, ttl: 0 })
          cb(null, { current: row.hits, ttl: row.windowStartMs + timeWindow - nowMs })
        },
        (error: Error) => cb(error),
      )
    }

    child(routeOptions: { method?: string | string[]; url?: string; routeInfo?: { method: string | string[]; url: string } }): DatabaseStore {
      const info = routeOptions.routeInfo ?? routeOptions
      return new DatabaseStore(undefined, `${String(info.method)} ${info.url}`)
    }
  }
}

/**
 * Limits on the routes above, kept in memory (one instance) or in the shared database (several:
 * config.rateLimitStore). A client over its limit gets 429 RATE_LIMITED with the seconds to wait.
 * Register before the routes: the limits are attached as each route is added.
 */
export async function registerRateLimits(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      const limit = RATE_LIMITS[`${method} ${route.url}`]
      if (!limit) continue
      route.config = {
        ...(route.config ?? {}),
        rateLimit: { max: limit.max, timeWindow: limit.windowMs, keyGenerator: (request: FastifyRequest) => clientKey(request, limit.per) },
      } as typeof route.config
    }
  })
  await app.register(fastifyRateLimit, {
    global: false,
    ...(ctx.config.rateLimitStore === 'database' ? { store: databaseStore(ctx.db, ctx.now) as never } : {}),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000))
      return new AppError(429, 'RATE_LIMITED', `操作太频繁了，请 ${seconds} 秒后再试`, { seconds })
    },
  })
}
