import type { WechatPayConfig } from './wechatpay-config'
import { authorizationHeader, nonceStr, responseMessage, rsaVerify } from './wechatpay-crypto'

const TIMEOUT_MS = 10_000
/** how far a platform timestamp may be from our clock (WeChat's SDKs use five minutes) */
export const MAX_SKEW_SECONDS = 300

/** WeChat Pay refused a request (4xx/5xx with `{ code, message }`), or its answer could not be trusted. */
export class WechatPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`WeChat Pay ${status} ${code}: ${message}`)
    this.name = 'WechatPayError'
  }
}

export interface SignedHeaders {
  timestamp?: string
  nonce?: string
  signature?: string
  serial?: string
}

export type Verdict = 'ok' | 'missing_headers' | 'unknown_serial' | 'stale_timestamp' | 'bad_signature'

/**
 * Was this body (a response or a notification) signed by the WeChat Pay platform, recently?
 * The key is the one configured for the serial it names; an unknown serial is refused.
 */
export function verifyPlatformSignature(cfg: WechatPayConfig, headers: SignedHeaders, body: string, nowMs: number): Verdict {
  const { timestamp, nonce, signature, serial } = headers
  if (!timestamp || !nonce || !signature || !serial) return 'missing_headers'
  const key = Object.prototype.hasOwnProperty.call(cfg.platformKeys, serial) ? cfg.platformKeys[serial] : undefined
  if (!key) return 'unknown_serial'
  const ts = Number(timestamp)
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SECONDS) return 'stale_timestamp'
  return rsaVerify(key, responseMessage(timestamp, nonce, body), signature) ? 'ok' : 'bad_signature'
}

/** One signed call to the WeChat Pay API; the answer is trusted only once its signature checks out. */
export async function wechatpayRequest<T>(
  cfg: WechatPayConfig,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  payload: unknown,
  now: () => Date,
): Promise<T> {
  const body = payload === undefined ? '' : JSON.stringify(payload)
  const timestamp = String(Math.floor(now().getTime() / 1000))
  const authorization = authorizationHeader(
    { mchId: cfg.mchId, serial: cfg.mchSerial, privateKey: cfg.privateKey },
    method,
    pathAndQuery,
    body,
    timestamp,
    nonceStr(),
  )
  let res: Response
  let text: string
  try {
    res = await fetch(`${cfg.apiBase}${pathAndQuery}`, {
      method,
      headers: {
        authorization,
        accept: 'application/json',
        'user-agent': 'linli-server',
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      },
      body: method === 'POST' ? body : undefined,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    text = await res.text()
  } catch (error) {
    throw new WechatPayError(0, 'NETWORK', `cannot reach WeChat Pay: ${String(error)}`)
  }
  if (res.status >= 200 && res.status < 300) {
    const verdict = verifyPlatformSignature(
      cfg,
      {
        timestamp: res.headers.get('wechatpay-timestamp') ?? undefined,
        nonce: res.headers.get('wechatpay-nonce') ?? undefined,
        signature: res.headers.get('wechatpay-signature') ?? undefined,
        serial: res.headers.get('wechatpay-serial') ?? undefined,
      },
      text,
      now().getTime(),
    )
    if (verdict !== 'ok') throw new WechatPayError(res.status, 'RESPONSE_UNVERIFIED', `response signature ${verdict}`)
    return (text === '' ? {} : JSON.parse(text)) as T
  }
  let code = 'HTTP_ERROR'
  let message = text.slice(0, 200)
  try {
    const parsed = JSON.parse(text) as { code?: string; message?: string }
    code = parsed.code ?? code
    message = parsed.message ?? message
  } catch {
    // not JSON: keep the text
  }
  throw new WechatPayError(res.status, code, message)
}
