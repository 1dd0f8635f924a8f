import { call, dealInput, newPoint, openDeal, person, type Auth } from './engine-api'
import { FakeWechat } from './fakes/wechat-server'
import { startTestApp, type TestApp } from './helpers'

// PostgreSQL schema set-up and a local WeChat server need more than jest's 5 s
jest.setTimeout(60_000)

const PAGE = 'pages/deal/index'

let wechat: FakeWechat
let t: TestApp
let leader: Auth
let dealId: string

beforeAll(async () => {
  wechat = await new FakeWechat().start()
  t = await startTestApp({ wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.baseUrl } })
  leader = await person(t.app, '王阿姨', 'leader')
  dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [await newPoint(t.app, leader)]))
})
afterAll(async () => {
  await t.close()
  await wechat.stop()
})

/** The poster's code as the app asks for it: the image's bytes and type, or the refusal. */
async function poster(deal: string, invite?: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/deals/${deal}/wxacode${invite ? `?invite=${invite}` : ''}` })
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload, json: () => res.json() }
}

async function inviteOf(shopper: Auth, deal = dealId): Promise<string> {
  return (await call(t.app, shopper, 'POST', `/deals/${deal}/invites`)).body.code
}

describe('a share poster that opens the mini-program', () => {
  it("carries WeChat's code for the deal and the sharer's invite, and the scene leads back to both", async () => {
    const mei = await person(t.app, '张小梅')
    const code = await inviteOf(mei)
    const before = wechat.wxacodeRequests.length

    const image = await poster(dealId, code)
    expect(image.status).toBe(200)
    expect(image.type).toBe('image/jpeg')

    // what WeChat was asked: a short scene, the deal page without a slash, the trial version (not released: no path check)
    expect(wechat.wxacodeRequests).toHaveLength(before + 1)
    const asked = wechat.wxacodeRequests.at(-1)!
    expect(asked).toEqual({ scene: expect.stringMatching(/^[A-Za-z0-9]{1,32}$/), page: PAGE, check_path: false, env_version: 'trial', width: 280 })
    expect(image.bytes.equals(FakeWechat.codeImage(asked.scene, PAGE))).toBe(true)

    // a friend scans it: the deal page opens with that scene, and the server tells it the deal and invite
    const landing = await call(t.app, null, 'GET', `/wxacode/scenes/${asked.scene}`)
    expect(landing).toEqual({ status: 200, body: { dealId, inviteCode: code } })
    const deal = (await call(t.app, null, 'GET', `/deals/${landing.body.dealId}?invite=${landing.body.inviteCode}`)).body.deal
    expect(deal.inviter).toEqual({ nickname: '张小梅' })
  })

  it('is made once per deal and inviter: the next poster does not ask WeChat again', async () => {
    const lan = await person(t.app, '李兰')
    const code = await inviteOf(lan)
    const first = await poster(dealId, code)
    const calls = wechat.wxacodeRequests.length
    const again = await poster(dealId, code)
    expect(again.status).toBe(200)
    expect(again.type).toBe('image/jpeg')
    expect(again.bytes.equals(first.bytes)).toBe(true)
    expect(wechat.wxacodeRequests).toHaveLength(calls)

    // another sharer, or a poster without an inviter, is a code of its own
    const other = await poster(dealId, await inviteOf(await person(t.app, '赵大姐')))
    const plain = await poster(dealId)
    expect(wechat.wxacodeRequests).toHaveLength(calls + 2)
    const scenes = wechat.wxacodeRequests.slice(-2).map((r) => r.scene)
    expect(new Set([...scenes, wechat.wxacodeRequests[calls - 1].scene]).size).toBe(3)
    expect(other.bytes.equals(first.bytes)).toBe(false)
    expect(plain.status).toBe(200)
    expect((await call(t.app, null, 'GET', `/wxacode/scenes/${scenes[1]}`)).body).toEqual({ dealId, inviteCode: null })
  })

  it('gets a fresh access token when WeChat no longer takes the cached one', async () => {
    await poster(dealId) // a token is cached now
    const tokens = wechat.tokenRequests.length
    wechat.revokeTokens()
    const image = await poster(dealId, await inviteOf(await person(t.app, '钱叔')))
    expect(image.status).toBe(200)
    expect(wechat.tokenRequests.length).toBe(tokens + 1)
  })

  it("says so when WeChat refuses (over its quota) or is down, and keeps nothing it didn't get", async () => {
    const sun = await person(t.app, '孙阿婆')
    const code = await inviteOf(sun)
    wechat.wxacodeQuota = 0
    const refused = await poster(dealId, code)
    expect(refused.status).toBe(429)
    expect(refused.json().error.code).toBe('WXACODE_RATE_LIMITED')
    wechat.wxacodeQuota = Number.POSITIVE_INFINITY
    // nothing was cached: the next try asks WeChat and gets the code
    const calls = wechat.wxacodeRequests.length
    expect((await poster(dealId, code)).status).toBe(200)
    expect(wechat.wxacodeRequests).toHaveLength(calls + 1)

    wechat.down = true
    const down = await poster(dealId, await inviteOf(await person(t.app, '周叔')))
    wechat.down = false
    expect(down.status).toBe(502)
    expect(down.json().error.code).toBe('WECHAT_UNAVAILABLE')
  })

  it('refuses what is not a poster: an invite of another deal, a draft or unknown deal, an unknown or malformed scene', async () => {
    const other = await openDeal(t.app, leader, dealInput(t.clock.now(), [await newPoint(t.app, leader, '桥头小卖部')], { title: '湖州千张' }))
    const foreign = await inviteOf(await person(t.app, '吴姐'), other)
    const calls = wechat.wxacodeRequests.length
    const wrongInvite = await poster(dealId, foreign)
    expect([wrongInvite.status, wrongInvite.json().error.code]).toEqual([404, 'INVITE_NOT_FOUND'])
    expect((await poster('no-such-deal')).status).toBe(404)
    const draft = await call(t.app, leader, 'POST', '/leader/deals', dealInput(t.clock.now(), [await newPoint(t.app, leader, '村口')]))
    expect((await poster(draft.body.deal.id)).json().error.code).toBe('NOT_FOUND')
    expect(wechat.wxacodeRequests).toHaveLength(calls)

    expect(await call(t.app, null, 'GET', '/wxacode/scenes/Zz9Zz9Zz9Z')).toMatchObject({ status: 404, body: { error: { code: 'SCENE_NOT_FOUND' } } })
    expect((await call(t.app, null, 'GET', `/wxacode/scenes/${encodeURIComponent('d=1&i=2')}`)).body.error.code).toBe('VALIDATION_FAILED')
  })
})

describe('without WeChat, and in the released version', () => {
  it('an H5-only server answers a clear code the app falls back on (its link QR)', async () => {
    const h5 = await startTestApp()
    try {
      const lead = await person(h5.app, '王阿姨', 'leader')
      const deal = await openDeal(h5.app, lead, dealInput(h5.clock.now(), [await newPoint(h5.app, lead)]))
      const res = await h5.app.inject({ method: 'GET', url: `/api/v1/deals/${deal}/wxacode` })
      expect(res.statusCode).toBe(404)
      expect(res.json().error.code).toBe('WXACODE_NOT_CONFIGURED')
    } finally {
      await h5.close()
    }
  })

  it('asks for the released page with its path checked, and says so when the page is not released yet', async () => {
    const released = await startTestApp({ production: true, wechat: { appId: wechat.appId, appSecret: wechat.appSecret, apiBase: wechat.baseUrl } })
    try {
      const lead = await person(released.app, '王阿姨', 'leader')
      const deal = await openDeal(released.app, lead, dealInput(released.clock.now(), [await newPoint(released.app, lead)]))
      wechat.publishedPages.delete(PAGE)
      const res = await released.app.inject({ method: 'GET', url: `/api/v1/deals/${deal}/wxacode` })
      expect(res.statusCode).toBe(409)
      expect(res.json().error.code).toBe('WXACODE_PAGE_INVALID')
      expect(wechat.wxacodeRequests.at(-1)).toMatchObject({ page: PAGE, check_path: true, env_version: 'release' })

      wechat.publishedPages.add(PAGE)
      const ok = await released.app.inject({ method: 'GET', url: `/api/v1/deals/${deal}/wxacode` })
      expect(ok.statusCode).toBe(200)
      expect(ok.headers['content-type']).toBe('image/jpeg')
    } finally {
      await released.close()
    }
  })
})
