import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealPage from '@/pages/deal/index'
import HomePage from '@/pages/home/index'
import OrderPage from '@/shopper/pages/order/index'
import DealDashboardPage from '@/leader/pages/deal/index'
import { useLocale } from '@/i18n'
import { useSession } from '@/stores/session'
import type { DealDetail } from '../../types/api'
import { fakeApi } from './support/fake-api'
import { dealDetail, dealSummary, NOW, order, pointA, shopper } from './support/fixtures'

const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled')

afterEach(() => useLocale.getState().reset())

// the deal in each of its states, as the server reads it (an ended deal shows no next tier)
const ended = { nextTier: null }
const STATES: Record<string, Partial<DealDetail>> = {
  open: {},
  soldOut: { stockUnits: 10, soldUnits: 10 },
  closed: { cutoffAt: '2026-11-26T01:00:00.000Z' },
  succeeded: { status: 'succeeded', ...ended, cutoffAt: '2026-11-26T01:00:00.000Z' },
  failed: { status: 'failed', ...ended, count: 1, currentUnitPriceFen: 1280 },
  cancelled: { status: 'cancelled', ...ended, count: 0, soldUnits: 0, currentUnitPriceFen: 1280 },
  completed: { status: 'completed', ...ended, cutoffAt: '2026-11-25T01:00:00.000Z' },
}

function openDeal(params: Record<string, string>) {
  Current.router = { params, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
  return render(<DealPage />)
}

describe('the home card says what each state is', () => {
  it.each([
    ['open', '去拼团', '再邀2人 享¥8.80'],
    ['soldOut', '已售罄', '已售罄'],
    ['closed', '已截单', '已截单 · 结算中'],
    ['succeeded', '已成团', '已成团 · 成交价¥9.90'],
    ['failed', '未成团', '未成团 · 已全额退款'],
    ['cancelled', '已取消', '已取消 · 已全额退款'],
    ['completed', '已结束', '已结束 · 成交价¥9.90'],
  ])('%s: its button reads %s and its progress line %s', async (state, button, line) => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [dealSummary(STATES[state])] } } })
    render(<HomePage />)
    const card = await screen.findByTestId('deal-card')
    expect(within(card).getByText(button, { selector: '.deal-card__go' })).toBeInTheDocument()
    expect(within(card).getByText(line, { selector: '.tier-progress__next' })).toBeInTheDocument()
    if (state !== 'open') {
      expect(within(card).queryByText('去拼团')).not.toBeInTheDocument()
      expect(within(card).queryByText(/再邀/)).not.toBeInTheDocument()
    }
  })

  it('a cancelled deal shows no full green bar and no "lowest price reached"', async () => {
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [dealSummary(STATES.cancelled)] } } })
    render(<HomePage />)
    const card = await screen.findByTestId('deal-card')
    expect(within(card).queryByText('已享最低价')).not.toBeInTheDocument()
    expect(within(card).queryByText('已拼0人')).not.toBeInTheDocument()
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0')
  })

  it('in English, the count and the next tier never run together', async () => {
    useLocale.getState().setLocale('en')
    fakeApi({
      'GET /deals': {
        body: {
          serverNow: NOW,
          deals: [dealSummary({ tierBasis: 'units', count: 14, nextTier: { threshold: 30, unitPriceFen: 290, remaining: 16 } })],
        },
      },
    })
    render(<HomePage />)
    const card = await screen.findByTestId('deal-card')
    expect(card.querySelector('.tier-progress__text')).toHaveTextContent('14 pcs sold · 16 more pcs unlock ¥2.90')
    expect(within(card).getByRole('progressbar')).toHaveAttribute('aria-label', '14 pcs sold · 16 more pcs unlock ¥2.90')
  })

  it('in English, a sold-out and a cancelled card say so', async () => {
    useLocale.getState().setLocale('en')
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [dealSummary(STATES.soldOut), dealSummary({ ...STATES.cancelled, id: 'd-2' })] } } })
    render(<HomePage />)
    const [soldOut, cancelled] = await screen.findAllByTestId('deal-card')
    expect(within(soldOut).getByText('Sold out', { selector: '.deal-card__go' })).toBeInTheDocument()
    expect(within(cancelled).getByText('Cancelled', { selector: '.deal-card__go' })).toBeInTheDocument()
    expect(within(cancelled).getByText('Cancelled · refunded in full')).toBeInTheDocument()
  })
})

