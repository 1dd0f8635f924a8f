import fc from 'fast-check'
import { JoinRefusal, admitJoin, checkJoin, dealPath, maxJoinQuantity, stockLeft, type JoinCheck } from '@/domain'

// 20 boxes of strawberries, at most 3 per household
const base: JoinCheck = { quantity: 1, stockUnits: 20, activeUnits: 0, perUserLimit: 3, userActiveUnits: 0 }

describe('can a shopper join with this many?', () => {
  it.each<[string, Partial<JoinCheck>, JoinRefusal | null]>([
    ['one box of a fresh deal', {}, null],
    ['the last box', { activeUnits: 19 }, null],
    ['the last two boxes exactly', { activeUnits: 18, quantity: 2 }, null],
    ['up to the household limit', { quantity: 3 }, null],
    ['topping up to the limit', { userActiveUnits: 2, quantity: 1 }, null],
    ['when all are held', { activeUnits: 20 }, JoinRefusal.soldOut],
    ['when more than all are held (stock was lowered)', { activeUnits: 25 }, JoinRefusal.soldOut],
    ['two when one is left', { activeUnits: 19, quantity: 2 }, JoinRefusal.notEnoughStock],
    ['four with a limit of three', { quantity: 4 }, JoinRefusal.overLimit],
    ['one more after reaching the limit', { userActiveUnits: 3 }, JoinRefusal.overLimit],
    ['zero', { quantity: 0 }, JoinRefusal.badQuantity],
    ['minus one', { quantity: -1 }, JoinRefusal.badQuantity],
    ['one and a half', { quantity: 1.5 }, JoinRefusal.badQuantity],
    ['NaN', { quantity: NaN }, JoinRefusal.badQuantity],
    ['Infinity', { quantity: Infinity }, JoinRefusal.badQuantity],
    ['a bad quantity even when sold out', { quantity: 0, activeUnits: 20 }, JoinRefusal.badQuantity],
    ['sold out is said before over the limit', { activeUnits: 20, userActiveUnits: 3 }, JoinRefusal.soldOut],
    ['any amount with no stock cap and no limit', { quantity: 500, stockUnits: null, perUserLimit: null }, null],
    ['no stock cap but a limit', { quantity: 4, stockUnits: null }, JoinRefusal.overLimit],
    ['no limit but a stock cap', { quantity: 21, perUserLimit: null }, JoinRefusal.notEnoughStock],
  ])('%s', (_story, change, refusal) => {
    expect(checkJoin({ ...base, ...change })).toBe(refusal)
  })

  it('refusal codes are the API error codes', () => {
    expect(JoinRefusal).toEqual({
      badQuantity: 'BAD_QUANTITY',
      soldOut: 'SOLD_OUT',
      notEnoughStock: 'NOT_ENOUGH_STOCK',
      overLimit: 'OVER_LIMIT',
    })
  })
})

describe('the quantity stepper', () => {
  it.each<[string, Partial<JoinCheck>, number]>([
    ['the limit when stock is plenty', {}, 3],
    ['what is left of the limit', { userActiveUnits: 2 }, 1],
    ['what is left in stock', { activeUnits: 18 }, 2],
    ['zero when sold out', { activeUnits: 20 }, 0],
    ['zero, never negative, when oversold', { activeUnits: 25 }, 0],
    ['zero, never negative, over the limit', { userActiveUnits: 5 }, 0],
    ['the stock with no limit', { perUserLimit: null, activeUnits: 5 }, 15],
    ['unbounded with neither', { stockUnits: null, perUserLimit: null }, Number.MAX_SAFE_INTEGER],
  ])('allows %s', (_story, change, max) => {
    const { quantity: _q, ...rest } = { ...base, ...change }
    expect(maxJoinQuantity(rest)).toBe(max)
  })
})

const situation = fc.record({
  stockUnits: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  activeUnits: fc.integer({ min: 0, max: 70 }),
  perUserLimit: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
  userActiveUnits: fc.integer({ min: 0, max: 12 }),
})

