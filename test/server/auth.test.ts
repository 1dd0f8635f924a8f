import { login, startTestApp, type TestApp } from './helpers'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('signing in', () => {
  it('a neighbour signs in with the dev login and sees herself on /me', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-login',
      payload: { handle: 'mei', nickname: '小梅' },
    })
    expect(res.statusCode).toBe(200)
    const { token, user } = res.json()
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/)
    expect(user).toMatchObject({ nickname: '小梅', roles: ['shopper'], commissionBps: null })

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ id: user.id, nickname: '小梅' })
  })

  it('a leader made through dev login is approved with a commission rate', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev-login', payload: { handle: 'wang', role: 'leader' } })
    expect(res.json().user).toMatchObject({ roles: ['shopper', 'leader'], commissionBps: 500 })
  })

  it('the session token is stored only as a hash', async () => {
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev-login', payload: { handle: 'hash-check' } })).json()
    const rows = await t.ctx.db.selectFrom('sessions').select('token_hash').execute()
    expect(rows.some((r) => r.token_hash === token)).toBe(false)
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true)
  })

  it('an expired session is refused with a clear message', async () => {
    const { authorization } = await login(t.app, 'expiring')
    t.clock.advance(31 * 86_400_000)
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } })
    t.clock.advance(-31 * 86_400_000)
    expect(me.statusCode).toBe(401)
    expect(me.json().error).toEqual({ code: 'UNAUTHORIZED', message: '登录已过期，请重新登录' })
  })

  it('/me without a token is 401 in the contract shape', async () => {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me' })
    expect(me.statusCode).toBe(401)
    expect(me.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: '请先登录' } })
  })

  it('a bad handle is a 400 and creates nobody', async () => {
    const before = await t.ctx.db.selectFrom('users').select('id').execute()
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/dev-login', payload: { handle: '<script>' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION_FAILED')
    const after = await t.ctx.db.selectFrom('users').select('id').execute()
    expect(after.length).toBe(before.length)
  })

  it('a body that is not JSON is a 400, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/dev-login',
      headers: { 'content-type': 'application/json' },
      payload: '{"handle":',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBeDefined()
  })

  it('dev login answers 404 when it is turned off', async () => {
    const prod = await startTestApp({ devLogin: false })
    try {
      const res = await prod.app.inject({ method: 'POST', url: '/api/v1/auth/dev-login', payload: { handle: 'mei' } })
      expect(res.statusCode).toBe(404)
    } finally {
      await prod.close()
    }
  })
})
