import path from 'node:path'
import { PaymentConfigError, loadPaymentConfig, type WechatPayConfig } from './features/payments/wechatpay-config'
import { NotificationConfigError, loadNotificationConfig, type NotificationConfig } from './features/notifications/notifications.config'

/** Everything the server reads from the environment, checked once at start. */
export interface Config {
  port: number
  host: string
  production: boolean
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }
  /** dev login and the demo-user picker; never in production */
  devLogin: boolean
  /** how long an unpaid order holds its stock and place */
  holdMinutes: number
  sessionTtlDays: number
  /** signs pickup QR payloads so they cannot be forged */
  pickupSecret: string
  /** how often the sweeper settles deals past cutoff and expires holds */
  sweepIntervalMs: number
  /** the mini-program's WeChat credentials; null where WeChat login is not configured */
  wechat: { appId: string; appSecret: string; apiBase: string } | null
  /** folder of the built H5 app served on the same port; null to serve the API alone */
  staticDir: string | null
  /** sandbox (development and tests) or wechatpay (production); see wechatpay-config.ts */
  paymentProvider: 'sandbox' | 'wechatpay'
  wechatpay: WechatPayConfig | null
  /** subscription-message templates and the pickup reminder */
  notifications: NotificationConfig
  /** where leaders' photo uploads are stored on local disk (served under /uploads/) */
  uploadsDir: string
  /**
   * where uploads are kept: `database` (every instance serves every photo; the default on
   * PostgreSQL) or `disk` (uploadsDir; the single-machine default on SQLite). UPLOADS_STORE sets it.
   */
  uploadsStore: 'database' | 'disk'
  /**
   * where rate-limit counts are kept: `database` (shared by every instance; the default on
   * PostgreSQL) or `memory` (one process; the default on SQLite). RATE_LIMIT_STORE sets it.
   */
  rateLimitStore: 'database' | 'memory'
  /** behind a load balancer (nginx): take the client's address from X-Forwarded-For (TRUST_PROXY=1) */
  trustProxy: boolean
  /** days after the pickup window in which codes still work; then orders are unclaimed (NO_SHOW_GRACE_DAYS) */
  noShowGraceDays: number
  /** how long a pickup-staff invite can be accepted (STAFF_INVITE_HOURS) */
  staffInviteHours: number
  /** hours after pickup in which a shopper may ask for a refund (AFTER_SALES_WINDOW_HOURS, default 48) */
  afterSalesWindowHours: number
  /** withdrawals (提现): the least one may ask for, and the most per owner per Shanghai day, in fen */
  payoutMinFen: number
  payoutDailyCapFen: number
  /** days a commission (and a supplier payable) is held before it may be withdrawn: after-sales can still reverse it (COMMISSION_HOLD_DAYS, default 7) */
  commissionHoldDays: number
  /** the platform's fee on a supplier deal's final price, in basis points (PLATFORM_FEE_BPS, default 500 = 5%) */
  platformFeeBps: number
  /** WeChat merchant transfer (商家转账): the scene (WECHATPAY_TRANSFER_SCENE_ID, default 1005 佣金报酬) and where its results are sent */
  transferSceneId: string
  /** TRANSFER_NOTIFY_URL; null: next to NOTIFY_URL (…/payments/wechat/transfer-notify) */
  transferNotifyUrl: string | null
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const production = env.NODE_ENV === 'production'
  const url = env.DATABASE_URL ?? ''
  let database: Config['database']
  if (url === '') database = { kind: 'sqlite', file: path.resolve('data/linli.db') }
  else if (url.startsWith('sqlite:')) database = { kind: 'sqlite', file: url.slice('sqlite:'.length) }
  else if (/^postgres(ql)?:\/\//.test(url)) database = { kind: 'postgres', url }
  else throw new ConfigError(`DATABASE_URL must be sqlite:/path/file.db or postgres://..., got "${url}"`)

  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`)

  const devLogin = env.LINLI_DEV_LOGIN ? env.LINLI_DEV_LOGIN === '1' : !production
  if (production && devLogin) throw new ConfigError('LINLI_DEV_LOGIN=1 is refused in production: dev login lets anyone be anyone')

  const pickupSecret = env.PICKUP_SECRET ?? (production ? '' : 'linli-development-only-pickup-secret')
  if (pickupSecret.length < 16) throw new ConfigError('PICKUP_SECRET (at least 16 characters) is required in production')

  const appId = env.WECHAT_APP_ID ?? ''
  const appSecret = env.WECHAT_APP_SECRET ?? ''
  if ((appId === '') !== (appSecret === '')) {
    throw new ConfigError('WECHAT_APP_ID and WECHAT_APP_SECRET go together: set both or neither')
  }
  if (production && appId === '') {
    throw new ConfigError('WECHAT_APP_ID and WECHAT_APP_SECRET are required in production (shoppers sign in with WeChat)')
  }
  const wechat = appId ? { appId, appSecret, apiBase: (env.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/$/, '') } : null
  let payments: ReturnType<typeof loadPaymentConfig>
  let notifications: NotificationConfig
  try {
    payments = loadPaymentConfig(env, production, wechat?.appId ?? null)
    notifications = loadNotificationConfig(env)
  } catch (error) {
    if (error instanceof PaymentConfigError || error instanceof NotificationConfigError) throw new ConfigError(error.message)
    throw error
  }

  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    production,
    database,
    devLogin,
    holdMinutes: positiveNumber(env.ORDER_HOLD_MINUTES, 15, 'ORDER_HOLD_MINUTES'),
    sessionTtlDays: positiveNumber(env.SESSION_TTL_DAYS, 30, 'SESSION_TTL_DAYS'),
    pickupSecret,
    sweepIntervalMs: positiveNumber(env.SWEEP_INTERVAL_MS, 1000, 'SWEEP_INTERVAL_MS'),
    wechat,
    staticDir: env.STATIC_DIR === '' ? null : path.resolve(env.STATIC_DIR ?? 'dist/h5'),
    ...payments,
    notifications,
    uploadsDir: path.resolve(env.UPLOADS_DIR || 'data/uploads'),
    uploadsStore: uploadsStore(env.UPLOADS_STORE, database.kind),
    rateLimitStore: rateLimitStore(env.RATE_LIMIT_STORE, database.kind),
    trustProxy: env.TRUST_PROXY === '1',
    noShowGraceDays: positiveNumber(env.NO_SHOW_GRACE_DAYS, 2, 'NO_SHOW_GRACE_DAYS'),
    staffInviteHours: positiveNumber(env.STAFF_INVITE_HOURS, 72, 'STAFF_INVITE_HOURS'),
    afterSalesWindowHours: positiveNumber(env.AFTER_SALES_WINDOW_HOURS, 48, 'AFTER_SALES_WINDOW_HOURS'),
    payoutMinFen: positiveInteger(env.PAYOUT_MIN_FEN, 1000, 'PAYOUT_MIN_FEN'),
    payoutDailyCapFen: positiveInteger(env.PAYOUT_DAILY_CAP_FEN, 500_000, 'PAYOUT_DAILY_CAP_FEN'),
    commissionHoldDays: positiveNumber(env.COMMISSION_HOLD_DAYS, 7, 'COMMISSION_HOLD_DAYS'),
    platformFeeBps: basisPoints(env.PLATFORM_FEE_BPS, 500, 'PLATFORM_FEE_BPS'),
    transferSceneId: env.WECHATPAY_TRANSFER_SCENE_ID || '1005',
    transferNotifyUrl: env.TRANSFER_NOTIFY_URL || null,
  }
}

function uploadsStore(raw: string | undefined, kind: Config['database']['kind']): Config['uploadsStore'] {
  if (raw === undefined || raw === '') return kind === 'postgres' ? 'database' : 'disk'
  if (raw === 'database' || raw === 'disk') return raw
  throw new ConfigError(`UPLOADS_STORE must be database or disk, got "${raw}"`)
}

function rateLimitStore(raw: string | undefined, kind: Config['database']['kind']): Config['rateLimitStore'] {
  if (raw === undefined || raw === '') return kind === 'postgres' ? 'database' : 'memory'
  if (raw === 'database' || raw === 'memory') return raw
  throw new ConfigError(`RATE_LIMIT_STORE must be database or memory, got "${raw}"`)
}

/** A rate in basis points: a whole number from 0 to 10000. */
function basisPoints(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 10_000)
    throw new ConfigError(`${name} must be a whole number of basis points from 0 to 10000, got "${raw}"`)
  return n
}

/** Money settings are whole fen. */
function positiveInteger(raw: string | undefined, fallback: number, name: string): number {
  const n = positiveNumber(raw, fallback, name)
  if (!Number.isInteger(n)) throw new ConfigError(`${name} must be a whole number of fen, got "${raw}"`)
  return n
}

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number, got "${raw}"`)
  return n
}

/** A configuration for tests: in-memory-ish defaults, overridable. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'sqlite::memory:', STATIC_DIR: '' }),
    ...overrides,
  }
}
