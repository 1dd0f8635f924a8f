import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(60_000)

let t: TestApp
let wang: Auth
let shop: string
let school: string
beforeAll(async () => {
  t = await startTestApp()
  wang = await person(t.app, '王阿姨', 'leader')
  shop = await newPoint(t.app, wang, '幸福里便利店')
  school = await newPoint(t.app, wang, '学校门口')
})
afterAll(() => t.close())

const del = async (who: Auth, url: string) => {
  const res = await t.app.inject({ method: 'DELETE', url: `/api/v1${url}`, headers: { authorization: who.authorization } })
  return { status: res.statusCode, body: res.json() }
}

/** 王阿姨's husband 老王 minds the shop's counter: invited and accepted. */
async function staffAt(pointId: string, nickname: string): Promise<Auth> {
  const helper = await person(t.app, nickname)
  const invite = await call(t.app, wang, 'POST', `/leader/pickup-points/${pointId}/staff-invites`)
  expect(invite.status).toBe(200)
  const accepted = await call(t.app, helper, 'POST', `/staff-invites/${invite.body.code}/accept`)
  expect(accepted.status).toBe(200)
  return helper
}

/** One order at each point of a deal that has succeeded. */
async function ordersAtBothPoints() {
  const dealId = await openDeal(t.app, wang, dealInput(t.clock.now(), [shop, school]))
  const atShop = (await joinAndPay(t.app, await person(t.app, '张小梅'), dealId, { quantity: 2, pickupPointId: shop })).order
  const atSchool = (await joinAndPay(t.app, await person(t.app, '李兰'), dealId, { quantity: 1, pickupPointId: school })).order
  t.clock.advance(25 * 3_600_000)
  return { dealId, atShop, atSchool }
}

