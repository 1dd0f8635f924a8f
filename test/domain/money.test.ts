import fc from 'fast-check'
import { assertFen, commissionFen, formatFen, parseYuan } from '@/domain'

describe('money is whole fen, shown as yuan', () => {
  it.each([
    [1280, '¥12.80'],
    [5, '¥0.05'],
    [50, '¥0.50'],
    [100, '¥1.00'],
    [0, '¥0.00'],
    [880, '¥8.80'],
    [123456789, '¥1234567.89'],
    [-50, '-¥0.50'],
    [-1280, '-¥12.80'],
    [-5, '-¥0.05'],
  ])('formatFen(%p) shows %p', (fen, shown) => {
    expect(formatFen(fen)).toBe(shown)
  })

  it.each([12.5, 0.1, NaN, Infinity, -Infinity, 2 ** 53])('refuses a non-integer or unsafe amount %p', (fen) => {
    expect(() => formatFen(fen)).toThrow(RangeError)
    expect(() => assertFen(fen)).toThrow(RangeError)
  })

  it('accepts every safe integer amount', () => {
    expect(() => assertFen(0)).not.toThrow()
    expect(() => assertFen(-Number.MAX_SAFE_INTEGER)).not.toThrow()
  })

  it.each([
    ['12.8', 1280],
    ['12.80', 1280],
    ['12', 1200],
    ['0.05', 5],
    ['0.5', 50],
    ['8.8', 880],
    [' 9.90 ', 990],
    ['0', 0],
    ['9999999.99', 999999999],
  ])('parseYuan(%p) is %p fen', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  it.each(['-1', '1.234', 'abc', '', ' ', '12.', '.5', '1,000', '¥12.80', '1e3', '12.8.1', '+1', '12 .8', '10000000'])(
    'parseYuan(%p) refuses it',
    (text) => {
      expect(parseYuan(text)).toBeNull()
    },
  )

  it('reads back whatever it shows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (fen) => {
        expect(parseYuan(formatFen(fen).slice(1))).toBe(fen)
      }),
    )
  })

  it('always shows exactly two decimals after the yuan sign (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        expect(formatFen(fen)).toMatch(/^-?¥\d+\.\d{2}$/)
      }),
    )
  })

  describe('a leader’s commission', () => {
    it.each([
      [10_000, 500, 500], // 5% of ¥100
      [999, 500, 49], // 49.95 rounds down
      [1, 9_999, 0],
      [12_345, 1_000, 1_234],
      [0, 800, 0],
      [88_000, 0, 0],
      [88_000, 10_000, 88_000],
    ])('on %p fen at %p bps is %p fen', (value, bps, fen) => {
      expect(commissionFen(value, bps)).toBe(fen)
    })

    it('refuses a non-integer value', () => {
      expect(() => commissionFen(12.5, 500)).toThrow(RangeError)
    })

    it('is whole fen, never more than the exact share, and short of it by under a fen (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (value, bps) => {
          const c = commissionFen(value, bps)
          expect(Number.isSafeInteger(c)).toBe(true)
          expect(c * 10_000).toBeLessThanOrEqual(value * bps)
          expect((c + 1) * 10_000).toBeGreaterThan(value * bps)
        }),
      )
    })
  })
})
