import fc from 'fast-check'
import type { Tier } from '../../types/api'
import { countToward, currentTier, nextTier, priceAt, priceOnJoin, tierCount, tierProgress, totalsAfterJoin, totalsOf, validateTiers } from '@/domain'
import { arbitraryLadder } from './arbitraries'

// ¥12.80 alone, ¥9.90 from 3, ¥8.80 from 5
const ladder: Tier[] = [
  { threshold: 1, unitPriceFen: 1280 },
  { threshold: 3, unitPriceFen: 990 },
  { threshold: 5, unitPriceFen: 880 },
]

/** A valid ladder: first threshold 1, thresholds rise, prices fall, all ≤ list price. */
export const validLadder = arbitraryLadder({ top: [1000, 100_000], maxRise: 20, maxDrop: 500, maxSteps: 9 })

describe('a leader sets up a price ladder', () => {
  it('a good ladder has no problems, with or without a list price', () => {
    expect(validateTiers(ladder)).toEqual([])
    expect(validateTiers(ladder, 1280)).toEqual([])
    expect(validateTiers(ladder, 1580)).toEqual([])
    expect(validateTiers([{ threshold: 1, unitPriceFen: 990 }])).toEqual([])
  })

  it('an empty ladder is refused as a whole', () => {
    expect(validateTiers([])).toEqual([{ index: -1, code: 'TIERS_NONE' }])
  })

  it('the first threshold must be 1', () => {
    expect(validateTiers([{ threshold: 2, unitPriceFen: 990 }])).toEqual([{ index: 0, code: 'TIER_FIRST_NOT_ONE' }])
  })

  it('thresholds must rise', () => {
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 3, unitPriceFen: 990 },
        { threshold: 3, unitPriceFen: 880 },
      ]),
    ).toEqual([{ index: 2, code: 'TIER_THRESHOLD_NOT_RISING' }])
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 5, unitPriceFen: 990 },
        { threshold: 3, unitPriceFen: 880 },
      ]),
    ).toEqual([{ index: 2, code: 'TIER_THRESHOLD_NOT_RISING' }])
  })

  it('prices must fall from tier to tier', () => {
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 3, unitPriceFen: 1280 },
      ]),
    ).toEqual([{ index: 1, code: 'TIER_PRICE_NOT_FALLING' }])
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 990 },
        { threshold: 3, unitPriceFen: 1280 },
      ]),
    ).toEqual([{ index: 1, code: 'TIER_PRICE_NOT_FALLING' }])
  })

  it('no tier may cost more than the list price', () => {
    expect(validateTiers(ladder, 1200)).toEqual([{ index: 0, code: 'TIER_PRICE_ABOVE_LIST' }])
  })

  it.each([
    [{ threshold: 0, unitPriceFen: 990 }, 'TIER_THRESHOLD_NOT_POSITIVE'],
    [{ threshold: 1.5, unitPriceFen: 990 }, 'TIER_THRESHOLD_NOT_POSITIVE'],
    [{ threshold: 1, unitPriceFen: 0 }, 'TIER_PRICE_NOT_POSITIVE'],
    [{ threshold: 1, unitPriceFen: -100 }, 'TIER_PRICE_NOT_POSITIVE'],
    [{ threshold: 1, unitPriceFen: 9.9 }, 'TIER_PRICE_NOT_POSITIVE'],
  ])('a single tier %p is refused: %p', (tier, code) => {
    expect(validateTiers([tier])).toEqual([{ index: 0, code }])
  })

  it('a ladder of more than ten tiers is refused', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => ({ threshold: i + 1, unitPriceFen: 2000 - i * 10 }))
    expect(validateTiers(eleven)).toEqual([{ index: -1, code: 'TIERS_TOO_MANY' }])
    expect(validateTiers(eleven.slice(0, 10))).toEqual([])
  })

  it('a bad price in one tier does not also blame the next tier', () => {
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 3, unitPriceFen: 0 },
        { threshold: 5, unitPriceFen: 880 },
      ]),
    ).toEqual([{ index: 1, code: 'TIER_PRICE_NOT_POSITIVE' }])
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 0, unitPriceFen: 990 },
        { threshold: 5, unitPriceFen: 880 },
      ]),
    ).toEqual([{ index: 1, code: 'TIER_THRESHOLD_NOT_POSITIVE' }])
  })

  it('a tier after a bad one is still held to the last good one', () => {
    expect(
      validateTiers([
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 3, unitPriceFen: 0 },
        { threshold: 5, unitPriceFen: 1300 },
      ]),
    ).toEqual([
      { index: 1, code: 'TIER_PRICE_NOT_POSITIVE' },
      { index: 2, code: 'TIER_PRICE_NOT_FALLING' },
    ])
  })

  it('every generated good ladder passes (property)', () => {
    fc.assert(
      fc.property(validLadder, (tiers) => {
        expect(validateTiers(tiers, tiers[0].unitPriceFen)).toEqual([])
      }),
    )
  })

  it('swapping two neighbouring tiers of a good ladder is always caught (property)', () => {
    fc.assert(
      fc.property(
        validLadder.filter((t) => t.length >= 2),
        fc.nat(),
        (tiers, k) => {
          const i = k % (tiers.length - 1)
          const swapped = [...tiers]
          ;[swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]]
          expect(validateTiers(swapped).length).toBeGreaterThan(0)
        },
      ),
    )
  })
})