describe('the deal page in each state', () => {
  it.each([
    ['soldOut', '已售罄：库存已全部被拼完', '已售罄'],
    ['closed', '已截单，正在结算，成团结果稍后通知你', '已截单'],
    ['succeeded', '已成团！成交价 ¥9.90，到货后到自提点提货', '已成团'],
    ['failed', '未达到成团数量，团购未成，已全额退款，原路退回', '未成团 · 已退款'],
    ['cancelled', '团长已取消这个团购，已全额退款，原路退回', '已取消 · 已退款'],
    ['completed', '团购已结束，感谢邻居们的支持', '已结束'],
  ])('%s: a banner says "%s", the button "%s" is off, nothing invites', async (state, banner, button) => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    fakeApi({ 'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail(STATES[state]) } } })
    openDeal({ id: 'd-orange' })
    expect(await screen.findByRole('status')).toHaveTextContent(banner)
    expect(isDisabled(screen.getByRole('button', { name: button }))).toBe(true)
    expect(screen.queryByRole('button', { name: '邀请好友' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '海报' })).not.toBeInTheDocument()
    expect(screen.queryByText(/再邀\d人/)).not.toBeInTheDocument()
    expect(screen.queryByText('已享最低价')).not.toBeInTheDocument()
  })

  it('the buyer of the last unit is told it sold out, not asked to invite', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ ...STATES.soldOut, myUnits: 1, maxMoreUnits: 0 }) } },
      'GET /me/orders': { body: { orders: [order({ quantity: 1 })] } },
    })
    openDeal({ id: 'd-orange' })
    expect(await screen.findByText('已售罄：你已抢到，到货后凭提货码提货')).toBeInTheDocument()
    expect(await screen.findByText('你已参团 1件')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '邀请好友' })).not.toBeInTheDocument()
  })

  it("a sold-out deal's share card names the deal and promises no price to a friend who cannot join", async () => {
    const hooks = (Taro as unknown as { __pageHooks: { shareAppMessage: (() => { title: string })[] } }).__pageHooks
    fakeApi({ 'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail(STATES.soldOut) } } })
    openDeal({ id: 'd-orange' })
    await screen.findByRole('status')
    expect(hooks.shareAppMessage[0]().title).toBe('赣南脐橙 现摘现发')
  })

  it('in English, a cancelled deal has a banner and a button that fit their words', async () => {
    useLocale.getState().setLocale('en')
    fakeApi({ 'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail(STATES.cancelled) } } })
    openDeal({ id: 'd-orange' })
    expect(await screen.findByRole('status')).toHaveTextContent('The leader cancelled this group buy; everyone was refunded in full')
    expect(isDisabled(screen.getByRole('button', { name: 'Cancelled · refunded' }))).toBe(true)
  })
})

describe('joining as the server answers', () => {
  beforeEach(() => useSession.getState().signIn({ token: 'tok-mei', user: shopper }))

  it('shows the total on the join button', async () => {
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 0, maxMoreUnits: 3 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await user.click(await screen.findByRole('button', { name: '增加数量' }))
    await user.click(screen.getByRole('button', { name: '增加数量' }))
    expect(screen.getByRole('button', { name: '确认参团 · 3件 · ¥29.70' })).toBeInTheDocument()
  })

  it('after losing a sell-out race the sheet says sold out, with confirm off and no "1 left"', async () => {
    let sold = 99
    fakeApi({
      'GET /deals/d-orange': () => ({ body: { serverNow: NOW, deal: dealDetail({ soldUnits: sold, myUnits: 0, maxMoreUnits: 100 - sold }) } }),
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': () => {
        sold = 100
        return { status: 409, body: { error: { code: 'SOLD_OUT', message: '已抢光了，下次早点来' } } }
      },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    expect(await screen.findByText('每人限购3件 · 剩余1件')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '确认参团 · 1件 · ¥9.90' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('已抢光了，下次早点来')
    const sheet = document.querySelector('.join') as HTMLElement
    await waitFor(() => expect(sheet).toHaveAttribute('data-state', 'sold_out'))
    expect(within(sheet).getByRole('status')).toHaveTextContent('已售罄')
    expect(within(sheet).queryByText(/剩余1件/)).not.toBeInTheDocument()
    expect(isDisabled(within(sheet).getByRole('button', { name: '已售罄' }))).toBe(true)
  })

  it('joining from a page read before the leader cancelled says it was cancelled, and the sheet follows', async () => {
    let status: 'open' | 'cancelled' = 'open'
    fakeApi({
      'GET /deals/d-orange': () => ({
        body: { serverNow: NOW, deal: dealDetail({ status, ...(status === 'cancelled' ? ended : {}), myUnits: 0, maxMoreUnits: 3 }) },
      }),
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': () => {
        status = 'cancelled'
        return { status: 409, body: { error: { code: 'DEAL_CANCELLED', message: '团长已取消这个团购，不能再参加了' } } }
      },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await user.click(await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('团长已取消这个团购，不能再参加了')
    expect(screen.queryByText('该团购已截单')).not.toBeInTheDocument()
    const sheet = document.querySelector('.join') as HTMLElement
    await waitFor(() => expect(sheet).toHaveAttribute('data-state', 'cancelled'))
    expect(isDisabled(within(sheet).getByRole('button', { name: '已取消 · 已退款' }))).toBe(true)
  })

  it('the buyer of the last unit ends on a success screen that does not ask her to invite', async () => {
    let sold = 99
    fakeApi({
      'GET /deals/d-orange': () => ({ body: { serverNow: NOW, deal: dealDetail({ soldUnits: sold, myUnits: 0, maxMoreUnits: 100 - sold }) } }),
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': () => {
        sold = 100
        return {
          body: {
            order: order({ status: 'pending_payment', quantity: 1, paidFen: 0, pickupCode: undefined }),
            payment: { provider: 'sandbox', amountFen: 990 },
          },
        }
      },
      'POST /orders/o-1/pay': { body: { order: order({ quantity: 1, paidFen: 990 }) } },
    })
    const user = userEvent.setup()
    openDeal({ id: 'd-orange' })
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await user.click(await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' }))
    await user.click(await screen.findByRole('button', { name: '模拟支付（沙箱）' }))
    expect(await screen.findByText('参团成功，已支付 ¥9.90')).toBeInTheDocument()
    expect(screen.getByText('最后的库存被你抢到了，已售罄')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '邀请好友参团' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '生成分享海报' })).not.toBeInTheDocument()
    expect(screen.getByRole('button', { name: '查看订单与提货码' })).toBeInTheDocument()
  })
})

describe('an unpaid order on the deal page', () => {
  it('reads 待支付 with its hold countdown and a pay button, not "joined", and paying ends on the success screen', async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    let paid = false
    const unpaid = order({ status: 'pending_payment', paidFen: 0, paidAt: null, pickupCode: undefined, holdExpiresAt: '2026-11-26T02:15:00.000Z' })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 2, maxMoreUnits: 1 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': () => ({ body: { orders: [paid ? order() : unpaid] } }),
      'POST /orders/o-1/pay': () => {
        paid = true
        return { body: { order: order() } }
      },
    })
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    openDeal({ id: 'd-orange' })
    expect(await screen.findByText('待支付 ¥19.80')).toBeInTheDocument()
    expect(screen.getByText(/^请在 00:1[45]:\d\d 内支付，超时名额自动释放$/)).toBeInTheDocument()
    expect(screen.queryByText(/你已参团/)).not.toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: '去支付 ¥19.80' }))
    await user.click(await screen.findByRole('button', { name: '模拟支付（沙箱）' }))
    expect(await screen.findByText('参团成功，已支付 ¥19.80')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '邀请好友参团' })).toBeInTheDocument()
  })

  it('paid from the order page, the deal page opens on the same success-and-invite screen', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 2, maxMoreUnits: 1 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [order()] } },
    })
    openDeal({ id: 'd-orange', paid: 'o-1' })
    expect(await screen.findByText('参团成功，已支付 ¥19.80')).toBeInTheDocument()
    expect(screen.getByText('邀请好友一起拼：再邀2人 享¥8.80')).toBeInTheDocument()
  })
})

