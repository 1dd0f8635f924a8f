import { AppError } from '../../http/errors'

/** The part of WeChat's server API Linli speaks; `apiBase` is configurable so tests use a local fake. */
export interface WechatCredentials {
  appId: string
  appSecret: string
  apiBase: string
}

export interface Code2SessionResult {
  openid: string
  session_key: string
  unionid?: string
}

const TIMEOUT_MS = 5000

/** WeChat answers errors as HTTP 200 with `errcode`; map the ones a person can act on. */
function refusal(errcode: number, errmsg: string): AppError {
  switch (errcode) {
    case 40029:
      return new AppError(401, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已过期，请重新登录')
    case 40163:
      return new AppError(401, 'WECHAT_CODE_USED', '微信登录凭证已被使用，请重新登录')
    case 45011:
      return new AppError(429, 'WECHAT_RATE_LIMITED', '登录太频繁，请稍后再试')
    case 40226:
      return new AppError(403, 'WECHAT_LOGIN_BLOCKED', '微信判定该账号存在风险，暂时无法登录')
    default:
      return new AppError(502, 'WECHAT_UNAVAILABLE', `微信服务暂时不可用（${errcode} ${errmsg}）`)
  }
}

/** auth.code2Session: GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code */
export async function code2Session(creds: WechatCredentials, jsCode: string): Promise<Code2SessionResult> {
  const url = new URL(`${creds.apiBase}/sns/jscode2session`)
  url.searchParams.set('appid', creds.appId)
  url.searchParams.set('secret', creds.appSecret)
  url.searchParams.set('js_code', jsCode)
  url.searchParams.set('grant_type', 'authorization_code')
  let body: Partial<Code2SessionResult> & { errcode?: number; errmsg?: string }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
    body = await res.json()
  } catch {
    throw new AppError(502, 'WECHAT_UNAVAILABLE', '暂时连不上微信，请稍后再试')
  }
  if (body.errcode) throw refusal(body.errcode, body.errmsg ?? '')
  if (!body.openid || !body.session_key) throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信返回的登录信息不完整')
  return { openid: body.openid, session_key: body.session_key, unionid: body.unionid || undefined }
}