describe('老王 minds the counter at six: pickup staff', () => {
  it('an invited helper verifies codes and marks arrivals at his point, and nowhere else', async () => {
    const invite = await call(t.app, wang, 'POST', `/leader/pickup-points/${shop}/staff-invites`)
    expect(invite.body).toMatchObject({
      pickupPoint: { id: shop, name: '幸福里便利店' },
      path: `leader/pages/staff/index?invite=${invite.body.code}`,
    })
    const laowang = await person(t.app, '老王')
    const seen = await call(t.app, laowang, 'GET', `/staff-invites/${invite.body.code}`)
    expect(seen.body.invite).toMatchObject({ leader: '王阿姨', pickupPoint: { name: '幸福里便利店' } })
    expect((await call(t.app, laowang, 'POST', `/staff-invites/${invite.body.code}/accept`)).body.pickupPoint).toEqual({
      id: shop,
      name: '幸福里便利店',
    })
    expect((await call(t.app, laowang, 'GET', '/me/counters')).body.points).toEqual([{ id: shop, name: '幸福里便利店', role: 'staff' }])

    const { dealId, atShop, atSchool } = await ordersAtBothPoints()
    // arrivals at his point only: he is shown the shop's goods to mark, not the school's
    const toMark = (await call(t.app, laowang, 'GET', '/staff/arrivals')).body.arrivals
    expect(toMark).toEqual([{ dealId, dealTitle: '安吉白茶 明前一级', pickupPoint: { id: shop, name: '幸福里便利店' }, waitingOrders: 1 }])
    expect((await call(t.app, laowang, 'POST', '/staff/arrivals', { dealId, pickupPointId: shop })).body).toMatchObject({ readyOrders: 1 })
    expect((await call(t.app, laowang, 'GET', '/staff/arrivals')).body.arrivals).toEqual([])
    const elsewhere = await call(t.app, laowang, 'POST', '/staff/arrivals', { dealId, pickupPointId: school })
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'STAFF_WRONG_POINT'])

    const looked = await call(t.app, laowang, 'POST', '/leader/pickups/lookup', { code: atShop.pickupCode })
    expect(looked.body.order).toMatchObject({ id: atShop.id, shopper: '张*梅', status: 'ready' })
    expect((await call(t.app, laowang, 'POST', '/leader/pickups/verify', { code: atShop.pickupCode })).body.order).toMatchObject({
      status: 'picked_up',
    })

    // a code for the school counter: refused by name, and nothing changes
    const wrongPoint = await call(t.app, laowang, 'POST', '/leader/pickups/verify', { code: atSchool.pickupCode })
    expect([wrongPoint.status, wrongPoint.body.error.code]).toEqual([403, 'STAFF_WRONG_POINT'])
    expect((await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: atSchool.pickupCode })).body.order.status).toBe('confirmed')

    // nothing of the leader's money or console
    expect((await call(t.app, laowang, 'GET', '/leader/earnings')).status).toBe(403)
    expect((await call(t.app, laowang, 'GET', '/leader/staff')).status).toBe(403)
    expect((await call(t.app, laowang, 'GET', '/leader/unclaimed-orders')).status).toBe(403)
  })

  it('the leader lists her staff and removes one at once', async () => {
    const xiaoli = await staffAt(school, '小李')
    const listed = await call(t.app, wang, 'GET', '/leader/staff')
    const grant = listed.body.staff.find((s: { nickname: string }) => s.nickname === '小李')
    expect(grant).toMatchObject({ userId: xiaoli.userId, pickupPoint: { id: school, name: '学校门口' } })

    const { atSchool } = await ordersAtBothPoints()
    expect((await del(wang, `/leader/staff/${grant.id}`)).body).toEqual({ ok: true })
    const after = await call(t.app, xiaoli, 'POST', '/leader/pickups/verify', { code: atSchool.pickupCode })
    expect([after.status, after.body.error.code]).toEqual([403, 'STAFF_REMOVED'])
    expect((await call(t.app, wang, 'GET', '/leader/staff')).body.staff.some((s: { id: string }) => s.id === grant.id)).toBe(false)
    expect((await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: atSchool.pickupCode })).body.order.status).toBe('confirmed')
    // another leader cannot remove 王阿姨's staff
    const other = await person(t.app, '钱团长', 'leader')
    expect((await del(other, `/leader/staff/${grant.id}`)).status).toBe(404)
  })

  it('an invite expires, works once, and is not for its own leader', async () => {
    const stale = await call(t.app, wang, 'POST', `/leader/pickup-points/${shop}/staff-invites`)
    const fresh = await call(t.app, wang, 'POST', `/leader/pickup-points/${shop}/staff-invites`)
    const own = await call(t.app, wang, 'POST', `/staff-invites/${fresh.body.code}/accept`)
    expect([own.status, own.body.error.code]).toEqual([409, 'STAFF_INVITE_OWN'])
    const first = await person(t.app, '小赵')
    expect((await call(t.app, first, 'POST', `/staff-invites/${fresh.body.code}/accept`)).status).toBe(200)
    const second = await call(t.app, await person(t.app, '小钱'), 'POST', `/staff-invites/${fresh.body.code}/accept`)
    expect([second.status, second.body.error.code]).toEqual([409, 'STAFF_INVITE_USED'])

    t.clock.advance(73 * 3_600_000)
    const late = await person(t.app, '小孙')
    const expired = await call(t.app, late, 'POST', `/staff-invites/${stale.body.code}/accept`)
    expect([expired.status, expired.body.error.code]).toEqual([410, 'STAFF_INVITE_EXPIRED'])
    expect((await call(t.app, late, 'GET', '/me/counters')).body.points).toEqual([])
  })

  it("inviting to another leader's point, or as a shopper, is refused", async () => {
    const other = await person(t.app, '孙团长', 'leader')
    expect((await call(t.app, other, 'POST', `/leader/pickup-points/${shop}/staff-invites`)).status).toBe(404)
    expect((await call(t.app, await person(t.app, '顾客'), 'POST', `/leader/pickup-points/${shop}/staff-invites`)).status).toBe(403)
    const shopper = await person(t.app, '路人')
    expect((await call(t.app, shopper, 'POST', '/leader/pickups/verify', { code: '123456' })).status).toBe(403)
  })
})

