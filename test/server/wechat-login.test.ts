import { FakeWechat } from './fakes/wechat-server'
import { startTestApp, type TestApp } from './helpers'

let wechat: FakeWechat
let t: TestApp

beforeAll(async () => {
  wechat = await new FakeWechat().start()
  t = await startTestApp({
    wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.baseUrl },
  })
})
afterAll(async () => {
  await t.close()
  await wechat.stop()
})

const wechatLogin = (code: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat-login', payload: { code } })
const countSessions = async () => (await t.ctx.db.selectFrom('sessions').select('token_hash').execute()).length

describe('signing in with WeChat', () => {
  it('a shopper opening the mini-program is signed in by her openid, and again as the same person', async () => {
    const first = await wechatLogin(wechat.issueLoginCode({ openid: 'o-mei-0001' }))
    expect(first.statusCode).toBe(200)
    const { token, user } = first.json()
    expect(user).toMatchObject({ nickname: '微信用户0001', roles: ['shopper'] })

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    expect(me.json().id).toBe(user.id)

    const again = await wechatLogin(wechat.issueLoginCode({ openid: 'o-mei-0001' }))
    expect(again.json().user.id).toBe(user.id)
    expect(again.json().token).not.toBe(token)
  })

  it('the session key stays on the server: no response carries it', async () => {
    const res = await wechatLogin(wechat.issueLoginCode({ openid: 'o-jun-0002' }))
    expect(res.body).not.toMatch(/session_key|sessionKey/)
    const row = await t.ctx.db.selectFrom('users').selectAll().where('openid', '=', 'o-jun-0002').executeTakeFirstOrThrow()
    expect(row.wechat_session_key).toMatch(/^[A-Za-z0-9+/=]{20,}$/)
    expect(res.body).not.toContain(row.wechat_session_key!)
  })

  it('the unionid finds the same person across the shop apps of one WeChat open platform', async () => {
    const a = (await wechatLogin(wechat.issueLoginCode({ openid: 'o-app1-li', unionid: 'u-li' }))).json()
    const b = (await wechatLogin(wechat.issueLoginCode({ openid: 'o-app1-li', unionid: 'u-li' }))).json()
    expect(b.user.id).toBe(a.user.id)
  })

  it('a code used twice is refused the second time, and no session is made', async () => {
    const code = wechat.issueLoginCode({ openid: 'o-twice' })
    expect((await wechatLogin(code)).statusCode).toBe(200)
    const before = await countSessions()
    const replay = await wechatLogin(code)
    expect(replay.statusCode).toBe(401)
    expect(replay.json().error).toEqual({ code: 'WECHAT_CODE_USED', message: '微信登录凭证已被使用，请重新登录' })
    expect(await countSessions()).toBe(before)
  })

  it('an expired or made-up code is refused with a clear message and creates nobody', async () => {
    const users = (await t.ctx.db.selectFrom('users').select('id').execute()).length
    const expired = wechat.issueLoginCode({ openid: 'o-late' }, Date.now() - 6 * 60_000)
    for (const code of [expired, 'not-a-real-code']) {
      const res = await wechatLogin(code)
      expect(res.statusCode).toBe(401)
      expect(res.json().error.code).toBe('WECHAT_CODE_INVALID')
    }
    expect((await t.ctx.db.selectFrom('users').select('id').execute()).length).toBe(users)
  })

  it('a missing or empty code is a 400 and never reaches WeChat', async () => {
    const calls = wechat.calls.length
    for (const payload of [{}, { code: '' }, { code: 'x'.repeat(200) }, { code: 'abc', extra: 1 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/wechat-login', payload })
      expect(res.statusCode).toBe(400)
    }
    expect(wechat.calls.length).toBe(calls)
  })

  it('when WeChat is down the shopper is told to try again later', async () => {
    wechat.down = true
    try {
      const res = await wechatLogin(wechat.issueLoginCode({ openid: 'o-down' }))
      expect(res.statusCode).toBe(502)
      expect(res.json().error.code).toBe('WECHAT_UNAVAILABLE')
    } finally {
      wechat.down = false
    }
  })

  it('a server with the wrong app secret cannot sign anyone in', async () => {
    const wrong = await startTestApp({ wechat: { appId: wechat.appId, appSecret: 'wrong', apiBase: wechat.baseUrl } })
    try {
      const res = await wrong.app.inject({
        method: 'POST',
        url: '/api/v1/auth/wechat-login',
        payload: { code: wechat.issueLoginCode({ openid: 'o-x' }) },
      })
      expect(res.statusCode).toBe(502)
    } finally {
      await wrong.close()
    }
  })

  it('without WeChat credentials the endpoint says WeChat login is not configured', async () => {
    const bare = await startTestApp({ wechat: null })
    try {
      const res = await bare.app.inject({ method: 'POST', url: '/api/v1/auth/wechat-login', payload: { code: 'x' } })
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('WECHAT_LOGIN_DISABLED')
    } finally {
      await bare.close()
    }
  })
})
