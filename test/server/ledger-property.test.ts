import fc from 'fast-check'
import { commissionFen } from '../../src/domain'
import { balanceOf, leaderAccount, supplierAccount } from '../../server/features/ledger/ledger.service'
import { check } from '../../server/features/reconciliation/reconciliation.service'
import { login, startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { ledgerProblems } from './ledger-check'
import { approvedSupplier, openSupplierDeal, optIn, supplierDealInput } from './supplier-api'

// many small stories through the API, on SQLite and on PostgreSQL
jest.setTimeout(600_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR

let t: TestApp
let fang: Auth
let admin: Auth
let point: string
let shoppers: Auth[]
let coop: Auth & { supplierId: string }
beforeAll(async () => {
  // withdrawals from the first fen, so a few orders' commission can be paid out; sessions outlast the stories' months
  t = await startTestApp({ payoutMinFen: 1, sessionTtlDays: 3650 })
  fang = await person(t.app, '芳姐', 'leader')
  admin = await login(t.app, `ledger-admin-${process.pid}`, 'admin', '运营')
  point = await newPoint(t.app, fang)
  shoppers = []
  for (const n of ['小美', '小兰', '阿强', '丽丽', '老陈']) shoppers.push(await person(t.app, n))
  coop = await approvedSupplier(t.app, admin, '山前果蔬合作社')
})
afterAll(() => t.close())

/**
 * One story: a deal (fang's own, or the cooperative's sold at her point), its joins and cancels,
 * settlement, arrival (or the supplier's delivery and fang's count, short or spoiled), pickups,
 * after-sales, and withdrawals a week later by fang and by the cooperative.
 */
const story = fc.record({
  minToSucceed: fc.integer({ min: 1, max: 4 }),
  // a supplier deal: delivered in bulk, counted on arrival (units missing, units spoiled)
  supplied: fc.boolean(),
  missing: fc.integer({ min: 0, max: 4 }),
  spoiled: fc.integer({ min: 0, max: 2 }),
  joins: fc.array(fc.record({ shopper: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
  // a cancel before cutoff (by join index)
  cancels: fc.array(fc.nat(), { maxLength: 2 }),
  pickups: fc.array(fc.nat(), { maxLength: 6 }),
  // an after-sales refund on a picked-up order: which one and what share of what is left (per mille)
  afterSales: fc.array(fc.record({ order: fc.nat(), share: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 3 }),
  // a withdrawal a week later: what share of the withdrawable balance (per mille), approved or refused
  payouts: fc.array(fc.record({ share: fc.integer({ min: 1, max: 1000 }), approve: fc.boolean(), bySupplier: fc.boolean() }), { maxLength: 2 }),
})

let keys = 0
type Story = typeof story extends fc.Arbitrary<infer S> ? S : never

async function play(s: Story) {
  const start = t.clock.now()
  const title = `故事 ${++keys}`
  let dealId: string
  let deliveryDate = ''
  if (s.supplied) {
    const input = supplierDealInput(start, { minToSucceed: s.minToSucceed, title })
    deliveryDate = input.deliveryDate
    dealId = await openSupplierDeal(t.app, coop, input)
    expect((await optIn(t.app, fang, dealId, point)).status).toBeLessThan(300)
  } else dealId = await openDeal(t.app, fang, dealInput(start, [point], { minToSucceed: s.minToSucceed, title }))
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
  t.clock.set(new Date(start.getTime() + 41 * HOUR).toISOString())
  if (s.supplied) {
    // the cooperative delivers (only a deal that succeeded); fang counts what arrived
    const delivered = await call(t.app, coop, 'POST', '/supplier/deliveries', { date: deliveryDate, pickupPointId: point })
    const packed = delivered.status === 200 ? delivered.body.deliveries.find((d: { dealId: string }) => d.dealId === dealId)?.packedUnits : undefined
    if (packed !== undefined) {
      const missing = Math.min(s.missing, packed)
      const spoiledUnits = Math.min(s.spoiled, packed - missing)
      const receipt = { dealId, pickupPointId: point, receivedUnits: packed - missing - spoiledUnits, spoiledUnits }
      expect((await call(t.app, fang, 'POST', '/leader/receipts', receipt)).status).toBe(200)
      // counted twice (a second tap): refunded once
      expect((await call(t.app, fang, 'POST', '/leader/receipts', receipt)).status).toBe(409)
    }
  }
  t.clock.set(new Date(start.getTime() + 49 * HOUR).toISOString())
  if (!s.supplied) await call(t.app, fang, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: point })
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
    const [who, account, kind] = p.bySupplier ? [coop, supplierAccount(coop.supplierId), 'supplier'] : [fang, leaderAccount(fang.userId), 'leader']
    const withdrawable = (await balanceOf(t.ctx.db, account, t.clock.now().toISOString())).withdrawableFen
    const amountFen = Math.floor((withdrawable * p.share) / 1000)
    if (amountFen < 1) continue
    const asked = await call(t.app, who, 'POST', `/${kind}/payouts`, { amountFen }, { 'idempotency-key': `ledger-prop-${process.pid}-${++keys}` })
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
  // and each day's statement, as the operator reads it, balances with no difference listed
  const days = (await t.ctx.db.selectFrom('ledger_transactions').select('day').distinct().execute()).map((d) => d.day)
  for (const day of days) {
    const { statement, differences } = await check(t.ctx, day, false)
    expect([day, statement.balanced, differences]).toEqual([day, true, []])
  }
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
  // money in flight or paid out never exceeds what was earned: no leader or supplier account goes below zero
  expect((await balanceOf(t.ctx.db, leaderAccount(fang.userId), t.clock.now().toISOString())).balanceFen).toBeGreaterThanOrEqual(0)
  expect((await balanceOf(t.ctx.db, supplierAccount(coop.supplierId), t.clock.now().toISOString())).balanceFen).toBeGreaterThanOrEqual(0)
  // the cooperative is owed, for each delivered deal, the units kept at each order's frozen supplier price
  const payables = await t.ctx.db.selectFrom('ledger_transactions').select(['deal_id', 'amount_fen']).where('kind', '=', 'supplier_payable').execute()
  const dealIds = [...new Set(rows.map((o) => o.deal_id))]
  for (const dealId of dealIds) {
    const owed = payables.filter((p) => p.deal_id === dealId).reduce((sum, p) => sum + Number(p.amount_fen), 0)
    const receipt = await t.ctx.db.selectFrom('receipts').select('deal_id').where('deal_id', '=', dealId).executeTakeFirst()
    const kept = rows
      .filter((o) => o.deal_id === dealId && receipt && o.supplier_unit_price_fen !== null)
      .reduce((sum, o) => sum + (o.quantity - (o.short_units ?? 0)) * (o.supplier_unit_price_fen ?? 0), 0)
    expect([dealId, owed]).toEqual([dealId, kept])
  }
}

describe('the ledger adds up over any story', () => {
  it('joins, cancels, settlements, pickups, after-sales refunds and payouts: every account is the sum of its entries, everything sums to zero', async () => {
    await fc.assert(
      fc.asyncProperty(story, async (s) => {
        await play(s)
      }),
      {
        numRuns: 40,
        // and always one story that does everything: a success with a price difference, a cancel,
        // pickups, an after-sales refund that takes commission back, a payout sent and one refused
        examples: [
          [
            {
              minToSucceed: 2,
              supplied: false,
              missing: 0,
              spoiled: 0,
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
                { share: 500, approve: true, bySupplier: false },
                { share: 1000, approve: false, bySupplier: false },
              ],
            },
          ],
          // and one the cooperative supplies: two units missing and one spoiled at fang's point, the
          // rest picked up, an after-sales refund, and both the cooperative and fang withdraw
          [
            {
              minToSucceed: 2,
              supplied: true,
              missing: 2,
              spoiled: 1,
              joins: [
                { shopper: 0, quantity: 2 },
                { shopper: 1, quantity: 1 },
                { shopper: 2, quantity: 3 },
                { shopper: 3, quantity: 2 },
              ],
              cancels: [],
              pickups: [0, 1, 2, 3],
              afterSales: [{ order: 0, share: 1000 }],
              payouts: [
                { share: 1000, approve: true, bySupplier: true },
                { share: 700, approve: true, bySupplier: false },
              ],
            },
          ],
        ],
      },
    )
    // the stories did what they say: every kind of posting happened
    const kinds = new Set((await t.ctx.db.selectFrom('ledger_transactions').select('kind').distinct().execute()).map((k) => k.kind))
    for (const kind of [
      'payment',
      'refund',
      'commission',
      'commission_reversal',
      'supplier_payable',
      'payout_requested',
      'payout_sent',
      'payout_returned',
    ])
      expect([kind, kinds.has(kind as never)]).toEqual([kind, true])
  })
})
