import { markUnclaimedOrders } from '../../server/features/pickups/no-shows'
import { sweepOnce } from '../../server/jobs/sweeper'
import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(60_000)

const HOUR = 3_600_000
let t: TestApp
let wang: Auth
let point: string
beforeAll(async () => {
  // on PostgreSQL a second handle on the same database is another server process's sweeper
  t = await startTestApp({}, { openAnother: !!process.env.TEST_DATABASE_URL })
  wang = await person(t.app, '王阿姨', 'leader')
  point = await newPoint(t.app, wang, '幸福里便利店')
})
afterAll(() => t.close())

/**
 * A deal whose pickup window is 48-52 h from now; it succeeds at 24 h and the goods arrive. Prices
 * 12.80 -> 9.90 at 3 people: the three who join first each get 2.90 back per unit at settlement.
 */
async function arrivedDeal(names: string[]) {
  const start = t.clock.now()
  const dealId = await openDeal(t.app, wang, dealInput(start, [point]))
  const people: Auth[] = []
  const orders = []
  for (const name of names) {
    const who = await person(t.app, name)
    people.push(who)
    orders.push((await joinAndPay(t.app, who, dealId, { quantity: 1, pickupPointId: point })).order)
  }
  t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
  expect((await call(t.app, wang, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: point })).status).toBe(200)
  return { start, dealId, people, orders, pickupEnd: new Date(start.getTime() + 52 * HOUR) }
}

const messagesOf = async (who: Auth) =>
  (await call(t.app, who, 'GET', '/me/messages')).body.messages as { kind: string; body: string; orderId: string }[]
const statusOf = async (who: Auth, id: string) => (await call(t.app, who, 'GET', `/orders/${id}`)).body.order

