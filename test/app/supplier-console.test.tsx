import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import type { DeliveryRoute, PackingList, Supplier, SupplierDeal } from '../../types/api'
import SupplierHomePage from '@/supplier/pages/home/index'
import SupplierDealPage from '@/supplier/pages/deal/index'
import PackingListsPage from '@/supplier/pages/packing-lists/index'
import RoutePage from '@/supplier/pages/route/index'
import DeliveriesPage from '@/supplier/pages/deliveries/index'
import PurchaseOrdersPage from '@/supplier/pages/purchase-orders/index'
import OwedPage from '@/supplier/pages/owed/index'
import { packingCsv } from '@/supplier/lib/packing-csv'
import { useSession } from '@/stores/session'
import { useLocale } from '@/i18n/store'
import { fakeApi } from './support/fake-api'
import { dealDetail, dealSummary, NOW, shopper } from './support/fixtures'

const supplierUser = { ...shopper, id: 'u-sup', nickname: '老陈', roles: ['shopper', 'supplier'] as ('shopper' | 'supplier')[] }

const supplier: Supplier = {
  id: 's-1',
  userId: 'u-sup',
  nickname: '老陈',
  name: '山前果蔬合作社',
  contactName: '陈建国',
  phone: '13900001111',
  depotAddress: '白沙洲大市场 A 区 12 号',
  depotLat: 30.49,
  depotLng: 114.29,
  status: 'approved',
  suspended: false,
  rejectReason: null,
  createdAt: NOW,
  reviewedAt: NOW,
}

const point = (id: string, name: string, leader: string) => ({
  pickupPoint: { id, name, address: `${name}门口`, lat: 30.5, lng: 114.3 },
  leader: { id: `u-${id}`, nickname: leader, phone: '13800000000' },
  optedInAt: NOW,
})

function supplierDeal(over: Partial<SupplierDeal> = {}): SupplierDeal {
  return {
    ...dealDetail({ cutoffAt: '2099-01-01T00:00:00.000Z', count: 7, soldUnits: 9, supplier: { id: 's-1', name: '山前果蔬合作社' } }),
    commissionBps: 1000,
    deliveryDate: '2099-01-02',
    points: [
      { ...point('pp-a', '幸福里便利店', '王阿姨'), orders: 3, units: 4 },
      { ...point('pp-c', '桂园菜站', '李姐'), orders: 4, units: 5 },
    ],
    ...over,
  }
}

const packing: PackingList = {
  date: '2026-11-27',
  supplier: { id: 's-1', name: '山前果蔬合作社' },
  points: [
    {
      pickupPoint: { id: 'pp-a', name: '幸福里便利店', address: '幸福路12号', lat: 30.5, lng: 114.3, contact: '13800000000' },
      leader: { id: 'u-leader', nickname: '王阿姨', phone: '13800000000' },
      products: [
        { dealId: 'd-orange', title: '赣南脐橙 现摘现发', productName: '赣南脐橙', spec: '5斤/箱', units: 6, orders: 4 },
        { dealId: 'd-rice', title: '五常大米', productName: '五常大米', spec: '10斤/袋', units: 2, orders: 2 },
      ],
      totalUnits: 8,
      shoppers: 5,
      delivered: false,
    },
  ],
}

const stop = (sequence: number, id: string, name: string, legM: number, cumulativeM: number, delivered = false) => ({
  sequence,
  pickupPoint: { id, name, address: `${name}门口`, lat: 30.5, lng: 114.3, contact: '13800000000' },
  leader: { id: `u-${id}`, nickname: `团长${sequence}`, phone: null },
  units: 3 * sequence,
  legM,
  cumulativeM,
  delivered,
  deliveredAt: delivered ? '2026-11-27T01:30:00.000Z' : null,
})

const route: DeliveryRoute = {
  date: '2026-11-27',
  depot: { address: '白沙洲大市场 A 区 12 号', lat: 30.49, lng: 114.29 },
  stops: [stop(1, 'pp-c', '桂园菜站', 850, 850), stop(2, 'pp-a', '幸福里便利店', 1400, 2250), stop(3, 'pp-b', '阳光小区3栋', 2100, 4350)],
  totalM: 4350,
}

beforeEach(() => {
  useSession.getState().signIn({ token: 'sup-token', user: supplierUser })
})

afterEach(() => useLocale.getState().setLocale('zh-CN'))

