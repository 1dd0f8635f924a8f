import type { SupplierDealInput } from '../../types/api'
import { validateDealInput, validateDealTerms, validateSupplierDealInput } from '../../src/domain'

const now = '2026-11-26T02:00:00.000Z'
const input = (over: Partial<SupplierDealInput> = {}): SupplierDealInput => ({
  title: '山前水蜜桃',
  product: { name: '水蜜桃', spec: '6个装' },
  listPriceFen: 6800,
  tierBasis: 'people',
  tiers: [
    { threshold: 1, unitPriceFen: 5800 },
    { threshold: 5, unitPriceFen: 4980 },
  ],
  minToSucceed: 5,
  stockUnits: 200,
  perUserLimit: 4,
  // 23:00 Shanghai on the 26th
  cutoffAt: '2026-11-26T15:00:00.000Z',
  pickupStart: '2026-11-27T07:00:00.000Z',
  pickupEnd: '2026-11-27T12:00:00.000Z',
  commissionBps: 1200,
  deliveryDate: '2026-11-27',
  ...over,
})
const codes = (over: Partial<SupplierDealInput>) => validateSupplierDealInput(input(over), now).map((p) => p.code)

describe("a supplier deal's input", () => {
  it('is the leader rules on the terms, without pickup points', () => {
    expect(codes({})).toEqual([])
    expect(codes({ tiers: [{ threshold: 1, unitPriceFen: 9000 }] })).toEqual(['INVALID_TIERS'])
    expect(codes({ cutoffAt: '2026-11-26T01:00:00.000Z' })).toEqual(['CUTOFF_IN_PAST'])
    // the very same problems as a leader's deal with points
    const terms = { ...input({ minToSucceed: 300 }) }
    expect(validateDealTerms(terms, now)).toEqual(validateDealInput({ ...terms, pickupPointIds: ['p'] }, now))
    expect(validateDealInput({ ...terms, pickupPointIds: [] }, now).map((p) => p.code)).toContain('NO_PICKUP_POINTS')
  })

  it('offers 0 to 30% in whole basis points', () => {
    expect(codes({ commissionBps: 0 })).toEqual([])
    expect(codes({ commissionBps: 3000 })).toEqual([])
    expect(codes({ commissionBps: 3001 })).toEqual(['COMMISSION_INVALID'])
    expect(codes({ commissionBps: -1 })).toEqual(['COMMISSION_INVALID'])
    expect(codes({ commissionBps: 12.5 })).toEqual(['COMMISSION_INVALID'])
  })

  it('delivers on or after the Shanghai day of the cutoff, on a real date', () => {
    // the cutoff is 23:00 on the 26th in Shanghai (15:00 UTC): the 26th itself is fine, the 25th is not
    expect(codes({ deliveryDate: '2026-11-26' })).toEqual([])
    expect(codes({ deliveryDate: '2026-11-25' })).toEqual(['DELIVERY_BEFORE_CUTOFF'])
    // 00:30 on the 27th in Shanghai is still the 26th in UTC: the Shanghai day counts
    expect(codes({ cutoffAt: '2026-11-26T16:30:00.000Z', pickupStart: '2026-11-27T07:00:00.000Z', deliveryDate: '2026-11-26' })).toEqual([
      'DELIVERY_BEFORE_CUTOFF',
    ])
    expect(codes({ deliveryDate: '2026-02-30' })).toEqual(['DELIVERY_DATE_UNREADABLE'])
    expect(codes({ deliveryDate: 'tomorrow' })).toEqual(['DELIVERY_DATE_UNREADABLE'])
  })
})
