import type { AppContext } from '../../http/context'
import * as repo from './wechat.repository'

/**
 * WeChat's server API beyond login, called with the mini-program's access token:
 * - the token comes from `POST /cgi-bin/stable_token` (grant_type client_credential, force_refresh false)
 *   and is cached in the database for every instance until five minutes before it expires;
 * - an answer with errcode 40001 / 42001 / 40014 (token invalid or expired) drops the cached token and
 *   retries once with a fresh one.
 * WeChat answers errors as HTTP 200 with `{ errcode, errmsg }`.
 */

const TIMEOUT_MS = 5000
const EARLY_MS = 5 * 60_000
const TOKEN_ERRORS = new Set([40001, 42001, 40014])

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API ${errcode}: ${errmsg}`)
    this.name = 'WechatApiError'
  }
}

export interface WechatAnswer {
  errcode: number
  errmsg: string
  [key: string]: unknown
}

async function postJson(url: string, body: unknown): Promise<WechatAnswer> {
  let res: Response
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw new WechatApiError(-1, `network: ${String(error)}`)
  }
  if (!res.ok) throw new WechatApiError(-1, `HTTP ${res.status}`)
  try {
    const parsed = (await res.json()) as Partial<WechatAnswer>
    return { ...parsed, errcode: parsed.errcode ?? 0, errmsg: parsed.errmsg ?? 'ok' } as WechatAnswer
  } catch {
    throw new WechatApiError(-1, 'answer is not JSON')
  }
}

/** The access token, from the shared cache or freshly from stable_token. */
export async function accessToken(ctx: AppContext): Promise<string> {
  const creds = ctx.config.wechat
  if (!creds) throw new WechatApiError(-1, 'WeChat is not configured')
  const now = ctx.now().getTime()
  const cached = await repo.findAccessToken(ctx.db, creds.appId)
  if (cached && Date.parse(cached.expires_at) - EARLY_MS > now) return cached.token
  const answer = await postJson(`${creds.apiBase}/cgi-bin/stable_token`, {
    grant_type: 'client_credential',
    appid: creds.appId,
    secret: creds.appSecret,
    force_refresh: false,
  })
  const token = answer.access_token
  if (answer.errcode !== 0 || typeof token !== 'string') throw new WechatApiError(answer.errcode || -1, answer.errmsg)
  const expiresAt = new Date(now + Number(answer.expires_in ?? 7200) * 1000).toISOString()
  await repo.saveAccessToken(ctx.db, creds.appId, token, expiresAt)
  return token
}

async function dropToken(ctx: AppContext, token: string): Promise<void> {
  await repo.dropAccessToken(ctx.db, ctx.config.wechat!.appId, token)
}

/**
 * Any call made with the access token: `send` gets the URL base and the token and returns its result
 * with WeChat's errcode (0: fine); a stale token is dropped and the call made once more with a fresh one.
 */
export async function withAccessToken<T>(
  ctx: AppContext,
  send: (apiBase: string, token: string) => Promise<{ errcode: number; result: T }>,
): Promise<T> {
  const creds = ctx.config.wechat
  if (!creds) throw new WechatApiError(-1, 'WeChat is not configured')
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken(ctx)
    const { errcode, result } = await send(creds.apiBase, token)
    if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
      await dropToken(ctx, token)
      continue
    }
    return result
  }
}

/** POST `path?access_token=` with the cached token; a stale token is replaced once. */
export function callWechat(ctx: AppContext, path: string, body: unknown): Promise<WechatAnswer> {
  return withAccessToken(ctx, async (apiBase, token) => {
    const answer = await postJson(`${apiBase}${path}?access_token=${encodeURIComponent(token)}`, body)
    return { errcode: answer.errcode, result: answer }
  })
}

/** subscribeMessage.send: `POST /cgi-bin/message/subscribe/send`. */
export function sendSubscribeMessage(
  ctx: AppContext,
  message: { touser: string; template_id: string; page: string; data: Record<string, string> },
): Promise<WechatAnswer> {
  return callWechat(ctx, '/cgi-bin/message/subscribe/send', {
    touser: message.touser,
    template_id: message.template_id,
    page: message.page,
    miniprogram_state: ctx.config.production ? 'formal' : 'trial',
    lang: 'zh_CN',
    data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
  })
}

/** order_shipping.uploadShippingInfo: `POST /wxa/sec/order/upload_shipping_info`. */
export function uploadShippingInfo(ctx: AppContext, body: unknown): Promise<WechatAnswer> {
  return callWechat(ctx, '/wxa/sec/order/upload_shipping_info', body)
}
