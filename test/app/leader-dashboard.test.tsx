import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealDashboardPage from '@/leader/pages/deal/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealDetail, pointA, pointB } from './support/fixtures'

const leaderOrder = (id: string, shopper: string, quantity: number, status: string, point = pointA) => ({
  id,
  shopper,
  quantity,
  status,
  pickupPoint: { id: point.id, name: point.name },
  unitPriceFen: 990,
  finalUnitPriceFen: null,
  paidFen: 990 * quantity,
  refundFen: 0,
  invited: false,
  createdAt: '2026-11-26T01:00:00.000Z',
  paidAt: '2026-11-26T01:01:00.000Z',
  pickedUpAt: null,
})

beforeEach(() => {
  useSession.getState().signIn({
    token: 'leader-token',
    user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
  })
  Current.router = { params: { id: 'd-orange' }, path: '/leader/pages/deal/index' } as never
})

describe("a leader's deal dashboard", () => {
  it('shows participants, the current tier, units sold, stock left and orders per pickup point', async () => {
    fakeApi({
      'GET /leader/deals/:id': { body: { deal: dealDetail({ cutoffAt: '2099-01-01T00:00:00.000Z' }) } },
      'GET /leader/deals/:id/orders': {
        body: {
          orders: [leaderOrder('o1', '小*', 2, 'paid'), leaderOrder('o2', '阿*', 1, 'paid', pointB), leaderOrder('o3', '老*', 1, 'refunded', pointB)],
        },
      },
    })
    render(<DealDashboardPage />)
    expect(await screen.findByText('3人')).toBeInTheDocument()
    expect(screen.getByText('当前价 · 满3人档')).toBeInTheDocument()
    expect(screen.getByText('4件')).toBeInTheDocument()
    expect(screen.getByText('96件')).toBeInTheDocument()
    expect(within(screen.getByRole('group', { name: '幸福里便利店' })).getByText('1单 · 2件')).toBeInTheDocument()
    // a refunded order no longer counts at its point
    expect(within(screen.getByRole('group', { name: '阳光小区3栋' })).getByText('1单 · 1件')).toBeInTheDocument()
  })

  it('cancelling asks first, says everyone is refunded, and only then cancels', async () => {
    let deal = dealDetail({ cutoffAt: '2099-01-01T00:00:00.000Z' })
    const calls = fakeApi({
      'GET /leader/deals/:id': () => ({ body: { deal } }),
      'GET /leader/deals/:id/orders': { body: { orders: [leaderOrder('o1', '小*', 2, 'paid'), leaderOrder('o2', '阿*', 1, 'paid')] } },
      'POST /leader/deals/:id/cancel': () => {
        deal = { ...deal, status: 'cancelled' }
        return { body: { deal } }
      },
    })
    const modal = jest
      .spyOn(Taro, 'showModal')
      .mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
      .mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    render(<DealDashboardPage />)

    const cancel = await screen.findByRole('button', { name: '取消团购' })
    await userEvent.click(cancel)
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '取消这个团购？' })
    expect(modal.mock.calls[0][0]?.content).toContain('已参团的 2 单将全额退款')
    expect(calls.some((c) => c.method === 'POST')).toBe(false)

    await userEvent.click(cancel)
    expect(await screen.findByText('已取消')).toBeInTheDocument()
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual(['/leader/deals/d-orange/cancel'])
    expect(screen.queryByRole('button', { name: '取消团购' })).not.toBeInTheDocument()
  })

  it('after success, marks the goods arrived at a point', async () => {
    let orders = [leaderOrder('o1', '小*', 2, 'confirmed')]
    const calls = fakeApi({
      'GET /leader/deals/:id': { body: { deal: dealDetail({ status: 'succeeded', pickupPoints: [pointA] }) } },
      'GET /leader/deals/:id/orders': () => ({ body: { orders } }),
      'POST /leader/deals/:id/arrivals': (req) => {
        orders = orders.map((o) => ({ ...o, status: 'ready' }))
        return { body: { dealId: 'd-orange', pickupPointId: req.body.pickupPointId, arrivedAt: '2026-11-27T00:00:00.000Z', readyOrders: 1 } }
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    render(<DealDashboardPage />)
    await userEvent.click(await screen.findByRole('button', { name: '到货了' }))
    expect(await screen.findByText('已到货')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ pickupPointId: 'pp-a' })
    expect(screen.getByText('已到货 · 待提货')).toBeInTheDocument()
  })
})