describe('the order page shows only the money that exists', () => {
  function openOrder(o: ReturnType<typeof order>, deal = dealDetail()) {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({ 'GET /orders/o-1': { body: { order: o } }, 'GET /deals/d-orange': { body: { serverNow: NOW, deal } } })
    Current.router = { params: { id: 'o-1' }, path: '/shopper/pages/order/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    render(<OrderPage />)
  }

  it('a cancelled deal\'s order: refunded in full, no "final price ¥0.00"', async () => {
    openOrder(
      order({
        status: 'refunded',
        dealStatus: 'cancelled',
        finalUnitPriceFen: 0,
        refundFen: 1980,
        pickupCode: undefined,
        refunds: [{ id: 'r1', amountFen: 1980, reason: 'deal_cancelled', createdAt: NOW } as never],
      }),
      dealDetail(STATES.cancelled),
    )
    expect(await screen.findByText('已全额退款 ¥19.80，原路退回')).toBeInTheDocument()
    expect(screen.queryByText('最终单价')).not.toBeInTheDocument()
    expect(screen.getByText('实付').nextSibling).toHaveTextContent('¥19.80')
    expect(screen.getByText('团长取消退款').nextSibling).toHaveTextContent('+¥19.80')
  })

  it('an unpaid order that expired: nothing charged, no "paid ¥0.00"', async () => {
    openOrder(order({ status: 'expired', paidFen: 0, paidAt: null, pickupCode: undefined }))
    expect(await screen.findByText('支付超时，订单已关闭，未扣款')).toBeInTheDocument()
    expect(screen.queryByText('实付')).not.toBeInTheDocument()
  })

  it('a settled order shows its final price', async () => {
    openOrder(order({ status: 'confirmed', dealStatus: 'succeeded', finalUnitPriceFen: 880 }), dealDetail(STATES.succeeded))
    expect((await screen.findByText('最终单价')).nextSibling).toHaveTextContent('¥8.80')
  })
})

describe("the leader's dashboard in each state", () => {
  const leaderOrder = (id: string, quantity: number, status: string) => ({
    id,
    shopper: '小*',
    quantity,
    status,
    pickupPoint: { id: pointA.id, name: pointA.name },
    unitPriceFen: 990,
    finalUnitPriceFen: null,
    paidFen: 990 * quantity,
    refundFen: status === 'refunded' ? 990 * quantity : 0,
    invited: false,
    createdAt: '2026-11-26T01:00:00.000Z',
    paidAt: '2026-11-26T01:01:00.000Z',
    pickedUpAt: null,
  })

  function openDashboard(deal: DealDetail, orders: ReturnType<typeof leaderOrder>[]) {
    useSession.getState().signIn({
      token: 'leader-token',
      user: { id: 'u-leader', handle: 'wang', nickname: '王阿姨', avatarUrl: null, roles: ['shopper', 'leader'], commissionBps: 500 },
    })
    Current.router = { params: { id: 'd-orange' }, path: '/leader/pages/deal/index' } as never
    fakeApi({ 'GET /leader/deals/:id': { body: { deal } }, 'GET /leader/deals/:id/orders': { body: { orders } } })
    render(<DealDashboardPage />)
  }

  it("after success the point keeps its name beside its counts, and the arrive button takes only its words' room", async () => {
    openDashboard(dealDetail({ ...STATES.succeeded, pickupPoints: [pointA] }), [leaderOrder('o1', 2, 'confirmed'), leaderOrder('o2', 1, 'confirmed')])
    const point = await screen.findByRole('group', { name: '幸福里便利店' })
    expect(within(point).getByText('幸福里便利店')).toBeInTheDocument()
    expect(within(point).getByText('2单 · 3件')).toBeInTheDocument()
    expect(within(point).getByRole('button', { name: '到货了' })).toHaveClass('dash__arrive')
    expect(screen.getByRole('status')).toHaveTextContent('已成团，成交价 ¥9.90')
    expect(screen.getByText('成交价')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '核销提货' })).toBeInTheDocument()
  })

  it('a cancelled deal counts its refunded order and offers no hand-out', async () => {
    openDashboard(dealDetail(STATES.cancelled), [leaderOrder('o1', 1, 'refunded')])
    expect(await screen.findByText('订单（1）')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('团购已取消，1 单已全额退款')
    expect(screen.queryByRole('button', { name: '核销提货' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '配货单' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '取消团购' })).not.toBeInTheDocument()
  })

  it('in English too', async () => {
    useLocale.getState().setLocale('en')
    openDashboard(dealDetail(STATES.cancelled), [leaderOrder('o1', 1, 'refunded')])
    expect(await screen.findByText('Orders (1)')).toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('Cancelled; 1 order refunded in full')
    expect(screen.queryByRole('button', { name: 'Hand out' })).not.toBeInTheDocument()
  })

  it.each([
    ['soldOut', '已售罄：库存已全部卖出，截单后结算', true],
    ['closed', '已截单，正在结算', false],
    ['failed', '未成团，1 单已全额退款', false],
    ['completed', '团购已结束', false],
  ])('%s: says "%s"; cancel offered: %s', async (state, note, cancellable) => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    openDashboard(dealDetail(STATES[state]), [leaderOrder('o1', 1, state === 'failed' ? 'refunded' : 'paid')])
    expect(await screen.findByRole('status')).toHaveTextContent(note)
    expect(!!screen.queryByRole('button', { name: '取消团购' })).toBe(cancellable)
  })
})