describe('a shopper sees the current price and what unlocks the next one', () => {
  it.each([
    [0, 1280, { threshold: 3, unitPriceFen: 990, remaining: 3 }],
    [1, 1280, { threshold: 3, unitPriceFen: 990, remaining: 2 }],
    [2, 1280, { threshold: 3, unitPriceFen: 990, remaining: 1 }],
    [3, 990, { threshold: 5, unitPriceFen: 880, remaining: 2 }],
    [4, 990, { threshold: 5, unitPriceFen: 880, remaining: 1 }],
    [5, 880, null],
    [40, 880, null],
  ])('with %p counted the price is %p and the next tier is %p', (count, price, next) => {
    expect(priceAt(ladder, count)).toBe(price)
    expect(currentTier(ladder, count).unitPriceFen).toBe(price)
    expect(nextTier(ladder, count)).toEqual(next)
  })

  it('a one-tier ladder has no next tier, even before anyone joins', () => {
    const flat = [{ threshold: 1, unitPriceFen: 990 }]
    expect(nextTier(flat, 0)).toBeNull()
    expect(priceAt(flat, 0)).toBe(990)
  })

  it('the current tier is the highest one reached, and the next one is always cheaper and above the count (property)', () => {
    fc.assert(
      fc.property(validLadder, fc.integer({ min: 0, max: 300 }), (tiers, count) => {
        const cur = currentTier(tiers, count)
        expect(tiers).toContain(cur)
        const reached = tiers.filter((t) => t.threshold <= count)
        if (reached.length) expect(cur).toBe(reached[reached.length - 1])
        else expect(cur).toBe(tiers[0])
        const next = nextTier(tiers, count)
        if (next === null) {
          expect(cur).toBe(tiers[tiers.length - 1])
        } else {
          expect(next.unitPriceFen).toBeLessThan(cur.unitPriceFen)
          expect(next.remaining).toBeGreaterThan(0)
          expect(count + next.remaining).toBe(next.threshold)
          // reaching it really gives that price
          expect(priceAt(tiers, count + next.remaining)).toBe(next.unitPriceFen)
          // and one short of it does not
          expect(priceAt(tiers, count + next.remaining - 1)).toBe(cur.unitPriceFen)
        }
      }),
    )
  })

  it('the price never rises as more join (property)', () => {
    fc.assert(
      fc.property(validLadder, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (tiers, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        expect(priceAt(tiers, hi)).toBeLessThanOrEqual(priceAt(tiers, lo))
      }),
    )
  })
})

