import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import StaffPage from '@/leader/pages/staff/index'
import VerifyPage from '@/leader/pages/verify/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { pointA, pointB } from './support/fixtures'

const leader = { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'] as const, commissionBps: 500 }
const helper = { id: 'u-laowang', handle: 'laowang', nickname: '老王', avatarUrl: null, roles: ['shopper'] as const, commissionBps: null }
const signIn = (user: typeof leader | typeof helper) =>
  useSession.getState().signIn({ token: `tok-${user.handle}`, user: { ...user, roles: [...user.roles] } })

const route = (params: Record<string, string>) => {
  Current.router = { params, path: '/leader/pages/staff/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
}

describe('王阿姨 invites her husband to mind the shop counter', () => {
  it('picks a point, makes a link, lists her staff and removes one at once', async () => {
    signIn(leader)
    route({})
    let staff = [
      { id: 'g-1', userId: 'u-xiaoli', nickname: '小李', pickupPoint: { id: pointB.id, name: pointB.name }, createdAt: '2026-11-26T01:00:00.000Z' },
    ]
    const calls = fakeApi({
      'GET /me': { body: leader },
      'GET /leader/pickup-points': { body: { pickupPoints: [pointA, pointB] } },
      'GET /leader/staff': () => ({ body: { staff } }),
      'POST /leader/pickup-points/:id/staff-invites': (req) => ({
        body: {
          code: 'inv-abc123',
          path: 'leader/pages/staff/index?invite=inv-abc123',
          pickupPoint: { id: req.path.split('/')[3], name: pointB.name },
          expiresAt: '2026-11-29T02:00:00.000Z',
        },
      }),
      'DELETE /leader/staff/:id': () => {
        staff = []
        return { body: { ok: true } }
      },
    })
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<StaffPage />)

    await userEvent.click(await screen.findByRole('radio', { name: pointB.name }))
    await userEvent.click(screen.getByRole('button', { name: '生成邀请链接' }))
    const made = await screen.findByRole('region', { name: '邀请核销员' })
    expect(within(made).getByText('把链接发给核销员，11-29 10:00 前有效，只能用一次')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/leader/pickup-points/${pointB.id}/staff-invites`)
    await userEvent.click(within(made).getByRole('button', { name: '复制邀请链接' }))
    await waitFor(() => expect(String(copy.mock.calls[0][0].data)).toContain('/leader/pages/staff/index?invite=inv-abc123'))

    const row = await screen.findByRole('listitem', { name: '小李' })
    expect(within(row).getByText(pointB.name)).toBeInTheDocument()
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await userEvent.click(within(row).getByRole('button', { name: '移除' }))
    expect(await screen.findByText('还没有核销员')).toBeInTheDocument()
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/leader/staff/g-1')).toBe(true)
  })

  it('the invitee accepts and is sent to the verify screen; an expired invite says so', async () => {
    signIn(helper)
    route({ invite: 'inv-abc123' })
    fakeApi({
      'GET /me': { body: helper },
      'GET /staff-invites/inv-abc123': {
        body: {
          invite: {
            leader: '王阿姨',
            pickupPoint: { id: pointA.id, name: pointA.name, address: pointA.address },
            expiresAt: '2026-11-29T02:00:00.000Z',
          },
        },
      },
      'POST /staff-invites/inv-abc123/accept': { body: { pickupPoint: { id: pointA.id, name: pointA.name } } },
      'GET /staff-invites/inv-old': {
        status: 410,
        body: { error: { code: 'STAFF_INVITE_EXPIRED', message: '这个核销员邀请已过期，请向团长要一个新的' } },
      },
    })
    const { unmount } = render(<StaffPage />)
    expect(await screen.findByText(`王阿姨 邀请你成为「${pointA.name}」的核销员：只在这个自提点核对提货码、登记到货`)).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '接受邀请' }))
    expect(await screen.findByRole('status')).toHaveTextContent(`你已是「${pointA.name}」的核销员`)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never)
    await userEvent.click(screen.getByRole('button', { name: '去核销' }))
    expect(redirect).toHaveBeenCalledWith({ url: '/leader/pages/verify/index' })
    unmount()

    route({ invite: 'inv-old' })
    render(<StaffPage />)
    expect(await screen.findByText('这个核销员邀请已过期，请向团长要一个新的')).toBeInTheDocument()
  })
})

describe('at the counter', () => {
  it('staff see no unclaimed orders; a refused code at another point reads in words', async () => {
    signIn(helper)
    fakeApi({
      'POST /leader/pickups/lookup': {
        status: 403,
        body: { error: { code: 'STAFF_WRONG_POINT', message: '这个订单在「学校门口」提货，你不是那里的核销员' } },
      },
    })
    render(<VerifyPage />)
    expect(screen.queryByRole('region', { name: '未提货订单' })).not.toBeInTheDocument()
    const input = screen.getByLabelText('提货码')
    input.dispatchEvent(new CustomEvent('input', { detail: { value: '482913' }, bubbles: true }))
    await userEvent.click(await screen.findByRole('button', { name: '查看订单' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('这个订单不在你核销的自提点提货')
  })

  it('staff mark the goods arrived at their point', async () => {
    signIn(helper)
    let waiting = [{ dealId: 'd-1', dealTitle: '丹东草莓', pickupPoint: { id: pointA.id, name: pointA.name }, waitingOrders: 3 }]
    const calls = fakeApi({
      'GET /staff/arrivals': () => ({ body: { arrivals: waiting } }),
      'POST /staff/arrivals': () => {
        waiting = []
        return { body: { dealId: 'd-1', pickupPointId: pointA.id, arrivedAt: '2026-11-27T08:00:00.000Z', readyOrders: 3 } }
      },
    })
    render(<VerifyPage />)
    const section = await screen.findByRole('region', { name: '到货登记' })
    expect(within(section).getByText(`${pointA.name} · 3 单等待到货`)).toBeInTheDocument()
    await userEvent.click(within(section).getByRole('button', { name: '到货了' }))
    await waitFor(() => expect(screen.queryByRole('region', { name: '到货登记' })).not.toBeInTheDocument())
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/staff/arrivals', body: { dealId: 'd-1', pickupPointId: pointA.id } })
  })

  it('the leader hands an unclaimed order out late with a note (a refund of what is left is offered)', async () => {
    signIn(leader)
    let orders = [
      {
        id: 'o-9',
        dealId: 'd-1',
        dealTitle: '丹东草莓',
        product: { name: '草莓', spec: '2斤/盒' },
        shopper: '张*梅',
        quantity: 1,
        pickupPoint: { id: pointA.id, name: pointA.name },
        pickupEnd: '2026-11-27T12:00:00.000Z',
        unclaimedAt: '2026-11-29T12:00:01.000Z',
        refundableFen: 2990,
      },
    ]
    const calls = fakeApi({
      'GET /leader/unclaimed-orders': () => ({ body: { orders } }),
      'POST /leader/orders/:id/late-pickup': () => {
        orders = []
        return {
          body: { order: { id: 'o-9', status: 'picked_up', pickedUpAt: '2026-11-30T01:00:00.000Z', latePickupNote: '周末来取', refundFen: 0 } },
        }
      },
    })
    render(<VerifyPage />)
    const section = screen.getByRole('region', { name: '未提货订单' })
    await userEvent.click(within(section).getByRole('button', { name: '未提货订单' }))
    const row = await within(section).findByRole('listitem', { name: '张*梅' })
    expect(within(row).getByRole('button', { name: '退款 ¥29.90' })).toBeInTheDocument()
    const late = within(row).getByRole('button', { name: '补登提货' })
    expect(late).toHaveAttribute('disabled')
    within(row)
      .getByLabelText('补登备注')
      .dispatchEvent(new CustomEvent('input', { detail: { value: '周末来取' }, bubbles: true }))
    await waitFor(() => expect(late).not.toHaveAttribute('disabled'))
    await userEvent.click(late)
    expect(await within(section).findByText('没有未提货的订单')).toBeInTheDocument()
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/leader/orders/o-9/late-pickup', body: { note: '周末来取' } })
  })
})
