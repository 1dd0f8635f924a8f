import type { AuthResponse } from '../../../types/api'
import type { AppContext } from '../../http/context'
import { AppError } from '../../http/errors'
import { newId } from '../../http/ids'
import { issueSession, toUser } from '../auth/auth.service'
import { code2Session } from './wechat-api'
import * as repo from './wechat.repository'

/**
 * Sign in with a `Taro.login` code: exchange it with WeChat for the openid (and unionid when the
 * app is bound to an open-platform account), find or create the user, and issue our own session.
 * The session_key is kept on the server only.
 */
export async function wechatLogin(ctx: AppContext, code: string): Promise<AuthResponse> {
  const creds = ctx.config.wechat
  if (!creds) throw new AppError(404, 'WECHAT_LOGIN_DISABLED', '未配置微信登录')
  const session = await code2Session(creds, code)
  const now = ctx.now().toISOString()

  const userId = await ctx.db.transaction().execute(async (trx) => {
    const existing =
      (session.unionid ? await repo.findUserIdByUnionid(trx, session.unionid) : undefined) ?? (await repo.findUserIdByOpenid(trx, session.openid))
    if (existing) {
      await repo.setWechatIdentity(trx, existing.id, {
        openid: session.openid,
        unionid: session.unionid ?? null,
        wechat_session_key: session.session_key,
      })
      return existing.id
    }
    const id = newId()
    await repo.insertWechatUser(trx, {
      id,
      handle: null,
      openid: session.openid,
      unionid: session.unionid ?? null,
      // WeChat no longer hands out nicknames at login; the shopper sets one on the Me page
      nickname: `微信用户${session.openid.slice(-4)}`,
      avatar_url: null,
      phone: null,
      roles: 'shopper',
      commission_bps: null,
      created_at: now,
      wechat_session_key: session.session_key,
    })
    return id
  })

  const row = await repo.findUserRow(ctx.db, userId)
  return { token: await issueSession(ctx, userId), user: toUser(row) }
}
