import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { useLocale } from '@/i18n'
import OrderPage from '@/shopper/pages/order/index'
import OrdersPage from '@/pages/orders/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW, order, shopper } from './support/fixtures'

const signedIn = () => useSession.getState().signIn({ token: 'tok-mei', user: shopper })

describe('my orders', () => {
  it('asks a signed-out shopper to sign in first', async () => {
    fakeApi({ 'GET /dev/users': { body: { users: [shopper] } } })
    render(<OrdersPage />)
    expect(screen.getByText('登录后查看你的团购订单')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: '登录' }))
    expect(await screen.findByText('小梅')).toBeInTheDocument()
  })

  it('lists orders with their status and filters them by tab', async () => {
    signedIn()
    fakeApi({
      'GET /me/orders': {
        body: {
          orders: [
            order({ id: 'o-1', dealTitle: '赣南脐橙 现摘现发', status: 'ready' }),
            order({ id: 'o-2', dealTitle: '散养土鸡蛋', status: 'pending_payment', paidFen: 0 }),
            order({ id: 'o-3', dealTitle: '本地青菜', status: 'refunded', refundFen: 1980 }),
          ],
        },
      },
    })
    render(<OrdersPage />)

    const orange = await screen.findByText('赣南脐橙 现摘现发')
    expect(within(orange.closest('[role=link]') as HTMLElement).getByText('已到货 · 待提货')).toBeInTheDocument()
    expect(screen.getByText('已退 ¥19.80')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('tab', { name: '待支付' }))
    expect(screen.getByRole('tab', { name: '待支付' })).toHaveAttribute('aria-selected', 'true')
    expect(screen.getByText('散养土鸡蛋')).toBeInTheDocument()
    expect(screen.queryByText('赣南脐橙 现摘现发')).not.toBeInTheDocument()

    await userEvent.click(screen.getByRole('tab', { name: '已完成' }))
    expect(screen.getByText('这里还没有订单')).toBeInTheDocument()
  })
})

describe('one order', () => {
  function openOrder(id: string) {
    Current.router = { params: { id }, path: '/shopper/pages/order/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    return render(<OrderPage />)
  }

  it('shows the big pickup code, the pickup point and what was paid', async () => {
    signedIn()
    fakeApi({
      'GET /orders/o-1': { body: { order: order({ status: 'ready', pickupQr: 'o-1.482913.sig' }) } },
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ status: 'succeeded' }) } },
    })
    openOrder('o-1')

    expect(await screen.findByLabelText('提货码 482913')).toHaveTextContent('482 913')
    expect(screen.getByText('已到货，请到自提点出示提货码')).toBeInTheDocument()
    expect(screen.getByLabelText('提货二维码')).toHaveAttribute('src', expect.stringMatching(/^data:image\/svg\+xml;base64,/))
    expect(screen.getByText('幸福里便利店')).toBeInTheDocument()
    expect(screen.getByText('提货时间 11月27日 16:00-20:00')).toBeInTheDocument()
    expect(screen.getByText('¥19.80')).toBeInTheDocument()
  })

  it('shows a refund of the price difference after the deal settles lower', async () => {
    signedIn()
    fakeApi({
      'GET /orders/o-1': {
        body: {
          order: order({
            status: 'confirmed',
            finalUnitPriceFen: 880,
            refundFen: 220,
            refunds: [{ id: 'r1', amountFen: 220, reason: 'price_difference', createdAt: NOW }],
          }),
        },
      },
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ status: 'succeeded' }) } },
    })
    openOrder('o-1')
    expect(await screen.findByText('差价退款')).toBeInTheDocument()
    expect(screen.getByText('+¥2.20')).toBeInTheDocument()
    expect(screen.getByText('¥8.80')).toBeInTheDocument()
  })

  it('lets the shopper pay a pending order in the sandbox', async () => {
    signedIn()
    let status: 'pending_payment' | 'paid' = 'pending_payment'
    const calls = fakeApi({
      'GET /orders/o-1': () => ({
        body: {
          order: order({
            status,
            pickupCode: status === 'paid' ? '482913' : undefined,
            holdExpiresAt: status === 'paid' ? null : '2026-11-26T02:15:00.000Z',
            ...(status === 'paid' ? {} : { paidFen: 0, paidAt: null }),
          }),
        },
      }),
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /orders/o-1/pay': () => {
        status = 'paid'
        return { body: { order: order() } }
      },
    })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never)
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    openOrder('o-1')
    // a busy machine may tick a second before the first look
    expect(await screen.findByText(/^请在 00:1[45]:\d\d 内支付，超时名额自动释放$/)).toBeInTheDocument()
    // what is due, not "paid ¥0.00"
    expect(screen.getByText('应付').nextSibling).toHaveTextContent('¥19.80')
    expect(screen.queryByText('实付')).not.toBeInTheDocument()
    await userEvent.click(await screen.findByRole('button', { name: '模拟支付（沙箱）' }))
    expect(calls.some((c) => c.method === 'POST' && c.path === '/orders/o-1/pay')).toBe(true)
    // paid here ends where paying on the deal page ends: its success-and-invite screen
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/pages/deal/index?id=d-orange&paid=o-1' }))
  })

  it('cancels a paid order before cutoff after the shopper confirms', async () => {
    signedIn()
    let status: 'paid' | 'cancelled' = 'paid'
    fakeApi({
      'GET /orders/o-1': () => ({ body: { order: order({ status }) } }),
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /orders/o-1/cancel': () => {
        status = 'cancelled'
        return { body: { order: order({ status }) } }
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'ok' } as never)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
    openOrder('o-1')
    await userEvent.click(await screen.findByRole('button', { name: '取消订单' }))
    expect(await screen.findByText('已取消')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '取消订单' })).not.toBeInTheDocument()
  })
})

