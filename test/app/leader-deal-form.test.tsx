import { checkDealForm, emptyDealForm, type DealForm } from '@/leader/lib/deal-form'
import { useLocale } from '@/i18n'
import { pickingCsv } from '@/leader/lib/picking-csv'
import { imageHeight, paint, pickingLines } from '@/leader/lib/picking-image'

const NOW = Date.parse('2026-11-26T02:00:00.000Z') // 10:00 in Shanghai

function filled(over: Partial<DealForm> = {}): DealForm {
  return {
    ...emptyDealForm(NOW, ['pp-a']),
    name: '赣南脐橙',
    spec: '5斤/箱',
    listPrice: '39.9',
    tiers: [
      { threshold: '1', price: '29.90' },
      { threshold: '5', price: '25.9' },
    ],
    minToSucceed: '3',
    ...over,
  }
}

describe("the leader's deal form", () => {
  it('defaults to a cutoff tonight at 20:00 and pickup the next day 09:00-18:00 (Shanghai)', () => {
    const form = emptyDealForm(NOW, ['pp-a', 'pp-b'])
    expect(form.cutoff).toEqual({ date: '2026-11-26', time: '20:00' })
    expect(form.pickupStart).toEqual({ date: '2026-11-27', time: '09:00' })
    expect(form.pickupEnd).toEqual({ date: '2026-11-27', time: '18:00' })
    expect(form.pickupPointIds).toEqual(['pp-a'])
  })

  it('turns typed yuan into fen and Shanghai times into UTC instants for the server', () => {
    const { input, errors } = checkDealForm(filled({ stock: '50', perUserLimit: '' }), NOW)
    expect(errors).toEqual({})
    expect(input).toMatchObject({
      title: '赣南脐橙 5斤/箱',
      listPriceFen: 3990,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 2990 },
        { threshold: 5, unitPriceFen: 2590 },
      ],
      minToSucceed: 3,
      stockUnits: 50,
      perUserLimit: null,
      cutoffAt: '2026-11-26T12:00:00.000Z',
      pickupStart: '2026-11-27T01:00:00.000Z',
      pickupEnd: '2026-11-27T10:00:00.000Z',
      pickupPointIds: ['pp-a'],
    })
  })

  it('says what is wrong next to each field and sends nothing', () => {
    const { input, errors } = checkDealForm(
      filled({
        name: ' ',
        listPrice: '12.345',
        minToSucceed: '0',
        stock: '-1',
        cutoff: { date: '2026-11-26', time: '09:00' },
        pickupPointIds: [],
      }),
      NOW,
    )
    expect(input).toBeNull()
    expect(errors).toMatchObject({
      name: '请填写商品名称',
      listPrice: '请填写原价，如 29.90',
      minToSucceed: '成团数须为正整数',
      stock: '库存须为正整数，不限请留空',
      cutoff: '截单时间须晚于现在',
      pickupPointIds: '至少选择一个自提点',
    })
  })

  it('refuses a pickup window that starts before the cutoff', () => {
    const { errors } = checkDealForm(filled({ pickupStart: { date: '2026-11-26', time: '19:00' } }), NOW)
    expect(errors.pickupStart).toBe('提货须在截单之后')
  })

  it('refuses, like the server, a units deal that needs more than its stock, and a pickup that ends as it starts', () => {
    const { input, errors } = checkDealForm(
      filled({ basis: 'units', stock: '10', minToSucceed: '11', pickupEnd: { date: '2026-11-27', time: '09:00' } }),
      NOW,
    )
    expect(input).toBeNull()
    expect(errors).toEqual({ minToSucceed: '成团件数不能超过库存', pickupEnd: '提货结束须晚于开始' })
  })

  it('words the problems in English for an English-speaking leader', () => {
    useLocale.getState().setLocale('en')
    try {
      const { errors } = checkDealForm(filled({ spec: '', perUserLimit: '0', tiers: [{ threshold: '1', price: '' }] }), NOW)
      expect(errors).toEqual({
        spec: 'Enter the pack size, e.g. 500g/box',
        tiers: 'The price tiers need fixing, see above',
        perUserLimit: 'The limit must be a whole number above 0; leave it empty for no limit',
      })
    } finally {
      useLocale.getState().reset()
    }
  })
})

describe('the picking list as CSV', () => {
  it('has the totals and the shoppers per point, readable by Excel, with formulas defused', () => {
    const csv = pickingCsv({
      date: '2026-11-27',
      pickupPoints: [
        {
          pickupPoint: { id: 'pp-a', name: '幸福里便利店', address: '幸福路12号' },
          products: [{ dealId: 'd1', title: '赣南脐橙', name: '赣南脐橙', spec: '5斤/箱, 大果', quantity: 6, pickedUpQuantity: 2 }],
          shoppers: [
            { orderId: 'o1', shopper: '小*', dealId: 'd1', product: '赣南脐橙', quantity: 2, status: 'picked_up' },
            { orderId: 'o2', shopper: '=1+1', dealId: 'd1', product: '赣南脐橙', quantity: 4, status: 'ready' },
          ],
        },
      ],
    })
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.slice(1).split('\r\n')).toEqual([
      '日期,自提点,类型,商品,规格,顾客,数量,状态',
      '2026-11-27,幸福里便利店,合计,赣南脐橙,"5斤/箱, 大果",,6,已提2',
      '2026-11-27,幸福里便利店,顾客,赣南脐橙,"5斤/箱, 大果",小*,2,已提货',
      '2026-11-27,幸福里便利店,顾客,赣南脐橙,"5斤/箱, 大果",\'=1+1,4,已到货 · 待提货',
      '',
    ])
  })
})

describe('the picking list as a picture', () => {
  it('draws the date, each point, its totals and its shoppers, and is as tall as its lines', () => {
    const lines = pickingLines({
      date: '2026-11-27',
      pickupPoints: [
        {
          pickupPoint: { id: 'pp-a', name: '幸福里便利店', address: '幸福路12号' },
          products: [{ dealId: 'd1', title: '赣南脐橙', name: '赣南脐橙', spec: '5斤/箱', quantity: 6, pickedUpQuantity: 0 }],
          shoppers: [{ orderId: 'o1', shopper: '小*', dealId: 'd1', product: '赣南脐橙', quantity: 2, status: 'ready' }],
        },
      ],
    })
    const drawn: string[] = []
    const ctx = {
      fillRect: jest.fn(),
      fillText: (text: string) => drawn.push(text),
      beginPath: jest.fn(),
      moveTo: jest.fn(),
      lineTo: jest.fn(),
      stroke: jest.fn(),
    } as unknown as Parameters<typeof paint>[0]
    const height = imageHeight(lines)
    paint(ctx, lines, height)
    expect(drawn).toEqual(['配货单 · 2026-11-27', '幸福里便利店', '幸福路12号', '赣南脐橙 5斤/箱', '× 6', '顾客（1）', '小*　赣南脐橙', '× 2'])
    expect(height).toBeGreaterThan(400)
  })
})
