import Taro from '@tarojs/taro'
import { errorText } from '@/i18n/errors'
import type { Params } from '@/i18n/translator'
import { defaultApiBase } from '@/platform'
import { useClock } from '@/stores/clock'
import { useSession } from '@/stores/session'
import type { UploadResponse } from '../../types/api'

/** TARO_APP_API_BASE from .env.*, else the platform's default (H5: the same origin that served the app). */
export const API_BASE = process.env.TARO_APP_API_BASE || defaultApiBase

/**
 * Every failure the app shows: the server's `{ error: { code, message, params? } }`, or our own for
 * the network. `message` is already in the shopper's language (src/i18n/errors.ts).
 */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly params: Params

  constructor(code: string, message: string, status = 0, params: Params = {}) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.status = status
    this.params = params
  }

  /** An error the app itself raises, worded from its code. */
  static of(code: string, params?: Params): ApiError {
    return new ApiError(code, errorText(code, undefined, params), 0, params)
  }
}

export type Query = Record<string, string | number | null | undefined>

interface RequestOptions {
  query?: Query
  body?: unknown
  headers?: Record<string, string>
}

function queryString(query: Query = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

const isParams = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number')

/** The server's refusal, worded in the shopper's language (its own message for a code the app does not know). */
export function serverError(status: number, data: unknown): ApiError {
  const error = (data as { error?: { code?: unknown; message?: unknown; params?: unknown } } | null)?.error
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' && error.message ? error.message : undefined
    const params = isParams(error.params) ? error.params : {}
    return new ApiError(error.code, errorText(error.code, message, params), status, params)
  }
  const code = status >= 500 ? 'SERVER_ERROR' : 'HTTP_ERROR'
  return new ApiError(code, errorText(code), status)
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  { query, body, headers = {} }: RequestOptions = {},
): Promise<T> {
  const token = useSession.getState().token
  // Fastify refuses an empty body sent as JSON, so bodiless POSTs send {}
  const payload = method === 'GET' ? undefined : (body ?? {})
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>
  try {
    res = await Taro.request({
      url: `${API_BASE}/api/v1${path}${queryString(query)}`,
      method,
      data: payload as Record<string, unknown> | undefined,
      header: {
        ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      dataType: 'json',
    })
  } catch {
    throw ApiError.of('NETWORK_ERROR')
  }
  if (res.statusCode === 401 && token) useSession.getState().signOut() // expired or revoked session
  if (res.statusCode < 200 || res.statusCode >= 300) throw serverError(res.statusCode, res.data)
  const data = res.data as T
  // any response carrying the server's clock keeps countdowns in step
  const serverNow = (data as { serverNow?: unknown } | null)?.serverNow
  if (typeof serverNow === 'string') useClock.getState().sync(serverNow)
  return data
}

/** A fresh key per join attempt; retries of the same attempt reuse it so the server sees one order. */
export function newIdempotencyKey(): string {
  const rand = () => Math.random().toString(36).slice(2, 10)
  return `${Date.now().toString(36)}-${rand()}-${rand()}`
}

/** Server-hosted files come as "/static/..." paths: same origin on H5, the API host in WeChat. */
export function assetUrl(src: string): string {
  return src.startsWith('/') && !src.startsWith('//') ? `${API_BASE}${src}` : src
}

/** A photo from the phone's album or camera -> the server's `{ url }` for it (POST /uploads). */
export async function uploadImage(filePath: string): Promise<UploadResponse> {
  const token = useSession.getState().token
  let res: Taro.uploadFile.SuccessCallbackResult
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}/api/v1/uploads`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
    })
  } catch {
    throw ApiError.of('NETWORK_ERROR')
  }
  // uploadFile hands back the body as text
  let body: unknown = null
  try {
    body = typeof res.data === 'string' ? JSON.parse(res.data) : res.data
  } catch {
    body = null
  }
  if (res.statusCode < 200 || res.statusCode >= 300) throw serverError(res.statusCode, body)
  return body as UploadResponse
}
