import fc from 'fast-check'
import { sql } from 'kysely'
import type { TierBasis } from '../../types/api'
import { admitJoin, settle, type SettleOrder, type TierTotals } from '../../src/domain'
import { joinAndPay } from './engine-api'
import { openDatabase, type Database } from '../../server/db/database'
import type { AppContext } from '../../server/http/context'
import { settleDueDeals } from '../../server/features/settlement/settlement.service'
import { startSweeper } from '../../server/jobs/sweeper'
import { login, startTestApp, type TestApp } from './helpers'
import { dealRow, insertDeal, insertOrder, insertPoint, insertUser, orderRow, refundRows } from './engine-fixtures'
import { arbitraryLadder } from '../domain/arbitraries'

// a busy machine (PostgreSQL schema set-up, many real requests) needs more than jest's 5 s
jest.setTimeout(60_000)

let t: TestApp
let leaderId: string
let pointId: string
beforeAll(async () => {
  t = await startTestApp()
  leaderId = await insertUser(t.ctx, '王阿姨', 'shopper,leader')
  pointId = await insertPoint(t.ctx, leaderId)
})
afterAll(() => t.close())

const inMinutes = (m: number) => new Date(t.clock.now().getTime() + m * 60_000).toISOString()
const shoppers = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => insertUser(t.ctx, `邻居${i}`)))

/** Every paid order's money adds up: paid - refunded = final price x quantity. */
async function expectAmountsAddUp(orderId: string) {
  const o = await orderRow(t.ctx, orderId)
  const refunds = await refundRows(t.ctx, orderId)
  expect(o.refund_fen).toBe(refunds.reduce((s, r) => s + r.amount_fen, 0))
  expect(o.paid_fen - o.refund_fen).toBe((o.final_unit_price_fen ?? 0) * o.quantity)
}

describe('settling deals at cutoff', () => {
  it('does nothing (and says 0) when no deal is due', async () => {
    await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(60) })
    expect(await settleDueDeals(t.ctx)).toBe(0)
  })

  it('a deal that reached its minimum confirms everyone at min(paid, final tier) and refunds the difference', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(30), minToSucceed: 2 })
    const [a, b, c, late] = await shoppers(4)
    const first = await insertOrder(t.ctx, { dealId, userId: a, pointId, quantity: 2, unitPriceFen: 1280 })
    const second = await insertOrder(t.ctx, { dealId, userId: b, pointId, quantity: 1, unitPriceFen: 1280 })
    const third = await insertOrder(t.ctx, { dealId, userId: c, pointId, quantity: 1, unitPriceFen: 990 })
    // joined, never paid: expires at cutoff and does not count toward the tiers
    const unpaid = await insertOrder(t.ctx, {
      dealId,
      userId: late,
      pointId,
      quantity: 1,
      unitPriceFen: 990,
      status: 'pending_payment',
      holdExpiresAt: inMinutes(45),
    })

    t.clock.advance(31 * 60_000)
    expect(await settleDueDeals(t.ctx)).toBe(1)

    const deal = await dealRow(t.ctx, dealId)
    expect(deal).toMatchObject({ status: 'succeeded', final_unit_price_fen: 990, active_units: 4, participant_count: 3 })
    expect(await orderRow(t.ctx, first)).toMatchObject({ status: 'confirmed', final_unit_price_fen: 990, refund_fen: 580 })
    expect(await orderRow(t.ctx, second)).toMatchObject({ status: 'confirmed', final_unit_price_fen: 990, refund_fen: 290 })
    expect(await orderRow(t.ctx, third)).toMatchObject({ status: 'confirmed', final_unit_price_fen: 990, refund_fen: 0 })
    expect(await orderRow(t.ctx, unpaid)).toMatchObject({ status: 'expired', refund_fen: 0 })
    const refunds = await refundRows(t.ctx, first)
    expect(refunds).toEqual([expect.objectContaining({ amount_fen: 580, reason: 'price_difference', status: 'succeeded' })])
    expect(refunds[0].provider_ref).toMatch(/^sandbox_refund_/)
    expect(await refundRows(t.ctx, third)).toEqual([])
    for (const o of [first, second, third]) await expectAmountsAddUp(o)
  })

  it('a deal under its minimum refunds every paid order in full', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(10), minToSucceed: 3 })
    const [a, b] = await shoppers(2)
    const orders = [
      await insertOrder(t.ctx, { dealId, userId: a, pointId, quantity: 3, unitPriceFen: 1280 }),
      await insertOrder(t.ctx, { dealId, userId: b, pointId, quantity: 1, unitPriceFen: 1280 }),
    ]
    t.clock.advance(11 * 60_000)
    expect(await settleDueDeals(t.ctx)).toBe(1)
    expect(await dealRow(t.ctx, dealId)).toMatchObject({ status: 'failed', active_units: 0, participant_count: 0 })
    expect(await orderRow(t.ctx, orders[0])).toMatchObject({ status: 'refunded', paid_fen: 3840, refund_fen: 3840, final_unit_price_fen: 0 })
    expect((await refundRows(t.ctx, orders[1]))[0]).toMatchObject({ amount_fen: 1280, reason: 'deal_failed' })
    for (const o of orders) await expectAmountsAddUp(o)
  })

  it('settles exactly once however often (and however concurrently) it is called', async () => {
    const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(5), minToSucceed: 1 })
    const users = await shoppers(3)
    const orders = await Promise.all(users.map((userId) => insertOrder(t.ctx, { dealId, userId, pointId, quantity: 1, unitPriceFen: 1280 })))
    t.clock.advance(6 * 60_000)
    const results = await Promise.all([settleDueDeals(t.ctx), settleDueDeals(t.ctx), settleDueDeals(t.ctx)])
    expect(results.reduce((a, b) => a + b, 0)).toBe(1)
    expect(await settleDueDeals(t.ctx)).toBe(0)
    for (const o of orders) {
      expect(await refundRows(t.ctx, o)).toHaveLength(1)
      expect(await orderRow(t.ctx, o)).toMatchObject({ refund_fen: 290, final_unit_price_fen: 990 })
    }
  })

  it('two servers settling at once make one set of refunds (on PostgreSQL, two pools as two processes would)', async () => {
    // SQLite is one process's embedded database, so there the second server shares the connection
    let otherDb: Database | null = null
    if (process.env.TEST_DATABASE_URL) {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.ctx.db)
      otherDb = openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL }, { schema: rows[0].schema, poolSize: 5 })
    }
    const other: AppContext = { ...t.ctx, db: otherDb ?? t.ctx.db }
    try {
      const deals: string[] = []
      const orders: string[] = []
      for (let d = 0; d < 5; d++) {
        const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(1), minToSucceed: d % 2 === 0 ? 1 : 10 })
        deals.push(dealId)
        for (const userId of await shoppers(4)) {
          orders.push(await insertOrder(t.ctx, { dealId, userId, pointId, quantity: 2, unitPriceFen: 1280 }))
        }
      }
      t.clock.advance(2 * 60_000)
      const [mine, theirs] = await Promise.all([settleDueDeals(t.ctx), settleDueDeals(other)])
      expect(mine + theirs).toBe(5)
      for (const o of orders) {
        expect(await refundRows(t.ctx, o)).toHaveLength(1)
        await expectAmountsAddUp(o)
      }
    } finally {
      await otherDb?.destroy()
    }
  })
})

