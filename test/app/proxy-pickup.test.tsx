import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { ProxyPickup } from '@/components/proxy-pickup'
import ProxyPage from '@/shopper/pages/proxy/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { order, shopper } from './support/fixtures'

const delegation = (over = {}) => ({
  id: 'dg-1',
  orderId: 'o-1',
  status: 'open',
  token: 'tok123456789',
  path: 'shopper/pages/proxy/index?token=tok123456789',
  delegate: null,
  createdAt: '2026-11-27T01:00:00.000Z',
  acceptedAt: null,
  ...over,
})

const view = (over = {}) => ({
  status: 'open',
  mine: false,
  owner: '张*梅',
  dealTitle: '赣南脐橙 现摘现发',
  product: { name: '赣南脐橙', spec: '5斤/箱' },
  quantity: 2,
  orderStatus: 'ready',
  pickupPoint: { id: 'pp-a', name: '幸福里便利店', address: '递铺镇幸福路1号', hours: '08:00-21:00' },
  pickupStart: '2026-11-27T08:00:00.000Z',
  pickupEnd: '2026-11-27T12:00:00.000Z',
  pickedUpAt: null,
  collectedBy: null,
  ...over,
})

beforeEach(() => useSession.getState().signIn({ token: 'tok-mei', user: shopper }))

describe('the owner asks a neighbour to collect (代取)', () => {
  it('makes a link, copies it on H5, sees who accepted, and can take it back', async () => {
    let current: ReturnType<typeof delegation> | null = null
    const calls = fakeApi({
      'GET /orders/o-1/delegation': () => ({ body: { delegation: current } }),
      'POST /orders/o-1/delegation': () => {
        current = delegation()
        return { body: { delegation: current } }
      },
      'POST /orders/o-1/delegation/revoke': () => {
        current = delegation({ status: 'revoked' })
        return { body: { delegation: current } }
      },
    })
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
    const { unmount } = render(<ProxyPickup order={order({ status: 'ready' })} />)
    const card = await screen.findByRole('region', { name: '请邻居代取' })

    await userEvent.click(within(card).getByRole('button', { name: '生成代取链接' }))
    await waitFor(() => expect(copy).toHaveBeenCalled())
    expect(String(copy.mock.calls[0][0].data)).toContain('/shopper/pages/proxy/index?token=tok123456789')
    expect(await within(card).findByText('等待邻居接受')).toBeInTheDocument()

    // the neighbour accepted meanwhile: back on the page, the owner sees her masked name
    current = delegation({ status: 'accepted', delegate: '李*英' })
    unmount()
    render(<ProxyPickup order={order({ status: 'ready' })} />)
    const again = await screen.findByRole('region', { name: '请邻居代取' })
    expect(await within(again).findByText('李*英 已接受，会帮你代取')).toBeInTheDocument()
    expect(within(again).queryByRole('button', { name: '发给邻居' })).not.toBeInTheDocument()
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await userEvent.click(within(again).getByRole('button', { name: '收回代取' }))
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/orders/o-1/delegation/revoke')).toBe(true))
    expect(await within(again).findByRole('button', { name: '生成代取链接' })).toBeInTheDocument()
  })

  it('is not offered before the deal succeeds, nor after pickup', () => {
    const calls = fakeApi({})
    const { rerender } = render(<ProxyPickup order={order({ status: 'paid' })} />)
    expect(screen.queryByText('请邻居代取')).not.toBeInTheDocument()
    rerender(<ProxyPickup order={order({ status: 'picked_up' })} />)
    expect(screen.queryByText('请邻居代取')).not.toBeInTheDocument()
    expect(calls).toEqual([])
  })
})

describe("the neighbour's page", () => {
  const open = (token: string) => {
    Current.router = { params: { token }, path: '/shopper/pages/proxy/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    return render(<ProxyPage />)
  }

  it('shows whose goods and where; accepting gives her own code and QR', async () => {
    let accepted = false
    fakeApi({
      'GET /delegations/:token': () => ({
        body: { delegation: accepted ? view({ status: 'accepted', mine: true, pickupCode: '735102', pickupQr: 'LINLI1.o-1.735102.sig' }) : view() },
      }),
      'POST /delegations/:token/accept': () => {
        accepted = true
        return { body: { delegation: view({ status: 'accepted', mine: true, pickupCode: '735102' }) } }
      },
    })
    open('tok123456789')
    expect(await screen.findByText('张*梅 请你帮忙代取')).toBeInTheDocument()
    expect(screen.getByText('赣南脐橙 5斤/箱 × 2')).toBeInTheDocument()
    expect(screen.getByText('幸福里便利店')).toBeInTheDocument()
    expect(screen.queryByLabelText(/代取码/)).not.toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: '接受代取' }))
    expect(await screen.findByLabelText('代取码 735102')).toHaveTextContent('735 102')
    expect(screen.getByLabelText('提货二维码')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '接受代取' })).not.toBeInTheDocument()
  })

  it('a revoked link says so, and refusals read in words', async () => {
    fakeApi({
      'GET /delegations/:token': { body: { delegation: view({ status: 'revoked' }) } },
    })
    open('tok-revoked-1')
    expect(await screen.findByText('下单人已收回代取')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '接受代取' })).not.toBeInTheDocument()
  })

  it('the owner opening her own link is told to use her own code', async () => {
    fakeApi({
      'GET /delegations/:token': { body: { delegation: view() } },
      'POST /delegations/:token/accept': {
        status: 409,
        body: { error: { code: 'DELEGATION_OWN', message: '这是你自己的订单，请直接用你的提货码提货' } },
      },
    })
    open('tok-own-12345')
    await userEvent.click(await screen.findByRole('button', { name: '接受代取' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('这是你自己的订单，请直接用你的提货码提货')
  })
})