describe('the verification limit holds per point, across everyone verifying there, under parallel requests', () => {
  it('30 wrong codes sent at once by the leader and two staff: only 5 reach the check, the rest are 429', async () => {
    const zhao = await person(t.app, '赵团长', 'leader')
    const corner = await newPoint(t.app, zhao, '街角小卖部')
    const other = await newPoint(t.app, zhao, '菜场门口')
    const helpers: Auth[] = []
    for (const name of ['赵一', '赵二']) {
      const helper = await person(t.app, name)
      const invite = await call(t.app, zhao, 'POST', `/leader/pickup-points/${corner}/staff-invites`)
      await call(t.app, helper, 'POST', `/staff-invites/${invite.body.code}/accept`)
      helpers.push(helper)
    }
    const dealId = await openDeal(t.app, zhao, dealInput(t.clock.now(), [corner, other]))
    const real = (await joinAndPay(t.app, await person(t.app, '真顾客'), dealId, { quantity: 1, pickupPointId: corner })).order
    const far = (await joinAndPay(t.app, await person(t.app, '远顾客'), dealId, { quantity: 1, pickupPointId: other })).order
    t.clock.advance(25 * 3_600_000)

    const who = [zhao, ...helpers]
    const wrong = (i: number) => String(100000 + i * 7919).padStart(6, '0')
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(t.app, who[i % 3], 'POST', i % 2 ? '/leader/pickups/verify' : '/leader/pickups/lookup', { code: wrong(i) }),
      ),
    )
    const statuses = answers.map((a) => a.status).sort()
    expect(statuses.filter((s) => s === 404)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(25)
    expect(answers.find((a) => a.status === 429)!.body.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', params: { minutes: expect.any(Number) } })

    // the counter is locked for everyone there, the right code too, and nothing was handed out
    const locked = await call(t.app, helpers[0], 'POST', '/leader/pickups/verify', { code: real.pickupCode })
    expect(locked.status).toBe(429)
    // the leader's other point is locked with her (she counts against all her points)...
    expect((await call(t.app, zhao, 'POST', '/leader/pickups/verify', { code: far.pickupCode })).status).toBe(429)
    // ...and another leader's counter is not
    expect((await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: '000001' })).status).toBe(404)

    t.clock.advance(10 * 60_000 + 1_000)
    expect((await call(t.app, helpers[1], 'POST', '/leader/pickups/verify', { code: real.pickupCode })).body.order).toMatchObject({
      status: 'picked_up',
    })
  })

  it('right codes give their try back: a busy evening of pickups never locks the counter', async () => {
    const qian = await person(t.app, '钱阿姨', 'leader')
    const p = await newPoint(t.app, qian, '钱家小店')
    const dealId = await openDeal(t.app, qian, dealInput(t.clock.now(), [p]))
    const orders = []
    for (let i = 0; i < 8; i++)
      orders.push((await joinAndPay(t.app, await person(t.app, `邻居${i}`), dealId, { quantity: 1, pickupPointId: p })).order)
    t.clock.advance(25 * 3_600_000)
    for (const o of orders) expect((await call(t.app, qian, 'POST', '/leader/pickups/verify', { code: o.pickupCode })).status).toBe(200)
    // four typos along the way still leave room
    for (let i = 0; i < 4; i++) expect((await call(t.app, qian, 'POST', '/leader/pickups/lookup', { code: `99999${i}` })).status).toBe(404)
    expect((await call(t.app, qian, 'POST', '/leader/pickups/lookup', { code: orders[0].pickupCode })).status).toBe(409)
  })
})