describe('stock and limits always hold (properties)', () => {
  it('any quantity accepted keeps the deal within stock and the shopper within the limit', () => {
    fc.assert(
      fc.property(situation, fc.integer({ min: -3, max: 80 }), (s, quantity) => {
        if (checkJoin({ ...s, quantity }) !== null) return
        expect(quantity).toBeGreaterThanOrEqual(1)
        if (s.stockUnits !== null) expect(s.activeUnits + quantity).toBeLessThanOrEqual(s.stockUnits)
        if (s.perUserLimit !== null) expect(s.userActiveUnits + quantity).toBeLessThanOrEqual(s.perUserLimit)
      }),
    )
  })

  it('the stepper maximum is exactly the largest accepted quantity', () => {
    fc.assert(
      fc.property(situation, (s) => {
        const max = maxJoinQuantity(s)
        for (let q = 1; q <= Math.min(max, 80); q++) expect(checkJoin({ ...s, quantity: q })).toBeNull()
        if (max < Number.MAX_SAFE_INTEGER) expect(checkJoin({ ...s, quantity: max + 1 })).not.toBeNull()
        if (max === 0) expect(checkJoin({ ...s, quantity: 1 })).not.toBeNull()
      }),
    )
  })

  it('however many joins arrive one after another, the totals never exceed stock or limits', () => {
    const join = fc.record({ user: fc.integer({ min: 0, max: 4 }), quantity: fc.integer({ min: 1, max: 6 }) })
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
        fc.array(join, { maxLength: 40 }),
        (stockUnits, perUserLimit, joins) => {
          let active = 0
          const mine = [0, 0, 0, 0, 0]
          for (const j of joins) {
            const refusal = checkJoin({ quantity: j.quantity, stockUnits, activeUnits: active, perUserLimit, userActiveUnits: mine[j.user] })
            if (refusal === null) {
              active += j.quantity
              mine[j.user] += j.quantity
            }
          }
          expect(active).toBeLessThanOrEqual(stockUnits)
          if (perUserLimit !== null) for (const m of mine) expect(m).toBeLessThanOrEqual(perUserLimit)
        },
      ),
    )
  })
})

describe('stock left', () => {
  it('is the stock less what active orders hold, never below 0; null without a cap', () => {
    expect(stockLeft(20, 0)).toBe(20)
    expect(stockLeft(20, 17)).toBe(3)
    expect(stockLeft(20, 25)).toBe(0)
    expect(stockLeft(null, 25)).toBeNull()
  })
})

describe('one join, as the join queue decides it', () => {
  const deal = {
    tierBasis: 'people' as const,
    tiers: [
      { threshold: 1, unitPriceFen: 1280 },
      { threshold: 3, unitPriceFen: 990 },
    ],
    stockUnits: 10,
    perUserLimit: 3,
  }

  it('the third person pays ¥9.90 and the deal counts her and her boxes', () => {
    expect(admitJoin(deal, { people: 2, units: 4 }, { heldBefore: 0, quantity: 2 })).toEqual({
      unitPriceFen: 990,
      totals: { people: 3, units: 6 },
    })
  })

  it('refuses what stock or the limit refuses, and prices nothing', () => {
    expect(admitJoin(deal, { people: 2, units: 9 }, { heldBefore: 0, quantity: 2 })).toEqual({ refusal: JoinRefusal.notEnoughStock })
    expect(admitJoin(deal, { people: 2, units: 4 }, { heldBefore: 2, quantity: 2 })).toEqual({ refusal: JoinRefusal.overLimit })
  })

  it('admits exactly what checkJoin allows, and never sells past the stock (property)', () => {
    fc.assert(
      fc.property(fc.nat(12), fc.nat(4), fc.integer({ min: -1, max: 5 }), (units, heldBefore, quantity) => {
        const decision = admitJoin(deal, { people: 3, units }, { heldBefore, quantity })
        const refusal = checkJoin({ quantity, stockUnits: 10, activeUnits: units, perUserLimit: 3, userActiveUnits: heldBefore })
        if (refusal) expect(decision).toEqual({ refusal })
        else if ('totals' in decision) expect(decision.totals.units).toBeLessThanOrEqual(10)
        else throw new Error('refused what checkJoin allows')
      }),
    )
  })
})

describe('the invite path', () => {
  it('opens the deal page, with the sharer’s code when there is one', () => {
    expect(dealPath('d 1', 'AB12')).toBe('/pages/deal/index?id=d%201&invite=AB12')
    expect(dealPath('d1', null)).toBe('/pages/deal/index?id=d1')
  })
})
