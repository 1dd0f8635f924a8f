import fc from 'fast-check'
import { allocateShortage, keptFen, type ShortageOrder } from '@/domain/shortage'

const order = (i: number) =>
  fc
    .record({
      quantity: fc.integer({ min: 1, max: 6 }),
      unitPriceFen: fc.integer({ min: 1, max: 5000 }),
      // paid at the join price (at least the final one); refunded some already (a price difference, after-sales...)
      overpaidFen: fc.integer({ min: 0, max: 2000 }),
      refundedFen: fc.integer({ min: 0, max: 40000 }),
      minute: fc.integer({ min: 0, max: 50 }),
    })
    .map(({ quantity, unitPriceFen, overpaidFen, refundedFen, minute }): ShortageOrder => {
      const paidFen = quantity * unitPriceFen + overpaidFen * quantity
      return {
        id: `o${i}`,
        quantity,
        unitPriceFen,
        paidFen,
        refundFen: Math.min(paidFen, refundedFen),
        createdAt: new Date(Date.UTC(2026, 11, 3, 10, minute)).toISOString(),
      }
    })

const orders = fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => order(i))))
const withShortage = orders.chain((os) => {
  const total = os.reduce((s, o) => s + o.quantity, 0)
  return fc.tuple(fc.constant(os), fc.integer({ min: 0, max: total }))
})

describe('allocateShortage: the last to join is the first to lose', () => {
  it('the units lost add up to the shortage, never more than an order bought', () => {
    fc.assert(
      fc.property(withShortage, ([os, short]) => {
        const { losses, unallocatedUnits } = allocateShortage(os, short)
        expect(unallocatedUnits).toBe(0)
        expect(losses.reduce((s, l) => s + l.units, 0)).toBe(short)
        for (const l of losses) {
          const o = os.find((x) => x.id === l.orderId)!
          expect(l.units).toBeGreaterThan(0)
          expect(l.units).toBeLessThanOrEqual(o.quantity)
          expect(l.wholeOrder).toBe(l.units === o.quantity)
        }
        expect(new Set(losses.map((l) => l.orderId)).size).toBe(losses.length)
      }),
    )
  })

  it('refunds the final unit price a unit lost, never more than the order kept paying', () => {
    fc.assert(
      fc.property(withShortage, ([os, short]) => {
        const { losses, refundFen } = allocateShortage(os, short)
        for (const l of losses) {
          const o = os.find((x) => x.id === l.orderId)!
          expect(l.refundFen).toBe(Math.min(l.units * o.unitPriceFen, o.paidFen - o.refundFen))
          expect(l.refundFen).toBeGreaterThanOrEqual(0)
          expect(l.refundFen + o.refundFen).toBeLessThanOrEqual(o.paidFen)
        }
        expect(refundFen).toBe(losses.reduce((s, l) => s + l.refundFen, 0))
      }),
    )
  })

  it('takes the newest orders first: an older order loses only once every newer one lost all it had', () => {
    fc.assert(
      fc.property(withShortage, ([os, short]) => {
        const { losses } = allocateShortage(os, short)
        const lost = new Map(losses.map((l) => [l.orderId, l.units]))
        const newer = (a: ShortageOrder, b: ShortageOrder) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)
        for (const o of os) if (lost.has(o.id)) for (const n of os) if (newer(n, o)) expect(lost.get(n.id)).toBe(n.quantity)
      }),
    )
  })

  it('is deterministic, whatever order the orders are given in', () => {
    fc.assert(
      fc.property(
        withShortage.chain(([os, short]) =>
          fc.tuple(fc.constant(os), fc.constant(short), fc.shuffledSubarray(os, { minLength: os.length, maxLength: os.length })),
        ),
        ([os, short, shuffled]) => expect(allocateShortage(shuffled, short)).toEqual(allocateShortage(os, short)),
      ),
    )
  })

  it('says what is short beyond every order, and refuses a count that is not one', () => {
    const os: ShortageOrder[] = [{ id: 'a', quantity: 2, unitPriceFen: 500, paidFen: 1000, refundFen: 0, createdAt: '2026-12-03T10:00:00.000Z' }]
    expect(allocateShortage(os, 5)).toEqual({
      losses: [{ orderId: 'a', units: 2, refundFen: 1000, wholeOrder: true }],
      unallocatedUnits: 3,
      refundFen: 1000,
    })
    expect(allocateShortage(os, 0)).toEqual({ losses: [], unallocatedUnits: 0, refundFen: 0 })
    expect(() => allocateShortage(os, -1)).toThrow(RangeError)
    expect(() => allocateShortage(os, 1.5)).toThrow(RangeError)
  })

  it('a shortage of 2 at a point of three shoppers: the two who joined last lose one each', () => {
    const at = (m: number) => `2026-12-03T10:0${m}:00.000Z`
    const os: ShortageOrder[] = [
      { id: 'first', quantity: 2, unitPriceFen: 990, paidFen: 2200, refundFen: 220, createdAt: at(1) },
      { id: 'second', quantity: 1, unitPriceFen: 990, paidFen: 1100, refundFen: 110, createdAt: at(2) },
      { id: 'third', quantity: 1, unitPriceFen: 990, paidFen: 1100, refundFen: 110, createdAt: at(3) },
    ]
    expect(allocateShortage(os, 2).losses).toEqual([
      { orderId: 'third', units: 1, refundFen: 990, wholeOrder: true },
      { orderId: 'second', units: 1, refundFen: 990, wholeOrder: true },
    ])
    expect(keptFen({ paidFen: 100, refundFen: 150 })).toBe(0)
  })
})