describe('the sweeper', () => {
  it('settles due deals, expires stale holds and completes deals after the pickup window, on its own', async () => {
    const sweeper = startSweeper({ ...t.ctx, config: { ...t.ctx.config, sweepIntervalMs: 20 } })
    try {
      const due = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(1), minToSucceed: 1 })
      const open = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(600), stockUnits: 10 })
      const [a, b] = await shoppers(2)
      await insertOrder(t.ctx, { dealId: due, userId: a, pointId, quantity: 1, unitPriceFen: 1280 })
      const stale = await insertOrder(t.ctx, {
        dealId: open,
        userId: b,
        pointId,
        quantity: 4,
        unitPriceFen: 1280,
        status: 'pending_payment',
        holdExpiresAt: inMinutes(15),
      })
      expect(await dealRow(t.ctx, open)).toMatchObject({ active_units: 4, participant_count: 1 })

      t.clock.advance(16 * 60_000)
      await waitFor(async () => (await dealRow(t.ctx, due)).status === 'succeeded')
      await waitFor(async () => (await orderRow(t.ctx, stale)).status === 'expired')
      expect(await dealRow(t.ctx, open)).toMatchObject({ status: 'open', active_units: 0, participant_count: 0 })

      t.clock.advance(3 * 86_400_000)
      await waitFor(async () => (await dealRow(t.ctx, due)).status === 'completed')
    } finally {
      await sweeper.stop()
    }
  })
})

describe('the price guarantee, as the server runs it (property)', () => {
  const scenario = fc.record({
    tiers: arbitraryLadder({ top: [500, 3000], maxRise: 3, maxDrop: 300, maxSteps: 3 }),
    tierBasis: fc.constantFrom<TierBasis>('people', 'units'),
    minToSucceed: fc.integer({ min: 1, max: 6 }),
    joins: fc.array(fc.record({ who: fc.nat(3), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 7 }),
  })

  it('real joins pay what the domain prices, and settling refunds what the domain settles', async () => {
    const neighbours = await Promise.all(['小梅', '小雷', '芳芳', '阿军'].map((n, i) => login(t.app, `guarantee-${i}`, 'shopper', n)))
    await fc.assert(
      fc.asyncProperty(scenario, async ({ tiers, tierBasis, minToSucceed, joins }) => {
        const dealId = await insertDeal(t.ctx, { leaderId, pointId, cutoffAt: inMinutes(30), tiers, tierBasis, minToSucceed })
        // the model: the domain's admitJoin over running totals, as the join queue runs it
        let totals: TierTotals = { people: 0, units: 0 }
        const held = new Map<string, number>()
        const model: SettleOrder[] = []
        for (const { who, quantity } of joins) {
          const shopper = neighbours[who]
          const heldBefore = held.get(shopper.userId) ?? 0
          const decision = admitJoin({ tierBasis, tiers, stockUnits: null, perUserLimit: null }, totals, { heldBefore, quantity })
          if ('refusal' in decision) throw new Error(decision.refusal)
          totals = decision.totals
          held.set(shopper.userId, heldBefore + quantity)
          const { order } = await joinAndPay(t.app, shopper, dealId, { quantity, pickupPointId: pointId })
          expect(order.unitPriceFen).toBe(decision.unitPriceFen)
          model.push({ id: order.id, userId: shopper.userId, quantity, unitPriceFen: decision.unitPriceFen })
        }
        t.clock.advance(31 * 60_000)
        await settleDueDeals(t.ctx)
        const settled = settle({ tierBasis, tiers, minToSucceed }, model)
        expect(await dealRow(t.ctx, dealId)).toMatchObject({ status: settled.outcome })
        for (const o of settled.orders) {
          expect(await orderRow(t.ctx, o.id)).toMatchObject({ final_unit_price_fen: o.finalUnitPriceFen, refund_fen: o.refundFen })
        }
      }),
      { numRuns: 15 },
    )
  })
})

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}
