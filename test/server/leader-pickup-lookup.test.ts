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
    expect(looked.body.order).toMatchObject({
      id: a.id,
      shopper: '张*梅',
      quantity: 2,
      status: 'confirmed',
      product: { name: '安吉白茶', spec: '50g/罐' },
      pickedUpAt: null,
    })
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
    // the wait comes along as a number, for the app to say in the leader's language
    expect(locked.body.error.params).toEqual({ minutes: expect.any(Number) })
  })

  it('is for leaders only', async () => {
    const shopper = await person(t.app, '小梅')
    expect((await call(t.app, shopper, 'POST', '/leader/pickups/lookup', { code: '123456' })).status).toBe(403)
    expect((await call(t.app, null, 'POST', '/leader/pickups/lookup', { code: '123456' })).status).toBe(401)
  })
})

describe('six digits for a whole town: a code is given again once its goods are handed out', () => {
  const setCode = (orderId: string, code: string) => t.ctx.db.updateTable('orders').set({ pickup_code: code }).where('id', '=', orderId).execute()

  it('the counter finds the order still to hand out, and a second scan hears it was just handed out', async () => {
    const start = t.clock.now()
    const lastWeek = await openDeal(t.app, wang, dealInput(start, [pointA], { title: '上周的橙子' }))
    const old = (await joinAndPay(t.app, await person(t.app, '陈大爷'), lastWeek, { quantity: 1, pickupPointId: pointA })).order
    await joinAndPay(t.app, await person(t.app, '陈奶奶'), lastWeek, { quantity: 1, pickupPointId: pointA })
    t.clock.advance(25 * 3_600_000)
    await setCode(old.id, '246810')
    expect((await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: '246810' })).body.order).toMatchObject({
      id: old.id,
      status: 'picked_up',
    })

    // this week the same six digits belong to 小芳's eggs
    const thisWeek = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA], { title: '本周的鸡蛋' }))
    const fang = await person(t.app, '刘小芳')
    const fresh = (await joinAndPay(t.app, fang, thisWeek, { quantity: 3, pickupPointId: pointA })).order
    await joinAndPay(t.app, await person(t.app, '周阿姨'), thisWeek, { quantity: 1, pickupPointId: pointA })
    t.clock.advance(25 * 3_600_000)
    await setCode(fresh.id, '246810')

    const looked = await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: '246810' })
    expect(looked.body.order).toMatchObject({ id: fresh.id, shopper: '刘*芳', quantity: 3, status: 'confirmed' })
    expect((await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: '246810' })).body.order).toMatchObject({
      id: fresh.id,
      status: 'picked_up',
    })
    const again = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: '246810' })
    expect([again.status, again.body.error.code]).toEqual([409, 'CODE_ALREADY_USED'])
    // each shopper still sees her own code on her order
    expect((await call(t.app, fang, 'GET', `/orders/${fresh.id}`)).body.order.pickupCode).toBe('246810')
  })

  it('two orders still to be handed out never share a code', async () => {
    const id = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA]))
    const a = (await joinAndPay(t.app, await person(t.app, '孙一'), id, { quantity: 1, pickupPointId: pointA })).order
    const b = (await joinAndPay(t.app, await person(t.app, '孙二'), id, { quantity: 1, pickupPointId: pointA })).order
    expect(a.pickupCode).not.toBe(b.pickupCode)
    // (not toThrow: a SQLite error raised in a jest worker's later test file is not an Error of its realm)
    await expect(setCode(b.id, a.pickupCode)).rejects.toHaveProperty('message', expect.stringMatching(/unique|duplicate/i))
    const row = await t.ctx.db.selectFrom('orders').select('pickup_code').where('id', '=', b.id).executeTakeFirstOrThrow()
    expect(row.pickup_code).toBe(b.pickupCode)
  })

  it("another leader scanning a code that is live at 王阿姨's counter finds nothing", async () => {
    const id = await openDeal(t.app, wang, dealInput(t.clock.now(), [pointA]))
    const a = (await joinAndPay(t.app, await person(t.app, '吴三'), id, { quantity: 1, pickupPointId: pointA })).order
    const other = await person(t.app, '钱团长', 'leader')
    const res = await call(t.app, other, 'POST', '/leader/pickups/lookup', { code: a.pickupCode })
    expect([res.status, res.body.error.code]).toEqual([404, 'NOT_FOUND'])
  })
})
