import fc from 'fast-check'
import { commissionFen } from '../../src/domain'
import { balanceOf, leaderAccount } from '../../server/features/ledger/ledger.service'
import { login, startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { ledgerProblems } from './ledger-check'

// many small stories through the API, on SQLite and on PostgreSQL
jest.setTimeout(600_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR

let t: TestApp
let fang: Auth
let admin: Auth
let point: string
let shoppers: Auth[]
beforeAll(async () => {
  // withdrawals from the first fen, so a few orders' commission can be paid out; sessions outlast the stories' months
  t = await startTestApp({ payoutMinFen: 1, sessionTtlDays: 3650 })
  fang = await person(t.app, '芳姐', 'leader')
  admin = await login(t.app, `ledger-admin-${process.pid}`, 'admin', '运营')
  point = await newPoint(t.app, fang)
  shoppers = []
  for (const n of ['小美', '小兰', '阿强', '丽丽', '老陈']) shoppers.push(await person(t.app, n))
})
afterAll(() => t.close())

/** One story: a deal, its joins and cancels, settlement, arrival, pickups, after-sales, and withdrawals a week later. */
const story = fc.record({
  minToSucceed: fc.integer({ min: 1, max: 4 }),
  joins: fc.array(fc.record({ shopper: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
  // a cancel before cutoff (by join index)
  cancels: fc.array(fc.nat(), { maxLength: 2 }),
  pickups: fc.array(fc.nat(), { maxLength: 6 }),
  // an after-sales refund on a picked-up order: which one and what share of what is left (per mille)
  afterSales: fc.array(fc.record({ order: fc.nat(), share: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 3 }),
  // a withdrawal a week later: what share of the withdrawable balance (per mille), approved or refused
  payouts: fc.array(fc.record({ share: fc.integer({ min: 1, max: 1000 }), approve: fc.boolean() }), { maxLength: 2 }),
})

let keys = 0
type Story = typeof story extends fc.Arbitrary<infer S> ? S : never

async function play(s: Story) {
  const start = t.clock.now()
  const dealId = await openDeal(t.app, fang, dealInput(start, [point], { minToSucceed: s.minToSucceed, title: `故事 ${++keys}` }))
  const orders: { id: string; who: Auth }[] = []
  for (const j of s.joins) {
    const who = shoppers[j.shopper]
    try {
      const { order } = await joinAndPay(t.app, who, dealId, { quantity: j.quantity, pickupPointId: point })
      orders.push({ id: order.id, who })
    } catch {
      // refused (e.g. an order of hers is already open): the story goes on
    }
  }
  for (const c of s.cancels)
    if (orders.length) await call(t.app, orders[c % orders.length].who, 'POST', `/orders/${orders[c % orders.length].id}/cancel`)

  // cutoff: settles (succeeds or fails); the goods arrive
  t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
  await call(t.app, null, 'GET', `/deals/${dealId}`)
  t.clock.set(new Date(start.getTime() + 49 * HOUR).toISOString())
  await call(t.app, fang, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: point })
  for (const p of s.pickups) {
    if (!orders.length) break
    const o = orders[p % orders.length]
    const code = (await call(t.app, o.who, 'GET', `/orders/${o.id}`)).body.order.pickupCode
    if (code) await call(t.app, fang, 'POST', '/leader/pickups/verify', { code })
  }
  for (const a of s.afterSales) {
    if (!orders.length) break
    const o = orders[a.order % orders.length]
    const offer = (await call(t.app, o.who, 'GET', `/orders/${o.id}/after-sales`)).body
    if (!offer?.canRequest || offer.refundableFen <= 0) continue
    const asked = await call(t.app, o.who, 'POST', `/orders/${o.id}/after-sales`, { quantity: 1, reason: 'spoiled', note: '', photos: [] })
    if (asked.status !== 201) continue
    const amountFen = Math.max(1, Math.floor((offer.refundableFen * a.share) / 1000))
    await call(t.app, fang, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, { amountFen })
  }
  await expectAddsUp(orders.map((o) => o.id))

  // a week and a day later the commission is withdrawable
  t.clock.set(new Date(start.getTime() + 49 * HOUR + 8 * DAY).toISOString())
  for (const p of s.payouts) {
    const withdrawable = (await balanceOf(t.ctx.db, leaderAccount(fang.userId), t.clock.now().toISOString())).withdrawableFen
    const amountFen = Math.floor((withdrawable * p.share) / 1000)
    if (amountFen < 1) continue
    const asked = await call(t.app, fang, 'POST', '/leader/payouts', { amountFen }, { 'idempotency-key': `ledger-prop-${process.pid}-${++keys}` })
    expect(asked.status).toBeLessThan(300)
    const id = asked.body.payout.id
    if (p.approve) expect((await call(t.app, admin, 'POST', `/admin/payouts/${id}/approve`)).status).toBe(200)
    else expect((await call(t.app, admin, 'POST', `/admin/payouts/${id}/refuse`, { reason: '核对中' })).status).toBe(200)
  }
  await expectAddsUp(orders.map((o) => o.id))
}

async function expectAddsUp(orderIds: string[]) {
  // balances are sums of entries, every day sums to zero, payments and refunds match their rows
  expect(await ledgerProblems(t.ctx.db, t.clock.now().toISOString())).toEqual([])
  if (orderIds.length === 0) return
  const rows = await t.ctx.db.selectFrom('orders').selectAll().where('id', 'in', orderIds).execute()
  const txs = await t.ctx.db.selectFrom('ledger_transactions').selectAll().where('order_id', 'in', orderIds).execute()
  for (const o of rows) {
    const mine = txs.filter((x) => x.order_id === o.id)
    const sum = (kind: string) => mine.filter((x) => x.kind === kind).reduce((s, x) => s + Number(x.amount_fen), 0)
    // what the shopper paid, and what she got back, are exactly the order's
    expect(sum('payment')).toBe(o.paid_fen)
    expect(sum('refund')).toBe(o.refund_fen)
    // the leader holds commission on what was kept, only once picked up, at the frozen rate
    const net = sum('commission') - sum('commission_reversal')
    if (o.picked_up_at) expect(net).toBe(commissionFen(o.paid_fen - o.refund_fen, o.commission_bps ?? 0))
    else expect(net).toBe(0)
  }
  // money in flight or paid out never exceeds what was earned: the leader's account never goes below zero
  expect((await balanceOf(t.ctx.db, leaderAccount(fang.userId), t.clock.now().toISOString())).balanceFen).toBeGreaterThanOrEqual(0)
}

describe('the ledger adds up over any story', () => {
  it('joins, cancels, settlements, pickups, after-sales refunds and payouts: every account is the sum of its entries, everything sums to zero', async () => {
    await fc.assert(
      fc.asyncProperty(story, async (s) => {
        await play(s)
      }),
      {
        numRuns: 15,
        // and always one story that does everything: a success with a price difference, a cancel,
        // pickups, an after-sales refund that takes commission back, a payout sent and one refused
        examples: [
          [
            {
              minToSucceed: 2,
              joins: [
                { shopper: 0, quantity: 2 },
                { shopper: 1, quantity: 1 },
                { shopper: 2, quantity: 3 },
                { shopper: 3, quantity: 1 },
              ],
              cancels: [3],
              pickups: [0, 1, 2],
              afterSales: [{ order: 2, share: 500 }],
              payouts: [
                { share: 500, approve: true },
                { share: 1000, approve: false },
              ],
            },
          ],
        ],
      },
    )
    // the stories did what they say: every kind of posting happened
    const kinds = new Set((await t.ctx.db.selectFrom('ledger_transactions').select('kind').distinct().execute()).map((k) => k.kind))
    for (const kind of ['payment', 'refund', 'commission', 'commission_reversal', 'payout_requested', 'payout_sent', 'payout_returned'])
      expect([kind, kinds.has(kind as never)]).toEqual([kind, true])
  })
})
