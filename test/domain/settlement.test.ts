import fc from 'fast-check'
import type { Tier, TierBasis } from '../../types/api'
import { admitJoin, countToward, priceAt, settle, type SettleDeal, type SettleOrder, type TierTotals } from '@/domain'
import { arbitraryLadder } from './arbitraries'

const ladder: Tier[] = [
  { threshold: 1, unitPriceFen: 1280 },
  { threshold: 3, unitPriceFen: 990 },
  { threshold: 5, unitPriceFen: 880 },
]

/**
 * Shoppers join one after another, each priced as the server's join queue prices them: by the
 * domain's admitJoin over the deal's running totals (no stock cap or limit here, so none is refused).
 */
function joinInTurn(deal: SettleDeal, joins: { userId: string; quantity: number }[]): SettleOrder[] {
  const orders: SettleOrder[] = []
  const held = new Map<string, number>()
  let totals: TierTotals = { people: 0, units: 0 }
  const joinable = { ...deal, stockUnits: null, perUserLimit: null }
  joins.forEach((j, i) => {
    const heldBefore = held.get(j.userId) ?? 0
    const decision = admitJoin(joinable, totals, { heldBefore, quantity: j.quantity })
    if ('refusal' in decision) throw new Error(`join ${i} refused: ${decision.refusal}`)
    totals = decision.totals
    held.set(j.userId, heldBefore + j.quantity)
    orders.push({ id: `o${i + 1}`, userId: j.userId, quantity: j.quantity, unitPriceFen: decision.unitPriceFen })
  })
  return orders
}

const total = (orders: SettleOrder[]) => orders.reduce((s, o) => s + o.unitPriceFen * o.quantity, 0)

describe('the price guarantee: five neighbours buy strawberries at ¥12.80 / ¥9.90 / ¥8.80', () => {
  const deal: SettleDeal = { tierBasis: 'people', tiers: ladder, minToSucceed: 2 }
  const orders = joinInTurn(deal, [
    { userId: 'mei', quantity: 2 }, // alone: ¥12.80
    { userId: 'lei', quantity: 1 }, // two: still ¥12.80
    { userId: 'fang', quantity: 3 }, // three: ¥9.90
    { userId: 'jun', quantity: 1 }, // four: ¥9.90
    { userId: 'hua', quantity: 2 }, // five: ¥8.80
  ])

  it('each paid the price current when they joined', () => {
    expect(orders.map((o) => o.unitPriceFen)).toEqual([1280, 1280, 990, 990, 880])
  })

  it('at cutoff everyone pays ¥8.80 and gets the difference back', () => {
    const s = settle(deal, orders)
    expect(s.outcome).toBe('succeeded')
    expect(s.finalCount).toBe(5)
    expect(s.finalTierPriceFen).toBe(880)
    expect(s.orders).toEqual([
      { id: 'o1', finalUnitPriceFen: 880, refundFen: 800 }, // 2 × ¥4.00
      { id: 'o2', finalUnitPriceFen: 880, refundFen: 400 }, // 1 × ¥4.00
      { id: 'o3', finalUnitPriceFen: 880, refundFen: 330 }, // 3 × ¥1.10
      { id: 'o4', finalUnitPriceFen: 880, refundFen: 110 }, // 1 × ¥1.10
      { id: 'o5', finalUnitPriceFen: 880, refundFen: 0 },
    ])
    expect(s.orders.reduce((sum, o) => sum + o.refundFen, 0)).toBe(1640)
  })

  it('if two cancel before cutoff, the others keep ¥9.90 and the last joiner still pays only ¥8.80', () => {
    const remaining = orders.filter((o) => o.id !== 'o2' && o.id !== 'o4')
    const s = settle(deal, remaining)
    expect(s.finalCount).toBe(3)
    expect(s.finalTierPriceFen).toBe(990)
    expect(s.orders).toEqual([
      { id: 'o1', finalUnitPriceFen: 990, refundFen: 580 },
      { id: 'o3', finalUnitPriceFen: 990, refundFen: 0 },
      { id: 'o5', finalUnitPriceFen: 880, refundFen: 0 },
    ])
  })

  it('alone under a minimum of two, Mei is refunded in full', () => {
    const s = settle(deal, orders.slice(0, 1))
    expect(s.outcome).toBe('failed')
    expect(s.orders).toEqual([{ id: 'o1', finalUnitPriceFen: 0, refundFen: 2560 }])
  })

  it('a deal nobody paid for fails, even with a minimum of zero', () => {
    expect(settle({ ...deal, minToSucceed: 0 }, [])).toMatchObject({ outcome: 'failed', finalCount: 0, orders: [] })
  })

  it('exactly the minimum succeeds', () => {
    expect(settle(deal, orders.slice(0, 2)).outcome).toBe('succeeded')
  })

  it('by units, the minimum and the tiers count pieces, not people', () => {
    const byUnits: SettleDeal = { tierBasis: 'units', tiers: ladder, minToSucceed: 5 }
    const units = joinInTurn(byUnits, [
      { userId: 'mei', quantity: 2 }, // 2 units: ¥12.80
      { userId: 'mei', quantity: 1 }, // 3 units: ¥9.90
      { userId: 'lei', quantity: 2 }, // 5 units: ¥8.80
    ])
    expect(units.map((o) => o.unitPriceFen)).toEqual([1280, 990, 880])
    const s = settle(byUnits, units)
    expect(s).toMatchObject({ outcome: 'succeeded', finalCount: 5, finalTierPriceFen: 880 })
    expect(s.orders.map((o) => o.refundFen)).toEqual([800, 110, 0])
    expect(settle({ ...byUnits, minToSucceed: 6 }, units).outcome).toBe('failed')
  })

  it('refuses a price paid that is not whole fen', () => {
    expect(() => settle(deal, [{ id: 'x', userId: 'u', quantity: 1, unitPriceFen: 9.9 }])).toThrow(RangeError)
  })

  it.each([0, -1, 1.5])('refuses an order of quantity %p', (quantity) => {
    expect(() => settle(deal, [{ id: 'x', userId: 'u', quantity, unitPriceFen: 990 }])).toThrow(RangeError)
  })
})