describe('the supplier console', () => {
  it('a neighbour who is not a supplier is asked to apply; a rejected one reads why', async () => {
    useSession.getState().signIn({ token: 't', user: shopper })
    fakeApi({
      'GET /me': { body: shopper },
      'GET /me/supplier': { body: { supplier: { ...supplier, status: 'rejected', rejectReason: '请补充营业执照' } } },
    })
    render(<SupplierHomePage />)
    expect(await screen.findByText('上次申请未通过：请补充营业执照')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '重新申请' })).toBeInTheDocument()
  })

  it("an approved supplier's home lists her deals with their points and orders", async () => {
    fakeApi({
      'GET /me': { body: supplierUser },
      'GET /me/supplier': { body: { supplier } },
      'GET /supplier/deals': {
        body: {
          deals: [
            {
              ...dealSummary({ cutoffAt: '2099-01-01T00:00:00.000Z' }),
              commissionBps: 850,
              deliveryDate: '2099-01-02',
              pointCount: 2,
              orderCount: 7,
            },
          ],
        },
      },
    })
    render(<SupplierHomePage />)
    expect(await screen.findByText('山前果蔬合作社')).toBeInTheDocument()
    const deal = await screen.findByRole('link', { name: '赣南脐橙 现摘现发' })
    expect(within(deal).getByText('2 个自提点 · 7 单 · 现价 ¥9.90')).toBeInTheDocument()
    expect(within(deal).getByText('2099-01-02 送货 · 团长佣金 8.5%')).toBeInTheDocument()
  })

  it("a deal's page shows each point's leader, orders and units, and the total", async () => {
    Current.router = { params: { id: 'd-orange' }, path: '/supplier/pages/deal/index' } as never
    fakeApi({ 'GET /supplier/deals/:id': { body: { deal: supplierDeal() } } })
    render(<SupplierDealPage />)
    const garden = await screen.findByRole('group', { name: '桂园菜站' })
    expect(within(garden).getByText('团长 李姐 · 13800000000')).toBeInTheDocument()
    expect(within(garden).getByText('4 单')).toBeInTheDocument()
    expect(within(garden).getByText('5 件')).toBeInTheDocument()
    expect(within(screen.getByRole('group', { name: '幸福里便利店' })).getByText('4 件')).toBeInTheDocument()
    expect(screen.getByText('7 单 · 9 件')).toBeInTheDocument()
    expect(screen.getByText('团长佣金 10%')).toBeInTheDocument()
    // the biggest point first
    const names = screen.getAllByRole('group').map((g) => g.getAttribute('aria-label'))
    expect(names).toEqual(['桂园菜站', '幸福里便利店'])
  })

  it("the purchase order totals the day's units per product and says which are still selling", async () => {
    Current.router = { params: { date: '2026-11-27' }, path: '/supplier/pages/purchase-orders/index' } as never
    const calls = fakeApi({
      'GET /supplier/purchase-orders': {
        body: {
          date: '2026-11-27',
          supplier: { id: 's-1', name: '山前果蔬合作社' },
          lines: [
            {
              dealId: 'd-1',
              title: '脐橙',
              productName: '赣南脐橙',
              spec: '5斤/箱',
              status: 'succeeded',
              units: 12,
              orders: 9,
              points: 2,
              supplierUnitPriceFen: 752,
              amountFen: 9024,
            },
            {
              dealId: 'd-2',
              title: '大米',
              productName: '五常大米',
              spec: '10斤/袋',
              status: 'open',
              units: 3,
              orders: 3,
              points: 1,
              supplierUnitPriceFen: null,
              amountFen: 0,
            },
          ],
          totalUnits: 15,
          totalFen: 9024,
        },
      },
    })
    render(<PurchaseOrdersPage />)
    const orange = await screen.findByRole('group', { name: '赣南脐橙' })
    expect(within(orange).getByText('12 件')).toBeInTheDocument()
    expect(within(orange).getByText('结算价 ¥7.52/件 · 货款 ¥90.24')).toBeInTheDocument()
    expect(within(screen.getByRole('group', { name: '五常大米' })).getByText('还在拼团，数量会变')).toBeInTheDocument()
    expect(screen.getByText('合计 15 件')).toBeInTheDocument()
    expect(calls[0].query).toEqual({ date: '2026-11-27' })
  })

  it("a point's packing list shows its leader, contact, units per product and shoppers; the table has a row per product", async () => {
    Current.router = { params: { date: '2026-11-27' }, path: '/supplier/pages/packing-lists/index' } as never
    fakeApi({ 'GET /supplier/packing-lists': { body: packing } })
    render(<PackingListsPage />)
    const list = await screen.findByRole('region', { name: '幸福里便利店' })
    expect(within(list).getByText('团长 王阿姨 · 电话 13800000000')).toBeInTheDocument()
    expect(within(list).getByText('× 6')).toBeInTheDocument()
    expect(within(list).getByText('× 2')).toBeInTheDocument()
    expect(within(list).getByText('5 位顾客')).toBeInTheDocument()
    expect(within(list).getByText('共 8 件')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '打印' })).toBeInTheDocument()

    const rows = packingCsv(packing)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(rows[0]).toBe('日期,自提点,地址,团长,电话,商品,规格,件数,订单数,顾客数')
    expect(rows.slice(1)).toEqual([
      '2026-11-27,幸福里便利店,幸福路12号,王阿姨,13800000000,赣南脐橙,5斤/箱,6,4,5',
      '2026-11-27,幸福里便利店,幸福路12号,王阿姨,13800000000,五常大米,10斤/袋,2,2,5',
    ])
  })

  it('the route lists the stops in driving order with each leg and the total, in both languages', async () => {
    Current.router = { params: { date: '2026-11-27' }, path: '/supplier/pages/route/index' } as never
    fakeApi({ 'GET /supplier/route': { body: route } })
    const { unmount } = render(<RoutePage />)
    expect(await screen.findByRole('heading', { name: '全程 4.4 公里 · 3 站' }, { timeout: 5000 })).toBeInTheDocument()
    const stops = screen.getAllByRole('listitem')
    expect(stops.map((s) => s.getAttribute('aria-label'))).toEqual(['桂园菜站', '幸福里便利店', '阳光小区3栋'])
    expect(within(stops[0]).getByText('距仓库 850 米 · 累计 850 米')).toBeInTheDocument()
    expect(within(stops[1]).getByText('距上一站 1.4 公里 · 累计 2.3 公里')).toBeInTheDocument()
    unmount()

    useLocale.getState().setLocale('en')
    render(<RoutePage />)
    expect(await screen.findByRole('heading', { name: '4.4 km in all · 3 stops' })).toBeInTheDocument()
    expect(screen.getByText('850 m from the depot · 850 m so far')).toBeInTheDocument()
  })

  it('marking a stop delivered asks first, then posts that stop for the day', async () => {
    Current.router = { params: { date: '2026-11-27' }, path: '/supplier/pages/deliveries/index' } as never
    let current = route
    const calls = fakeApi({
      'GET /supplier/route': () => ({ body: current }),
      'POST /supplier/deliveries': (req) => {
        current = {
          ...route,
          stops: route.stops.map((s) =>
            s.pickupPoint.id === req.body.pickupPointId ? { ...s, delivered: true, deliveredAt: '2026-11-27T01:30:00.000Z' } : s,
          ),
        }
        return { body: { date: req.body.date, pickupPointId: req.body.pickupPointId, deliveries: [] } }
      },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    render(<DeliveriesPage />)
    expect(await screen.findByText('已送 0/3 站', undefined, { timeout: 5000 })).toBeInTheDocument()
    const garden = screen.getByRole('region', { name: '桂园菜站' })
    await userEvent.click(within(garden).getByRole('button', { name: '标记送达' }))
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '送到 桂园菜站 了吗？' })
    expect(await screen.findByText('已送 1/3 站', undefined, { timeout: 5000 })).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ date: '2026-11-27', pickupPointId: 'pp-c' })
    expect(within(screen.getByRole('region', { name: '桂园菜站' })).queryByRole('button', { name: '标记送达' })).not.toBeInTheDocument()
  })

  it('what the supplier is owed: kept units at the settled price, shortages left out, and the wallet link', async () => {
    fakeApi({
      'GET /supplier/owed': {
        body: {
          deals: [
            {
              dealId: 'd-1',
              title: '赣南脐橙 现摘现发',
              deliveryDate: '2026-11-27',
              supplierUnitPriceFen: 752,
              deliveredUnits: 12,
              shortUnits: 2,
              keptUnits: 10,
              owedFen: 7520,
              awaitingFen: 0,
              points: 2,
              receivedPoints: 2,
            },
          ],
          owedFen: 7520,
          awaitingFen: 0,
          account: { balanceFen: 7520, pendingFen: 7520, withdrawableFen: 0 },
        },
      },
    })
    const nav = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
    render(<OwedPage />)
    const deal = await screen.findByRole('group', { name: '赣南脐橙 现摘现发' })
    expect(within(deal).getByText('送出 12 件 · 短缺 2 件 · 实收 10 件')).toBeInTheDocument()
    expect(within(deal).getByText('¥75.20')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('link', { name: /钱包与提现/ }))
    expect(nav).toHaveBeenCalledWith({ url: '/leader/pages/wallet/index?owner=supplier' })
  })
})