describe('what counts toward a tier', () => {
  const orders = [
    { userId: 'mei', quantity: 2 },
    { userId: 'lei', quantity: 1 },
    { userId: 'mei', quantity: 3 },
  ]

  it('people: distinct shoppers, however many orders or units each has', () => {
    expect(countToward('people', orders)).toBe(2)
    expect(countToward('people', [])).toBe(0)
  })

  it('units: the total quantity', () => {
    expect(countToward('units', orders)).toBe(6)
    expect(countToward('units', [])).toBe(0)
  })

  it('a newcomer adds one person; someone already in adds none; units add their quantity', () => {
    const totals = totalsOf(orders)
    expect(totals).toEqual({ people: 2, units: 6 })
    expect(totalsAfterJoin(totals, { heldBefore: 0, quantity: 4 })).toEqual({ people: 3, units: 10 })
    expect(totalsAfterJoin(totals, { heldBefore: 5, quantity: 4 })).toEqual({ people: 2, units: 10 })
    expect(tierCount('people', totals)).toBe(2)
    expect(tierCount('units', totals)).toBe(6)
  })

  it('running totals, joined one order at a time, count what a list of the orders counts (property)', () => {
    const order = fc.record({ userId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), quantity: fc.integer({ min: 1, max: 9 }) })
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), (os) => {
        const held = new Map<string, number>()
        let totals = { people: 0, units: 0 }
        for (const o of os) {
          totals = totalsAfterJoin(totals, { heldBefore: held.get(o.userId) ?? 0, quantity: o.quantity })
          held.set(o.userId, (held.get(o.userId) ?? 0) + o.quantity)
        }
        expect(totals).toEqual(totalsOf(os))
        expect(tierCount('people', totals)).toBe(countToward('people', os))
        expect(tierCount('units', totals)).toBe(countToward('units', os))
      }),
    )
  })

  it('people never exceed orders, units never fall below orders (property)', () => {
    const order = fc.record({ userId: fc.constantFrom('a', 'b', 'c', 'd', 'e'), quantity: fc.integer({ min: 1, max: 9 }) })
    fc.assert(
      fc.property(fc.array(order, { maxLength: 30 }), (os) => {
        const people = countToward('people', os)
        const units = countToward('units', os)
        expect(people).toBeLessThanOrEqual(os.length)
        expect(people).toBeLessThanOrEqual(5)
        expect(units).toBeGreaterThanOrEqual(os.length)
        expect(people).toBeLessThanOrEqual(units)
        // the order of orders does not matter
        expect(countToward('people', [...os].reverse())).toBe(people)
      }),
    )
  })

  it('by units, Mei’s two boxes leave one more box to unlock ¥9.90; by people, two more people', () => {
    const boxes = [{ userId: 'mei', quantity: 2 }]
    expect(nextTier(ladder, countToward('units', boxes))).toEqual({ threshold: 3, unitPriceFen: 990, remaining: 1 })
    expect(nextTier(ladder, countToward('people', boxes))).toEqual({ threshold: 3, unitPriceFen: 990, remaining: 2 })
  })

  it('a joiner pays the price with their own order counted', () => {
    const two = totalsOf([
      { userId: 'mei', quantity: 2 },
      { userId: 'lei', quantity: 1 },
    ])
    expect(priceOnJoin('people', ladder, { people: 0, units: 0 }, { heldBefore: 0, quantity: 1 })).toBe(1280)
    expect(priceOnJoin('people', ladder, two, { heldBefore: 0, quantity: 1 })).toBe(990) // the third person
    expect(priceOnJoin('people', ladder, two, { heldBefore: 2, quantity: 5 })).toBe(1280) // Mei again: still two people
    expect(priceOnJoin('units', ladder, two, { heldBefore: 2, quantity: 2 })).toBe(880) // 5 units
  })
})

describe('the tier progress bar', () => {
  it('runs from the last reached threshold to the next one, the first tier from nobody', () => {
    expect(tierProgress(1, ladder, nextTier(ladder, 1))).toBeCloseTo(1 / 3)
    expect(tierProgress(3, ladder, nextTier(ladder, 3))).toBe(0.04) // just reached ¥9.90: a sliver
    expect(tierProgress(4, ladder, nextTier(ladder, 4))).toBe(0.5)
    expect(tierProgress(5, ladder, nextTier(ladder, 5))).toBe(1) // the lowest price: full
  })
})