describe('nobody came for the strawberries: no-shows', () => {
  it('codes keep working in the grace period (with a reminder as it starts); after it the order is unclaimed and its shopper told, once', async () => {
    const { people, orders, pickupEnd } = await arrivedDeal(['张小梅', '李兰', '赵大爷'])
    const [mei, lan, zhao] = people

    // the window closes: everyone still waiting hears that the goods are held for two more days
    t.clock.set(new Date(pickupEnd.getTime() + HOUR).toISOString())
    await sweepOnce(t.ctx)
    await sweepOnce(t.ctx)
    const reminders = (await messagesOf(mei)).filter((m) => m.kind === 'pickup_grace_reminder')
    expect(reminders).toHaveLength(1)
    expect(reminders[0].body).toMatch(/保留到/)
    // 李兰 comes the next day: her code still works
    t.clock.advance(24 * HOUR)
    expect((await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: orders[1].pickupCode })).body.order.status).toBe('picked_up')

    // the grace period ends: two sweepers at once (two server processes on PostgreSQL; SQLite is
    // one process with one connection) tell each shopper once
    t.clock.set(new Date(pickupEnd.getTime() + 48 * HOUR + 1000).toISOString())
    const other = process.env.TEST_DATABASE_URL ? { ...t.ctx, db: t.openAnother() } : t.ctx
    try {
      const moved = await Promise.all([markUnclaimedOrders(t.ctx), markUnclaimedOrders(other), sweepOnce(t.ctx)])
      expect(moved[0] + moved[1]).toBeLessThanOrEqual(2)
    } finally {
      if (other !== t.ctx) await other.db.destroy()
    }
    await sweepOnce(t.ctx)
    expect((await statusOf(mei, orders[0].id)).status).toBe('unclaimed')
    expect((await statusOf(zhao, orders[2].id)).status).toBe('unclaimed')
    expect((await statusOf(lan, orders[1].id)).status).toBe('picked_up')
    expect((await messagesOf(mei)).filter((m) => m.kind === 'order_unclaimed')).toHaveLength(1)
    expect((await messagesOf(lan)).filter((m) => m.kind === 'order_unclaimed')).toHaveLength(0)

    // at the counter the old code now says what happened, and nothing changes
    const late = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: orders[0].pickupCode })
    expect([late.status, late.body.error.code]).toEqual([409, 'ORDER_UNCLAIMED'])
  })

  it('the leader hands one out late with a note, and refunds another in full (never more than was paid)', async () => {
    const { people, orders, pickupEnd } = await arrivedDeal(['孙一', '孙二', '孙三'])
    t.clock.set(new Date(pickupEnd.getTime() + 49 * HOUR).toISOString())
    await sweepOnce(t.ctx)

    const listed = (await call(t.app, wang, 'GET', '/leader/unclaimed-orders')).body.orders
    const mine = listed.filter((o: { id: string }) => orders.some((x) => x.id === o.id))
    expect(mine).toHaveLength(3)
    // each paid 12.80 and got 2.90 back at settlement: 9.90 is left to refund
    expect(mine[0]).toMatchObject({ shopper: expect.stringContaining('*'), quantity: 1, refundableFen: 990, pickupPoint: { id: point } })

    t.clock.advance(3 * HOUR) // the neighbour turns up that afternoon
    const handed = await call(t.app, wang, 'POST', `/leader/orders/${orders[0].id}/late-pickup`, { note: '邻居周末来取了' })
    expect(handed.body.order).toMatchObject({ status: 'picked_up', latePickupNote: '邻居周末来取了', pickedUpAt: expect.any(String) })
    const handedView = await statusOf(people[0], orders[0].id)
    expect(handedView).toMatchObject({ status: 'picked_up', latePickupNote: '邻居周末来取了' })
    // the timeline tells it: unclaimed, then handed out late with the note
    const steps = handedView.timeline.map((s: { kind: string; note?: string }) => [s.kind, s.note ?? null])
    expect(steps.slice(-2)).toEqual([
      ['unclaimed', null],
      ['late_pickup', '邻居周末来取了'],
    ])

    const refunded = await call(t.app, wang, 'POST', `/leader/orders/${orders[1].id}/no-show-refund`)
    expect(refunded.body.order).toMatchObject({ status: 'refunded', refundFen: 1280 })
    const seen = await statusOf(people[1], orders[1].id)
    expect(seen).toMatchObject({ status: 'refunded', paidFen: 1280, refundFen: 1280 })
    expect(seen.refunds.map((r: { reason: string; amountFen: number }) => [r.reason, r.amountFen]).sort()).toEqual([
      ['no_show', 990],
      ['price_difference', 290],
    ])

    // twice is refused, and so is refunding one that was handed out
    const again = await call(t.app, wang, 'POST', `/leader/orders/${orders[1].id}/no-show-refund`)
    expect([again.status, again.body.error.code]).toEqual([409, 'ORDER_NOT_UNCLAIMED'])
    const handedOut = await call(t.app, wang, 'POST', `/leader/orders/${orders[0].id}/no-show-refund`)
    expect([handedOut.status, handedOut.body.error.code]).toEqual([409, 'ORDER_NOT_UNCLAIMED'])
    expect((await statusOf(people[0], orders[0].id)).refundFen).toBe(290)
  })

  it('another leader, the shopper herself, or an empty note: refused, and nothing changes', async () => {
    const { people, orders, pickupEnd } = await arrivedDeal(['周一', '周二'])
    t.clock.set(new Date(pickupEnd.getTime() + 49 * HOUR).toISOString())
    await sweepOnce(t.ctx)
    const other = await person(t.app, '钱团长', 'leader')
    expect((await call(t.app, other, 'POST', `/leader/orders/${orders[0].id}/no-show-refund`)).status).toBe(404)
    expect((await call(t.app, other, 'GET', '/leader/unclaimed-orders')).body.orders).toEqual([])
    expect((await call(t.app, people[0], 'POST', `/leader/orders/${orders[0].id}/late-pickup`, { note: '我自己' })).status).toBe(403)
    expect((await call(t.app, wang, 'POST', `/leader/orders/${orders[0].id}/late-pickup`, { note: '' })).status).toBe(400)
    expect((await statusOf(people[0], orders[0].id)).status).toBe('unclaimed')
  })
})

describe('the grace period is configurable', () => {
  it('with NO_SHOW_GRACE_DAYS=1 an order is unclaimed a day after the window', async () => {
    const short = await startTestApp({ noShowGraceDays: 1 })
    try {
      const leader = await person(short.app, '吴团长', 'leader')
      const p = await newPoint(short.app, leader)
      const start = short.clock.now()
      const dealId = await openDeal(short.app, leader, dealInput(start, [p]))
      const a = await person(short.app, '吴一')
      const order = (await joinAndPay(short.app, a, dealId, { quantity: 1, pickupPointId: p })).order
      await joinAndPay(short.app, await person(short.app, '吴二'), dealId, { quantity: 1, pickupPointId: p })
      short.clock.set(new Date(start.getTime() + 52 * HOUR + 23 * HOUR).toISOString())
      await sweepOnce(short.ctx)
      expect((await call(short.app, a, 'GET', `/orders/${order.id}`)).body.order.status).toBe('confirmed')
      short.clock.advance(2 * HOUR)
      await sweepOnce(short.ctx)
      expect((await call(short.app, a, 'GET', `/orders/${order.id}`)).body.order.status).toBe('unclaimed')
    } finally {
      await short.close()
    }
  })
})
