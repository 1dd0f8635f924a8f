import { login, startTestApp, type TestApp } from './helpers'

const point = {
  name: '幸福里便利店',
  address: '幸福路12号',
  lat: 30.5,
  lng: 114.3,
  hours: '08:00-21:00',
  contact: '13800000000',
}
const application = { name: '王秀英', community: '幸福里小区', phone: '13912345678', pickupPoint: point }

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(30_000)

// one app for the file; every story uses handles of its own
let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(async () => {
  await t.close()
})

let stories = 0
let story = ''
beforeEach(() => {
  story = `s${++stories}`
})
const handle = (name: string) => `${story}-${name}`

async function apply(name: string, body: unknown = application) {
  const who = await login(t.app, handle(name), 'shopper', '王阿姨')
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/leader-applications',
    headers: { authorization: who.authorization },
    payload: body as object,
  })
  return { who, res }
}

const admin = () => login(t.app, handle('ops'), 'admin', '运营')

describe('becoming a leader', () => {
  it('a neighbour applies, an admin approves: the leader role, the commission and the first pickup point appear', async () => {
    const { who, res } = await apply('wang')
    expect(res.statusCode).toBe(201)
    const created = res.json()
    expect(created).toMatchObject({ status: 'pending', name: '王秀英', community: '幸福里小区', nickname: '王阿姨' })

    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/leader-applications/mine', headers: { authorization: who.authorization } })
    expect(mine.json().application.id).toBe(created.id)

    const ops = await admin()
    const pending = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/leader-applications?status=pending',
      headers: { authorization: ops.authorization },
    })
    expect(pending.json().applications.map((a: { id: string }) => a.id)).toContain(created.id)

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/leader-applications/${created.id}/approve`,
      headers: { authorization: ops.authorization },
      payload: { commissionBps: 800 },
    })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ status: 'approved', commissionBps: 800 })

    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: who.authorization } })).json()
    expect(me.roles).toContain('leader')
    expect(me.commissionBps).toBe(800)

    const points = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leader/pickup-points',
      headers: { authorization: who.authorization },
    })
    expect(points.statusCode).toBe(200)
    expect(points.json().pickupPoints).toEqual([
      expect.objectContaining({ id: approved.json().pickupPointId, name: '幸福里便利店', hours: '08:00-21:00' }),
    ])
  })

  it('approving twice answers 409 and creates no second pickup point', async () => {
    const { who, res } = await apply('wang')
    const ops = await admin()
    const approve = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/leader-applications/${res.json().id}/approve`,
        headers: { authorization: ops.authorization },
      })
    // at once, as two admins clicking together would
    const [a, b] = await Promise.all([approve(), approve()])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])
    const again = await approve()
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('ALREADY_REVIEWED')

    const points = await t.app.inject({ method: 'GET', url: '/api/v1/leader/pickup-points', headers: { authorization: who.authorization } })
    expect(points.json().pickupPoints).toHaveLength(1)
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: who.authorization } })).json()
    expect(me.commissionBps).toBe(500)
  })

  it('a rejection carries its reason back to the applicant, who may then apply again', async () => {
    const { who, res } = await apply('li')
    const ops = await admin()
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/leader-applications/${res.json().id}/reject`,
      headers: { authorization: ops.authorization },
      payload: { reason: '自提点地址不清楚，请补充门牌号' },
    })
    expect(rejected.statusCode).toBe(200)
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/leader-applications/mine', headers: { authorization: who.authorization } })
    expect(mine.json().application).toMatchObject({ status: 'rejected', rejectReason: '自提点地址不清楚，请补充门牌号' })
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: who.authorization } })).json()
    expect(me.roles).not.toContain('leader')

    const approveAfter = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/leader-applications/${res.json().id}/approve`,
      headers: { authorization: ops.authorization },
    })
    expect(approveAfter.statusCode).toBe(409)

    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leader-applications',
      headers: { authorization: who.authorization },
      payload: application,
    })
    expect(second.statusCode).toBe(201)
  })

  it('a second application while one is pending, or from a leader, answers 409', async () => {
    const { who } = await apply('wang')
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leader-applications',
      headers: { authorization: who.authorization },
      payload: application,
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.code).toBe('APPLICATION_PENDING')

    const leader = await login(t.app, handle('zhao'), 'leader')
    const fromLeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/leader-applications',
      headers: { authorization: leader.authorization },
      payload: application,
    })
    expect(fromLeader.statusCode).toBe(409)
    expect(fromLeader.json().error.code).toBe('ALREADY_LEADER')
  })

  it.each([
    ['no phone', { ...application, phone: undefined }],
    ['a phone that is not 11 digits of a mobile number', { ...application, phone: '2391234567x' }],
    ['a blank name', { ...application, name: '   ' }],
    ['a point without coordinates', { ...application, pickupPoint: { ...point, lat: null } }],
    ['a point with text for a coordinate', { ...application, pickupPoint: { ...point, lng: '114.3' } }],
    ['hours that close before they open', { ...application, pickupPoint: { ...point, hours: '21:00-08:00' } }],
    ['an unknown field', { ...application, role: 'admin' }],
    ['a body that is not an object', [1, 2, 3]],
  ])('refuses %s with a 400 JSON error and stores nothing', async (_what, body) => {
    const { who, res } = await apply('bad', body)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.code).toBe('VALIDATION_FAILED')
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/leader-applications/mine', headers: { authorization: who.authorization } })
    expect(mine.json().application).toBeNull()
  })

  it('only an admin may list, approve or reject; anonymous callers get 401', async () => {
    const { res } = await apply('wang')
    const id = res.json().id
    for (const role of ['shopper', 'leader'] as const) {
      const who = await login(t.app, handle(`not-admin-${role}`), role)
      const headers = { authorization: who.authorization }
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/admin/leader-applications', headers })
      expect(list.statusCode).toBe(403)
      expect(list.json().error.code).toBe('FORBIDDEN')
      const approve = await t.app.inject({ method: 'POST', url: `/api/v1/admin/leader-applications/${id}/approve`, headers })
      expect(approve.statusCode).toBe(403)
      const reject = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/leader-applications/${id}/reject`,
        headers,
        payload: { reason: '不行' },
      })
      expect(reject.statusCode).toBe(403)
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/leader-applications', payload: application })
    expect(anonymous.statusCode).toBe(401)
    const ops = await admin()
    const still = await t.app.inject({
      method: 'GET',
      url: '/api/v1/leader-applications/mine',
      headers: { authorization: (await login(t.app, handle('wang'))).authorization },
    })
    expect(still.json().application.status).toBe('pending')
    expect(ops.userId).toBeTruthy()
  })

  it('answers 404 for an unknown application and 400 for a rejection without a reason', async () => {
    const ops = await admin()
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/leader-applications/nope/approve',
      headers: { authorization: ops.authorization },
    })
    expect(unknown.statusCode).toBe(404)
    const { res } = await apply('wang')
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/leader-applications/${res.json().id}/reject`,
      headers: { authorization: ops.authorization },
      payload: { reason: '  ' },
    })
    expect(noReason.statusCode).toBe(400)
    const badRate = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/leader-applications/${res.json().id}/approve`,
      headers: { authorization: ops.authorization },
      payload: { commissionBps: -5 },
    })
    expect(badRate.statusCode).toBe(400)
  })
})

// the form promises "审核结果会通知你": approval and refusal arrive in the applicant's Messages
describe("the answer reaches the applicant's Messages", () => {
  const messagesOf = async (authorization: string) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/me/messages', headers: { authorization } })).json()

  it('an approval tells the new leader once, naming the first pickup point', async () => {
    const { who, res } = await apply('zhao')
    expect((await messagesOf(who.authorization)).messages).toEqual([])
    const ops = await admin()
    const approve = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/leader-applications/${res.json().id}/approve`,
        headers: { authorization: ops.authorization },
      })
    const [a, b] = await Promise.all([approve(), approve()])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409])

    const inbox = await messagesOf(who.authorization)
    expect(inbox.unread).toBe(1)
    expect(inbox.messages).toEqual([
      expect.objectContaining({
        kind: 'leader_application_approved',
        title: '团长申请已通过',
        body: '恭喜，你已成为团长，自提点「幸福里便利店」已开通。去团长工作台发布第一个团购吧',
        facts: expect.objectContaining({ point: '幸福里便利店' }),
        dealId: null,
        orderId: null,
        read: false,
      }),
    ])
  })

  it("a refusal tells the applicant the admin's reason; a refused second review tells nobody again", async () => {
    const { who, res } = await apply('qian')
    const ops = await admin()
    const reject = (reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/leader-applications/${res.json().id}/reject`,
        headers: { authorization: ops.authorization },
        payload: { reason },
      })
    expect((await reject('自提点地址不清楚，请补充门牌号')).statusCode).toBe(200)
    expect((await reject('再拒一次')).statusCode).toBe(409)

    const inbox = await messagesOf(who.authorization)
    expect(inbox.messages).toEqual([
      expect.objectContaining({
        kind: 'leader_application_rejected',
        title: '团长申请未通过',
        body: '你的团长申请未通过：自提点地址不清楚，请补充门牌号。可以修改后重新申请',
        facts: expect.objectContaining({ note: '自提点地址不清楚，请补充门牌号' }),
      }),
    ])
    // nobody else heard of it
    const other = await login(t.app, handle('bystander'), 'shopper', '路人')
    expect((await messagesOf(other.authorization)).messages).toEqual([])
  })
})
