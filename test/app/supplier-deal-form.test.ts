import { checkSupplierDealForm, emptySupplierDealForm, percentToBps } from '@/supplier/lib/deal-form'

const NOW = Date.parse('2026-11-26T02:00:00.000Z')

const filled = () => ({
  ...emptySupplierDealForm(NOW),
  name: '赣南脐橙',
  spec: '5斤/箱',
  listPrice: '29.90',
  tiers: [
    { threshold: '1', price: '12.80' },
    { threshold: '20', price: '9.90' },
  ],
})

describe("a supplier's deal form", () => {
  it("reads into the leader's terms without pickup points, plus the commission and the delivery day", () => {
    const { input, errors } = checkSupplierDealForm({ ...filled(), commission: '8.5' }, NOW)
    expect(errors).toEqual({})
    expect(input).toMatchObject({
      title: '赣南脐橙 5斤/箱',
      commissionBps: 850,
      deliveryDate: '2026-11-27',
      tiers: [
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 20, unitPriceFen: 990 },
      ],
    })
    expect(input).not.toHaveProperty('pickupPointIds')
  })

  it('says what is wrong with the commission and the delivery day in words', () => {
    const { input, errors } = checkSupplierDealForm({ ...filled(), commission: '35', deliveryDate: '2026-11-20' }, NOW)
    expect(input).toBeNull()
    expect(errors.commission).toBe('佣金请填 0 到 30 之间的数，最多两位小数')
    expect(errors.deliveryDate).toBe('送货日期不能早于截单那天')
  })

  it("keeps the leader form's own problems (a missing name) beside the supplier's", () => {
    const { errors } = checkSupplierDealForm({ ...filled(), name: '', commission: 'abc' }, NOW)
    expect(errors.name).toBeTruthy()
    expect(errors.commission).toBeTruthy()
    expect(errors).not.toHaveProperty('pickupPointIds')
  })

  it('reads percentages to whole basis points', () => {
    expect([percentToBps('10'), percentToBps('8.5'), percentToBps('0.25'), percentToBps('')]).toEqual([1000, 850, 25, NaN])
  })
})
