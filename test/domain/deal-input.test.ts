import fc from 'fast-check'
import type { DealInput } from '../../types/api'
import { checkJoin, DealInputCode, validateDealInput, type DealInputField } from '@/domain'

const now = '2026-11-26T04:00:00.000Z' // noon in Shanghai

// strawberries: cutoff tonight 20:00, pickup tomorrow 9-18 (Shanghai)
const good: DealInput = {
  title: '丹东草莓',
  product: { name: '丹东草莓', spec: '500g/盒' },
  listPriceFen: 1580,
  tierBasis: 'people',
  tiers: [
    { threshold: 1, unitPriceFen: 1280 },
    { threshold: 3, unitPriceFen: 990 },
  ],
  minToSucceed: 2,
  stockUnits: 50,
  perUserLimit: 3,
  cutoffAt: '2026-11-26T12:00:00.000Z',
  pickupStart: '2026-11-27T01:00:00.000Z',
  pickupEnd: '2026-11-27T10:00:00.000Z',
  pickupPointIds: ['pp-1'],
}

const problems = (change: Partial<DealInput>) =>
  validateDealInput({ ...good, ...change }, now).map((p) => [p.field, p.code] as [DealInputField, string])

describe('a leader writes a deal', () => {
  it('a good deal has no problems', () => {
    expect(validateDealInput(good, now)).toEqual([])
    expect(validateDealInput({ ...good, stockUnits: null, perUserLimit: undefined }, now)).toEqual([])
  })

  it.each<[string, Partial<DealInput>, DealInputField, string]>([
    ['no product name', { product: { name: '  ', spec: '500g/盒' } }, 'name', DealInputCode.nameMissing],
    ['no spec', { product: { name: '草莓', spec: '' } }, 'spec', DealInputCode.specMissing],
    ['a list price of 0', { listPriceFen: 0 }, 'listPriceFen', DealInputCode.listPriceInvalid],
    ['a list price in yuan with fen', { listPriceFen: 15.8 }, 'listPriceFen', DealInputCode.listPriceInvalid],
    ['a tier above the list price', { listPriceFen: 1000 }, 'tiers', DealInputCode.tiersInvalid],
    ['a minimum of 0', { minToSucceed: 0 }, 'minToSucceed', DealInputCode.minNotPositive],
    ['a stock of 0', { stockUnits: 0 }, 'stockUnits', DealInputCode.stockNotPositive],
    ['a limit of -1', { perUserLimit: -1 }, 'perUserLimit', DealInputCode.limitNotPositive],
    ['more units needed than in stock', { tierBasis: 'units', minToSucceed: 60 }, 'minToSucceed', DealInputCode.minAboveStock],
    ['an unreadable cutoff', { cutoffAt: 'tomorrow' }, 'cutoffAt', DealInputCode.timeUnreadable],
    ['a cutoff now', { cutoffAt: now }, 'cutoffAt', DealInputCode.cutoffInPast],
    ['pickup before the cutoff', { pickupStart: '2026-11-26T11:00:00.000Z' }, 'pickupStart', DealInputCode.pickupBeforeCutoff],
    ['pickup ending as it starts', { pickupEnd: '2026-11-27T01:00:00.000Z' }, 'pickupEnd', DealInputCode.pickupEndNotAfterStart],
    ['no pickup point', { pickupPointIds: [] }, 'pickupPointIds', DealInputCode.noPickupPoints],
  ])('%s is refused', (_story, change, field, code) => {
    expect(problems(change)).toEqual([[field, code]])
  })

  it('by people, a minimum the stock cannot seat is refused: everyone buys at least one', () => {
    // stock 2, one each, 3 people needed: it could never succeed
    expect(problems({ tierBasis: 'people', stockUnits: 2, perUserLimit: 1, minToSucceed: 3 })).toEqual([
      ['minToSucceed', DealInputCode.minPeopleAboveStock],
    ])
    expect(problems({ tierBasis: 'people', minToSucceed: 60 })).toEqual([['minToSucceed', DealInputCode.minPeopleAboveStock]])
    // exactly as many units as people is just enough; no stock cap, any minimum
    expect(problems({ tierBasis: 'people', stockUnits: 3, perUserLimit: 1, minToSucceed: 3 })).toEqual([])
    expect(problems({ tierBasis: 'people', stockUnits: null, minToSucceed: 500 })).toEqual([])
  })

  it('by units, the limit does not matter: many neighbours each buy up to it', () => {
    expect(problems({ tierBasis: 'units', stockUnits: 10, perUserLimit: 1, minToSucceed: 10 })).toEqual([])
    expect(problems({ tierBasis: 'units', stockUnits: 2, perUserLimit: 1, minToSucceed: 3 })).toEqual([['minToSucceed', DealInputCode.minAboveStock]])
  })

  it('a deal that passes can reach its minimum within its stock and limits; one refused for it cannot (property)', () => {
    /** Neighbours join one after another through checkJoin, each taking what the rules let them, until the minimum is met or nobody can. */
    function bestCount(basis: 'people' | 'units', min: number, stock: number | null, limit: number | null): number {
      let activeUnits = 0
      let people = 0
      // more shoppers than the minimum could ever need
      for (let shopper = 0; shopper < min + 1; shopper++) {
        const counted = basis === 'people' ? people : activeUnits
        if (counted >= min) break
        // by people one unit each seats the most people; by units, as many as allowed
        let quantity = basis === 'people' ? 1 : Math.min(limit ?? min, min - activeUnits, stock === null ? min : stock - activeUnits)
        if (quantity < 1) quantity = 1
        if (checkJoin({ quantity, stockUnits: stock, activeUnits, perUserLimit: limit, userActiveUnits: 0 }) !== null) break
        activeUnits += quantity
        people += 1
      }
      return basis === 'people' ? people : activeUnits
    }
    fc.assert(
      fc.property(
        fc.constantFrom('people' as const, 'units' as const),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
        (tierBasis, minToSucceed, stockUnits, perUserLimit) => {
          const refused = validateDealInput({ ...good, tierBasis, minToSucceed, stockUnits, perUserLimit }, now).some(
            (p) => p.field === 'minToSucceed',
          )
          const reached = bestCount(tierBasis, minToSucceed, stockUnits, perUserLimit) >= minToSucceed
          expect({ refused, reached }).toEqual({ refused: !reached, reached })
        },
      ),
      { numRuns: 500 },
    )
  })

  it('says which tier is wrong, as codes', () => {
    const [p] = validateDealInput({ ...good, tiers: [{ threshold: 2, unitPriceFen: 990 }] }, now)
    expect(p).toEqual({ field: 'tiers', code: 'INVALID_TIERS', tiers: [{ index: 0, code: 'TIER_FIRST_NOT_ONE' }] })
  })

  it('gives at most one problem per field, in the order of the form (property)', () => {
    const order: DealInputField[] = [
      'name',
      'spec',
      'listPriceFen',
      'tiers',
      'minToSucceed',
      'stockUnits',
      'perUserLimit',
      'cutoffAt',
      'pickupStart',
      'pickupEnd',
      'pickupPointIds',
    ]
    const anyNumber = fc.oneof(fc.integer({ min: -5, max: 100 }), fc.constant(NaN), fc.double({ min: 0, max: 10, noNaN: true }))
    fc.assert(
      fc.property(
        anyNumber,
        anyNumber,
        fc.option(anyNumber),
        fc.option(anyNumber),
        fc.integer({ min: -48, max: 48 }),
        (list, min, stock, limit, hours) => {
          const found = validateDealInput(
            {
              ...good,
              listPriceFen: list,
              minToSucceed: min,
              stockUnits: stock,
              perUserLimit: limit,
              cutoffAt: new Date(Date.parse(now) + hours * 3_600_000).toISOString(),
            },
            now,
          ).map((p) => p.field)
          expect(new Set(found).size).toBe(found.length)
          expect([...found].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(found)
        },
      ),
    )
  })
})
