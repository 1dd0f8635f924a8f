import { AppError } from '../../http/errors'
import type { AppContext } from '../../http/context'
import { WechatApiError, withAccessToken } from '../wechat/wechat-openapi'

/**
 * wxacode.getUnlimited: `POST /wxa/getwxacodeunlimit?access_token=` with
 * `{ scene, page, check_path, env_version, width }`. Success is the image itself (image/jpeg or
 * image/png); a refusal is JSON `{ errcode, errmsg }` (sometimes labelled text/plain), e.g. 41030
 * the page is not in the published version, 45009 over the call quota, 40129 / 40169 a bad scene,
 * 40097 a bad argument, 40001 / 42001 a stale token (replaced once by withAccessToken).
 */
export interface UnlimitedCodeRequest {
  scene: string
  page: string
  check_path: boolean
  env_version: 'release' | 'trial' | 'develop'
  width: number
}

export interface CodeImage {
  bytes: Buffer
  contentType: string
}

const TIMEOUT_MS = 8000
const unavailable = (detail: string) => new AppError(502, 'WECHAT_UNAVAILABLE', `微信服务暂时不可用（${detail}）`)

/** What the bytes are: WeChat's own label, or the picture's first bytes when the label is missing. */
function imageType(label: string, bytes: Buffer): string | null {
  const type = label.split(';')[0].trim().toLowerCase()
  if (type === 'image/jpeg' || type === 'image/png') return type
  if (bytes[0] === 0x89 && bytes.subarray(1, 4).toString('latin1') === 'PNG') return 'image/png'
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg'
  return null
}

function refusal(errcode: number, errmsg: string): AppError {
  switch (errcode) {
    case 45009:
      return new AppError(429, 'WXACODE_RATE_LIMITED', '小程序码今天生成得太多了，请稍后再试')
    case 41030:
      return new AppError(409, 'WXACODE_PAGE_INVALID', '小程序还没有发布这个页面，暂时生成不了小程序码')
    default:
      return unavailable(`${errcode} ${errmsg}`)
  }
}

type Answer = CodeImage | { errcode: number; errmsg: string }

export async function getUnlimitedCode(ctx: AppContext, body: UnlimitedCodeRequest): Promise<CodeImage> {
  let answer: Answer
  try {
    answer = await withAccessToken<Answer>(ctx, async (apiBase, token) => {
      let res: Response
      try {
        res = await fetch(`${apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        })
      } catch {
        throw unavailable('network')
      }
      if (!res.ok) throw unavailable(`HTTP ${res.status}`)
      const bytes = Buffer.from(await res.arrayBuffer())
      const type = imageType(res.headers.get('content-type') ?? '', bytes)
      if (type) return { errcode: 0, result: { bytes, contentType: type } }
      let parsed: { errcode?: number; errmsg?: string }
      try {
        parsed = JSON.parse(bytes.toString('utf8'))
      } catch {
        throw unavailable('answer is neither an image nor JSON')
      }
      const refused = { errcode: parsed.errcode || -1, errmsg: parsed.errmsg ?? '' }
      return { errcode: refused.errcode, result: refused }
    })
  } catch (error) {
    // no token to be had (stable_token refused, or WeChat unreachable)
    if (error instanceof WechatApiError) throw unavailable(`${error.errcode} ${error.errmsg}`)
    throw error
  }
  if ('errcode' in answer) throw refusal(answer.errcode, answer.errmsg)
  return answer
}
