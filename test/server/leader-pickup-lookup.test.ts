import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(30_000)

let t: TestApp
let wang: Auth
let pointA: string
beforeAll(async () => {
  t = await startTestApp()
  wang = await person(t.app, '王阿姨', 'leader')
  pointA = await newPoint(t.app, wang, '幸福里便利店')
})
afterAll(() => t.close())

describe('checking a pickup code before handing the goods over', () => {
  it('shows the order behind a code and changes nothing; verifying then hands it out once', async () => {
    const start = t.clock.now()
    const id = await openDeal(t.app, wang, dealInput(start, [pointA]))
    const mei = await person(t.app, '张小梅')
    const a = (await joinAndPay(t.app, mei, id, { quantity: 2, pickupPointId: pointA })).order
    await joinAndPay(t.app, await person(t.app, '李兰'), id, { quantity: 1, pickupPointId: pointA })
    t.clock.advance(25 * 3_600_000) // past the cutoff: the deal succeeds

    const looked = await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: a.pickupCode })
    expect(looked.status).toBe(200)
    expect(looked.body.order).toMatchObject({ id: a.id, shopper: '张*梅', quantity: 2, status: 'confirmed', product: { name: '安吉白茶', spec: '50g/罐' }, pickedUpAt: null })
    // looking twice is fine: nothing was handed out yet
    expect((await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: a.pickupCode })).status).toBe(200)
    expect((await call(t.app, mei, 'GET', `/orders/${a.id}`)).body.order.status).toBe('confirmed')

    const verified = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: a.pickupCode })
    expect(verified.body.order).toMatchObject({ id: a.id, status: 'picked_up' })
    const after = await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: a.pickupCode })
    expect([after.status, after.body.error.code]).toEqual([409, 'CODE_ALREADY_USED'])
  })

  it('wrong codes looked up count toward the same lock-out as verifying', async () => {
    const guesser = await person(t.app, '赵团长', 'leader')
    for (let i = 0; i < 3; i++) {
      expect((await call(t.app, guesser, 'POST', '/leader/pickups/lookup', { code: String(200000 + i) })).status).toBe(404)
    }
    for (let i = 0; i < 2; i++) {
      expect((await call(t.app, guesser, 'POST', '/leader/pickups/verify', { code: String(300000 + i) })).status).toBe(404)
    }
    const locked = await call(t.app, guesser, 'POST', '/leader/pickups/lookup', { code: '999999' })
    expect([locked.status, locked.body.error.code]).toEqual([429, 'TOO_MANY_ATTEMPTS'])
    expect(locked.body.error.message).toMatch(/提货码错误次数过多/)
  })

  it('is for leaders only', async () => {
    const shopper = await person(t.app, '小梅')
    expect((await call(t.app, shopper, 'POST', '/leader/pickups/lookup', { code: '123456' })).status).toBe(403)
    expect((await call(t.app, null, 'POST', '/leader/pickups/lookup', { code: '123456' })).status).toBe(401)
  })
})