describe('paying with WeChat Pay', () => {
  it('opens the WeChat cashier with the server’s parameters, then shows the order once the server has the payment', async () => {
    signedIn()
    let status: 'pending_payment' | 'paid' = 'pending_payment'
    fakeApi({
      'POST /orders/o-1/pay': {
        body: {
          order: order({ status: 'pending_payment' }),
          payment: {
            provider: 'wechatpay',
            amountFen: 1980,
            params: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'RSA', paySign: 's' },
          },
        },
      },
      'GET /orders/o-1': () => ({ body: { order: order({ status }) } }),
    })
    const cashier = jest.spyOn(Taro, 'requestPayment').mockImplementation((async () => {
      status = 'paid' // WeChat's notification reached the server
      return { errMsg: 'requestPayment:ok' }
    }) as never)
    const { payForOrder } = await import('@/api/pay')
    await expect(payForOrder('o-1')).resolves.toMatchObject({ status: 'paid' })
    expect(cashier).toHaveBeenCalledWith(expect.objectContaining({ package: 'prepay_id=p', paySign: 's' }))
  })

  it('says the payment was cancelled when the shopper closes the cashier', async () => {
    signedIn()
    fakeApi({
      'POST /orders/o-1/pay': {
        // the order's own hold (the server's setting), 20 minutes here: 10:20 in Shanghai
        body: {
          order: order({ status: 'pending_payment', holdExpiresAt: '2026-11-26T02:20:00.000Z' }),
          payment: { provider: 'wechatpay', amountFen: 1980, params: { package: 'prepay_id=p' } },
        },
      },
    })
    jest.spyOn(Taro, 'requestPayment').mockRejectedValue({ errMsg: 'requestPayment:fail cancel' })
    const { payForOrder } = await import('@/api/pay')
    await expect(payForOrder('o-1')).rejects.toMatchObject({ code: 'PAYMENT_CANCELLED', message: '已取消支付，订单保留到 10:20' })
    useLocale.getState().setLocale('en')
    await expect(payForOrder('o-1')).rejects.toMatchObject({ message: 'Payment cancelled; your order is held until 10:20' })
    useLocale.getState().reset()
  })
})
