import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import type { LeaderSupplierDeal } from '../../types/api'
import OffersPage from '@/leader/pages/offers/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealSummary } from './support/fixtures'

const offer = (myPoints: LeaderSupplierDeal['myPoints']): LeaderSupplierDeal => ({
  ...dealSummary({ cutoffAt: '2099-01-01T00:00:00.000Z', count: 12, supplier: { id: 's-1', name: '山前果蔬合作社' } }),
  commissionBps: 1000,
  deliveryDate: '2099-01-02',
  pointCount: 3,
  myPoints,
})

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

describe('supplier deals on offer (帮卖)', () => {
  it("shows the supplier's terms and the town's count, and opts one of my points in", async () => {
    let deal = offer([
      { id: 'pp-a', name: '幸福里便利店', optedIn: false, orders: 0, units: 0, canOptOut: false },
      { id: 'pp-b', name: '阳光小区3栋', optedIn: true, orders: 2, units: 3, canOptOut: false },
    ])
    const calls = fakeApi({
      'GET /leader/supplier-deals': () => ({ body: { deals: [deal] } }),
      'POST /leader/supplier-deals/:id/points': (req) => {
        deal = {
          ...deal,
          pointCount: 4,
          myPoints: deal.myPoints.map((p) => (p.id === req.body.pickupPointId ? { ...p, optedIn: true, canOptOut: true } : p)),
        }
        return { body: { deal } }
      },
    })
    render(<OffersPage />)
    const card = await screen.findByRole('region', { name: '赣南脐橙 现摘现发' }, { timeout: 5000 })
    expect(within(card).getByText('供货商 山前果蔬合作社')).toBeInTheDocument()
    expect(within(card).getByText('现价 ¥9.90 · 全城 12 人 · 3 个自提点')).toBeInTheDocument()
    expect(within(card).getByText(/^佣金 10% · .* 截单 · 2099-01-02 送货$/)).toBeInTheDocument()
    // a point with orders cannot leave, and says so
    const sunny = within(card).getByRole('group', { name: '阳光小区3栋' })
    expect(within(sunny).getByText('已加入 · 2 单 · 3 件')).toBeInTheDocument()
    expect(within(sunny).getByText('已有订单，不能退出')).toBeInTheDocument()
    expect(within(sunny).queryByRole('button')).not.toBeInTheDocument()

    await userEvent.click(within(card).getByRole('button', { name: '加入帮卖 幸福里便利店' }))
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/leader/supplier-deals/d-orange/points', body: { pickupPointId: 'pp-a' } })
    expect(await screen.findByRole('button', { name: '退出 幸福里便利店' })).toBeInTheDocument()
    expect(screen.getByText('现价 ¥9.90 · 全城 12 人 · 4 个自提点')).toBeInTheDocument()
  })

  it('opting out after an order came in is refused, and the 409 is explained', async () => {
    let deal = offer([{ id: 'pp-a', name: '幸福里便利店', optedIn: true, orders: 0, units: 0, canOptOut: true }])
    fakeApi({
      'GET /leader/supplier-deals': () => ({ body: { deals: [deal] } }),
      'DELETE /leader/supplier-deals/:id/points/:pointId': () => {
        deal = offer([{ id: 'pp-a', name: '幸福里便利店', optedIn: true, orders: 1, units: 1, canOptOut: false }])
        return { status: 409, body: { error: { code: 'POINT_HAS_ORDERS', message: '已有订单' } } }
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    render(<OffersPage />)
    await userEvent.click(await screen.findByRole('button', { name: '退出 幸福里便利店' }, { timeout: 5000 }))
    expect(await screen.findByRole('alert')).toHaveTextContent('这个自提点已经有邻居下单了，不能再退出：订单要照常送到这里、由你交给顾客。')
    expect(await screen.findByText('已有订单，不能退出')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '退出 幸福里便利店' })).not.toBeInTheDocument()
  })
})