// ---- properties ------------------------------------------------------------------------------

const ladderArb = arbitraryLadder({ top: [500, 20_000], maxRise: 6, maxDrop: 300, maxSteps: 5 })

const dealArb = fc.record({
  tierBasis: fc.constantFrom<TierBasis>('people', 'units'),
  tiers: ladderArb,
  minToSucceed: fc.integer({ min: 1, max: 12 }),
})

const joinsArb = fc.array(
  fc.record({ userId: fc.constantFrom('mei', 'lei', 'fang', 'jun', 'hua', 'qiang', 'li', 'wen'), quantity: fc.integer({ min: 1, max: 5 }) }),
  { maxLength: 25 },
)

/** The paid orders left at cutoff: joined in turn, then some cancelled. */
const scenarioArb = fc.tuple(dealArb, joinsArb).chain(([deal, joins]) => {
  const orders = joinInTurn(deal, joins)
  return fc.subarray(orders).map((kept) => ({ deal, orders: kept }))
})

describe('the price guarantee holds for any deal (properties)', () => {
  it('the join queue charges each joiner the tier reached by the orders so far, counted as settling counts', () => {
    fc.assert(
      fc.property(dealArb, joinsArb, (deal, joins) => {
        const orders = joinInTurn(deal, joins)
        orders.forEach((o, i) => {
          expect(o.unitPriceFen).toBe(priceAt(deal.tiers, countToward(deal.tierBasis, orders.slice(0, i + 1))))
        })
      }),
    )
  })

  it('nobody’s final unit price exceeds what they paid, and every refund is whole, non-negative fen', () => {
    fc.assert(
      fc.property(scenarioArb, ({ deal, orders }) => {
        const s = settle(deal, orders)
        expect(s.orders.map((o) => o.id)).toEqual(orders.map((o) => o.id))
        s.orders.forEach((so, i) => {
          const o = orders[i]
          expect(so.finalUnitPriceFen).toBeLessThanOrEqual(o.unitPriceFen)
          expect(Number.isSafeInteger(so.refundFen)).toBe(true)
          expect(so.refundFen).toBeGreaterThanOrEqual(0)
          expect(so.refundFen).toBeLessThanOrEqual(o.unitPriceFen * o.quantity)
          expect(so.refundFen).toBe((o.unitPriceFen - so.finalUnitPriceFen) * o.quantity)
        })
      }),
    )
  })

  it('on success each final price is min(paid, final tier price)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ deal, orders }) => {
        const s = settle(deal, orders)
        if (s.outcome !== 'succeeded') return
        expect(s.finalTierPriceFen).toBe(priceAt(deal.tiers, s.finalCount))
        s.orders.forEach((so, i) => {
          expect(so.finalUnitPriceFen).toBe(Math.min(orders[i].unitPriceFen, s.finalTierPriceFen))
          expect(so.finalUnitPriceFen).toBeGreaterThan(0)
        })
      }),
    )
  })

  it('the refunds add up to total paid minus total final', () => {
    fc.assert(
      fc.property(scenarioArb, ({ deal, orders }) => {
        const s = settle(deal, orders)
        const refunds = s.orders.reduce((sum, o) => sum + o.refundFen, 0)
        const finals = s.orders.reduce((sum, o, i) => sum + o.finalUnitPriceFen * orders[i].quantity, 0)
        expect(refunds).toBe(total(orders) - finals)
      }),
    )
  })

  it('without cancellations nobody pays more than the final tier price', () => {
    fc.assert(
      fc.property(dealArb, joinsArb, (deal, joins) => {
        const s = settle(deal, joinInTurn(deal, joins))
        if (s.outcome === 'succeeded') s.orders.forEach((o) => expect(o.finalUnitPriceFen).toBe(s.finalTierPriceFen))
      }),
    )
  })

  it('more participants never raise the final tier price, nor turn success into failure', () => {
    fc.assert(
      fc.property(dealArb, joinsArb, joinsArb, (deal, early, late) => {
        const fewer = settle(deal, joinInTurn(deal, early))
        const more = settle(deal, joinInTurn(deal, [...early, ...late]))
        expect(more.finalCount).toBeGreaterThanOrEqual(fewer.finalCount)
        expect(more.finalTierPriceFen).toBeLessThanOrEqual(fewer.finalTierPriceFen)
        if (fewer.outcome === 'succeeded') expect(more.outcome).toBe('succeeded')
      }),
    )
  })

  it('a deal under its minimum refunds everyone in full, and one at or above it succeeds', () => {
    fc.assert(
      fc.property(scenarioArb, ({ deal, orders }) => {
        const s = settle(deal, orders)
        if (s.finalCount < deal.minToSucceed || orders.length === 0) {
          expect(s.outcome).toBe('failed')
          s.orders.forEach((so, i) => {
            expect(so.finalUnitPriceFen).toBe(0)
            expect(so.refundFen).toBe(orders[i].unitPriceFen * orders[i].quantity)
          })
          expect(s.orders.reduce((sum, o) => sum + o.refundFen, 0)).toBe(total(orders))
        } else {
          expect(s.outcome).toBe('succeeded')
        }
      }),
    )
  })

  it('settling is deterministic and does not depend on the order of the orders', () => {
    fc.assert(
      fc.property(scenarioArb, ({ deal, orders }) => {
        const before = JSON.stringify(orders)
        const a = settle(deal, orders)
        const b = settle(
          deal,
          orders.map((o) => ({ ...o })),
        )
        expect(b).toEqual(a)
        expect(JSON.stringify(orders)).toBe(before) // inputs untouched
        const reversed = settle(deal, [...orders].reverse())
        expect(reversed.outcome).toBe(a.outcome)
        expect(reversed.finalTierPriceFen).toBe(a.finalTierPriceFen)
        expect([...reversed.orders].reverse()).toEqual(a.orders)
      }),
    )
  })
})
