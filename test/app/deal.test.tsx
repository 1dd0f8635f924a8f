import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealPage from '@/pages/deal/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW, order, shopper } from './support/fixtures'

type ShareHook = () => { title: string; path: string }
const pageHooks = (Taro as unknown as { __pageHooks: { shareAppMessage: ShareHook[] } }).__pageHooks

const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled')

function openDeal(params: Record<string, string>) {
  Current.router = { params, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
  return render(<DealPage />)
}

describe('the deal page', () => {
  it('shows the product, the price block, every tier with the current one highlighted, pickup window and points', async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    fakeApi({ 'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } } })
    openDeal({ id: 'd-orange' })

    expect(await screen.findByText('赣南脐橙 现摘现发')).toBeInTheDocument()
    expect(screen.getByText('5斤/箱')).toBeInTheDocument()
    expect(screen.getByText('果园直采，酸甜多汁')).toBeInTheDocument()
    expect(screen.getByText('团长 王阿姨')).toBeInTheDocument()
    expect(screen.getByText('¥29.90')).toBeInTheDocument()
    expect(screen.getByText('再邀2人 享¥8.80')).toBeInTheDocument()
    expect(screen.getByText('距截单 02:00:00')).toBeInTheDocument()

    const steps = within(screen.getByRole('list', { name: '阶梯价' })).getAllByRole('listitem')
    expect(steps.map((s) => s.textContent)).toEqual(['¥12.801人起已达成', '¥9.90满3人当前价', '¥8.80满5人待解锁'])
    expect(steps[1]).toHaveAttribute('aria-current', 'true')
    expect(steps[0]).not.toHaveAttribute('aria-current')

    // pickup on 27 Nov, 16:00-20:00 Shanghai time; nearest point first with its hours and distance
    expect(screen.getByText('11月27日 16:00-20:00')).toBeInTheDocument()
    const names = screen.getAllByText(/幸福里便利店|阳光小区3栋/).map((n) => n.textContent)
    expect(names).toEqual(['幸福里便利店', '阳光小区3栋'])
    expect(screen.getByText('350m')).toBeInTheDocument()
    expect(screen.getByText('1.2km')).toBeInTheDocument()
    expect(screen.getByText('营业 08:00-21:00')).toBeInTheDocument()

    expect(screen.getByRole('button', { name: '¥9.90 立即参团' })).toBeInTheDocument()
  })

  it('welcomes a friend who came through an invite', async () => {
    const calls = fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ inviter: { nickname: '李姐' } }) } },
    })
    openDeal({ id: 'd-orange', invite: 'K7Q2' })
    expect(await screen.findByRole('note')).toHaveTextContent('李姐 邀请你参团 · 再邀2人 享¥8.80')
    expect(calls[0].query.invite).toBe('K7Q2')
  })

  it('says so when the deal does not exist', async () => {
    fakeApi({})
    openDeal({ id: 'nope' })
    expect(await screen.findByText('这个团购不存在或已下架')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '看看其他团购' })).toBeInTheDocument()
  })

  it('shows an error with a retry button when the deal cannot be loaded', async () => {
    let up = false
    fakeApi({
      'GET /deals/d-orange': () => (up ? { body: { serverNow: NOW, deal: dealDetail() } } : { status: 503, body: 'Service Unavailable' }),
    })
    openDeal({ id: 'd-orange' })
    expect(await screen.findByRole('alert')).toHaveTextContent('服务器开小差了，请稍后再试')
    up = true
    await userEvent.click(screen.getByRole('button', { name: '重新加载' }))
    expect(await screen.findByText('赣南脐橙 现摘现发')).toBeInTheDocument()
  })

  it('closes joining once the cutoff passes', async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: false })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ cutoffAt: '2026-11-26T02:00:02.000Z' }) } },
    })
    openDeal({ id: 'd-orange' })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(isDisabled(screen.getByRole('button', { name: '¥9.90 立即参团' }))).toBe(false)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2000)
    })
    expect(screen.getAllByText('已截单').length).toBeGreaterThan(0)
    expect(isDisabled(screen.getByRole('button', { name: '已截单' }))).toBe(true)
  })

  it('lets a new shopper sign in as a demo user, join with 2 boxes, pay in the sandbox and invite friends', async () => {
    let count = 3
    const calls = fakeApi({
      'GET /deals/d-orange': (req) => ({
        body: {
          serverNow: NOW,
          deal: dealDetail({
            ...(count === 3
              ? { inviter: { nickname: '李姐' } }
              : { count, currentUnitPriceFen: 990, nextTier: { threshold: 5, unitPriceFen: 880, remaining: 1 } }),
            // a signed-in reader's own part
            ...(req.headers.Authorization ? { myUnits: 0, maxMoreUnits: 96 } : {}),
          }),
        },
      }),
      'GET /dev/users': { body: { users: [shopper] } },
      'POST /auth/dev-login': { body: { token: 'tok-mei', user: shopper } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '/pages/deal/index?id=d-orange&invite=MEI1' } },
      'POST /deals/d-orange/orders': {
        body: {
          order: order({ status: 'pending_payment', paidFen: 0, pickupCode: undefined }),
          payment: { provider: 'sandbox', amountFen: 1980 },
        },
      },
      'POST /orders/o-1/pay': () => {
        count = 4
        return { body: { order: order() } }
      },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange', invite: 'K7Q2' })

    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await user.click(await screen.findByText('小梅'))
    expect(useSession.getState().token).toBe('tok-mei')

    await user.click(await screen.findByRole('button', { name: '增加数量' }))
    expect(screen.getByLabelText('数量')).toHaveTextContent('2')
    await user.click(screen.getByRole('radio', { name: /阳光小区3栋/ }))
    await user.click(screen.getByRole('button', { name: '确认参团 · 2件 · ¥19.80' }))

    expect(await screen.findByText('¥19.80')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '模拟支付（沙箱）' }))

    expect(await screen.findByText('参团成功，已支付 ¥19.80')).toBeInTheDocument()
    expect(await screen.findByText('邀请好友一起拼：再邀1人 享¥8.80')).toBeInTheDocument()

    const placed = calls.find((c) => c.method === 'POST' && c.path === '/deals/d-orange/orders')!
    expect(placed.body).toEqual({ quantity: 2, pickupPointId: 'pp-b', inviteCode: 'K7Q2' })
    expect(placed.headers.Authorization).toBe('Bearer tok-mei')
    expect(placed.headers['Idempotency-Key']).toMatch(/\w+-\w+-\w+/)
  })

  it('keeps the quantity within the per-shopper limit, counting what the shopper already holds (from the deal read alone)', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const calls = fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ perUserLimit: 3, myUnits: 2, maxMoreUnits: 1 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [order({ quantity: 2 })] } },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))

    expect(await screen.findByText('每人限购3件 · 你已参团2件 · 剩余96件')).toBeInTheDocument()
    const more = screen.getByRole('button', { name: '增加数量' })
    expect(more).toHaveAttribute('aria-disabled', 'true')
    await user.click(more)
    expect(screen.getByLabelText('数量')).toHaveTextContent('1')
    // the sheet asked nothing more: the page's own read of the orders is the only one
    expect(calls.filter((c) => c.path === '/me/orders')).toHaveLength(1)
  })

  it('says the limit is reached when the deal read says she may buy no more', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ perUserLimit: 3, myUnits: 3, maxMoreUnits: 0 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [order({ quantity: 3 })] } },
    })
    openDeal({ id: 'd-orange' })
    // the page says so before any sheet opens, and inviting friends stays on
    expect(isDisabled(await screen.findByRole('button', { name: '已达限购' }))).toBe(true)
    expect(screen.getByRole('button', { name: '邀请好友' })).toBeInTheDocument()
  })

  it("shows the server's refusal when joining fails", async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 0, maxMoreUnits: 96 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': { status: 409, body: { error: { code: 'SOLD_OUT', message: '已抢光了，下次早点来' } } },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await user.click(await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('已抢光了，下次早点来')
  })

  it('retries a join that got no answer with the same idempotency key, and a refused one with a new key', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const replies: ('network-down' | { status: number; body: unknown })[] = [
      'network-down',
      { status: 409, body: { error: { code: 'NOT_ENOUGH_STOCK', message: '库存不足' } } },
      { status: 409, body: { error: { code: 'NOT_ENOUGH_STOCK', message: '库存不足' } } },
    ]
    const calls = fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 0, maxMoreUnits: 96 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': () => replies.shift()!,
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    const confirm = await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' })
    await user.click(confirm)
    expect(await screen.findByRole('alert')).toHaveTextContent('网络不太好')
    await user.click(confirm)
    expect(await screen.findByRole('alert')).toHaveTextContent('库存不足')
    await user.click(confirm)
    await screen.findByRole('alert')

    const keys = calls.filter((c) => c.path === '/deals/d-orange/orders').map((c) => c.headers['Idempotency-Key'])
    expect(keys).toHaveLength(3)
    expect(keys[1]).toBe(keys[0])
    expect(keys[2]).not.toBe(keys[1])
  })

  it('shares a card that says what the next friend unlocks and carries my invite code', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const calls = fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '/pages/deal/index?id=d-orange&invite=MEI1' } },
    })
    openDeal({ id: 'd-orange' })
    await screen.findByText('赣南脐橙 现摘现发')
    await waitFor(() =>
      expect(pageHooks.shareAppMessage[0]()).toEqual({
        title: '再邀2人 享¥8.80 · 赣南脐橙 现摘现发',
        path: '/pages/deal/index?id=d-orange&invite=MEI1',
      }),
    )
    expect(calls.some((c) => c.method === 'POST' && c.path === '/deals/d-orange/invites')).toBe(true)
  })

  it('copies an invite link on H5', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
    })
    const copy = jest.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'ok' } as never)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
    openDeal({ id: 'd-orange' })
    await screen.findByText('赣南脐橙 现摘现发')
    await waitFor(() => expect(pageHooks.shareAppMessage[0]().path).toContain('invite=MEI1'))
    await userEvent.click(screen.getByRole('button', { name: '邀请好友' }))
    await waitFor(() => expect(copy).toHaveBeenCalled())
    expect(copy).toHaveBeenCalledWith({
      data: '再邀2人 享¥8.80 · 赣南脐橙 现摘现发 http://localhost/pages/deal/index?id=d-orange&invite=MEI1',
    })
  })
})

describe('a shopper who already joined', () => {
  it('sees how much she holds and can go straight to her order', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': {
        body: { orders: [order({ id: 'o-7', quantity: 2 }), order({ id: 'o-8', status: 'cancelled' }), order({ id: 'o-9', dealId: 'other' })] },
      },
    })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    Current.router = { params: { id: 'd-orange' }, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    render(<DealPage />)
    await userEvent.click(await screen.findByText('你已参团 2件'))
    expect(navigate).toHaveBeenCalledWith({ url: '/shopper/pages/order/index?id=o-7' })
  })
})
