import fc from 'fast-check'
import { commissionFen } from '@/domain'
import { availableAfterHold, commissionReversalFen, orderCommissionFen, supplierUnitPriceFen, walletBalance } from '@/domain/ledger'

const fen = fc.integer({ min: 0, max: 10_000_000 })
const bps = fc.integer({ min: 0, max: 10_000 })

describe('what a supplier gets a unit', () => {
  it.each([
    // ¥10.00 less 10% commission and 5% fee
    [1000, 1000, 500, 850],
    // rounding to the nearest fen: 999 × 10% = 99.9 -> 100; × 5% = 49.95 -> 50
    [999, 1000, 500, 849],
    [1, 1000, 500, 1],
    [0, 1000, 500, 0],
    // commission and fee above the price: never below 0
    [1000, 6000, 5000, 0],
  ])('final %p fen at %p bps commission and %p bps fee -> %p fen', (price, c, f, expected) => {
    expect(supplierUnitPriceFen(price, c, f)).toBe(expected)
  })

  it('is the price less commission and fee, between 0 and the price', () => {
    fc.assert(
      fc.property(fen, bps, bps, (price, c, f) => {
        const unit = supplierUnitPriceFen(price, c, f)
        expect(Number.isInteger(unit)).toBe(true)
        expect(unit).toBeGreaterThanOrEqual(0)
        expect(unit).toBeLessThanOrEqual(price)
        if (c + f <= 10_000) expect(Math.abs(price - unit - (price * (c + f)) / 10_000)).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('a higher commission never gives the supplier more', () => {
    fc.assert(
      fc.property(fen, bps, bps, bps, (price, c1, c2, f) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1]
        expect(supplierUnitPriceFen(price, hi, f)).toBeLessThanOrEqual(supplierUnitPriceFen(price, lo, f))
      }),
    )
  })
})

describe('commission taken back by a refund', () => {
  it('takes back exactly commission before less commission after', () => {
    // ¥30 kept, 10%: ¥3.00; a ¥10 refund leaves ¥20: ¥2.00 -> 100 fen back
    expect(commissionReversalFen(3000, 2000, 1000)).toBe(100)
    // 999 at 10% = 99 (rounded down); 0 left: all 99 back
    expect(commissionReversalFen(999, 0, 1000)).toBe(99)
    expect(commissionReversalFen(1000, 1000, 1000)).toBe(0)
  })

  it('over any sequence of refunds, the commission posted less every reversal is the commission on what is finally kept', () => {
    fc.assert(
      fc.property(fen, bps, fc.array(fc.integer({ min: 1, max: 2_000_000 }), { maxLength: 8 }), (paid, rate, refunds) => {
        let kept = paid
        let net = commissionFen(paid, rate)
        let refunded = 0
        for (const r of refunds) {
          const amount = Math.min(r, kept)
          const back = commissionReversalFen(kept, kept - amount, rate)
          expect(back).toBeGreaterThanOrEqual(0)
          net -= back
          kept -= amount
          refunded += amount
          expect(net).toBeGreaterThanOrEqual(0)
        }
        expect(net).toBe(orderCommissionFen(paid, refunded, rate))
      }),
    )
  })
})

describe('a wallet: held and withdrawable', () => {
  const now = '2026-12-10T00:00:00.000Z'

  it('holds credits until available_at; debits count at once', () => {
    const b = walletBalance(
      [
        { amountFen: 500, availableAt: '2026-12-09T00:00:00.000Z' },
        { amountFen: 300, availableAt: '2026-12-11T00:00:00.000Z' },
        { amountFen: -100, availableAt: null },
      ],
      now,
    )
    expect(b).toEqual({ balanceFen: 700, pendingFen: 300, withdrawableFen: 400 })
  })

  it('available exactly now is withdrawable', () => {
    expect(walletBalance([{ amountFen: 200, availableAt: now }], now).withdrawableFen).toBe(200)
  })

  it('commission picked up 7 days ago is withdrawable, 6 days ago still held', () => {
    const t7 = availableAfterHold('2026-12-03T00:00:00.000Z', 7)
    const t6 = availableAfterHold('2026-12-04T00:00:00.000Z', 7)
    const b = walletBalance(
      [
        { amountFen: 100, availableAt: t7 },
        { amountFen: 50, availableAt: t6 },
      ],
      now,
    )
    expect(b).toEqual({ balanceFen: 150, pendingFen: 50, withdrawableFen: 100 })
  })

  it('balance = pending + withdrawable; pending is the sum of credits still ahead; time only releases', () => {
    const day = 86_400_000
    const base = Date.parse(now)
    const entry = fc.record({
      amountFen: fc.integer({ min: -100_000, max: 100_000 }),
      availableAt: fc.option(fc.integer({ min: -10, max: 10 }).map((d) => new Date(base + d * day).toISOString())),
    })
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), fc.integer({ min: 0, max: 20 }), (entries, later) => {
        const b = walletBalance(entries, now)
        expect(b.balanceFen).toBe(entries.reduce((s, e) => s + e.amountFen, 0))
        expect(b.pendingFen + b.withdrawableFen).toBe(b.balanceFen)
        expect(b.pendingFen).toBeGreaterThanOrEqual(0)
        const after = walletBalance(entries, new Date(base + later * day))
        expect(after.balanceFen).toBe(b.balanceFen)
        expect(after.pendingFen).toBeLessThanOrEqual(b.pendingFen)
        expect(after.withdrawableFen).toBeGreaterThanOrEqual(b.withdrawableFen)
      }),
    )
  })
})
