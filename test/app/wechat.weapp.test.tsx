// Inside WeChat: run by the app-weapp jest project, so every `./foo` is the foo.weapp file Taro's weapp build uses.
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealPage from '@/pages/deal/index'
import OrderPage from '@/shopper/pages/order/index'
import { useSession } from '@/stores/session'
import { useSubscriptions } from '@/stores/subscriptions'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW, order, shopper } from './support/fixtures'

const PARAMS = {
  appId: 'wx-app-1',
  timeStamp: '1764122400',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx26100000abc',
  signType: 'RSA',
  paySign: 'c2lnbmVk',
}

// held for the server's hold time: 15 minutes from NOW (10:00 in Shanghai)
const pending = () =>
  order({ status: 'pending_payment', quantity: 1, paidFen: 0, pickupCode: undefined, paidAt: null, holdExpiresAt: '2026-11-26T02:15:00.000Z' })

function route(path: string, params: Record<string, string>) {
  Current.router = { params, path, $taroPath: '', onReady: '', onHide: '', onShow: '' }
}

/** A signed-in shopper inside WeChat, with the server running WeChat Pay. */
function wechatServer(opts: { paidAfterReads?: number; payReads?: { n: number } } = {}) {
  const reads = opts.payReads ?? { n: 0 }
  const calls = fakeApi({
    'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
    'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
    'GET /me/orders': { body: { orders: [] } },
    'GET /notifications/templates': {
      body: { templates: { deal_succeeded: 'tmpl-ok', goods_arrived: 'tmpl-arrived', deal_failed: 'tmpl-no' } },
    },
    'POST /me/subscriptions': { body: { accepted: 2 } },
    'POST /deals/d-orange/orders': { body: { order: pending(), payment: { provider: 'wechatpay', amountFen: 990 } } },
    'POST /orders/o-1/pay': { body: { order: pending(), payment: { provider: 'wechatpay', amountFen: 990, params: PARAMS } } },
    'GET /orders/o-1': () => {
      reads.n++
      const paid = opts.paidAfterReads !== undefined && reads.n >= opts.paidAfterReads
      return { body: { order: paid ? order({ quantity: 1, paidFen: 990 }) : pending() } }
    },
  })
  return { calls, reads }
}

describe('paying with WeChat Pay', () => {
  beforeEach(() => {
    useSubscriptions.getState().reset()
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
  })
  async function joinAndPay() {
    const user = userEvent.setup()
    route('/pages/deal/index', { id: 'd-orange' })
    render(<DealPage />)
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await waitFor(() => expect(useSubscriptions.getState().templateIds).not.toBeNull())
    await user.click(await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' }))
    await user.click(await screen.findByRole('button', { name: '微信支付' }))
    return user
  }

  it("opens WeChat's cashier with the server's parameters, then shows the order paid once the server has seen it", async () => {
    const { calls } = wechatServer({ paidAfterReads: 2 })
    const pay = jest.spyOn(Taro, 'requestPayment').mockResolvedValue({ errMsg: 'requestPayment:ok' } as never)
    jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' } as never)
    await joinAndPay()

    expect(await screen.findByText('参团成功，已支付 ¥9.90', {}, { timeout: 4000 })).toBeInTheDocument()
    expect(pay).toHaveBeenCalledTimes(1)
    expect(pay.mock.calls[0][0]).toEqual(PARAMS)
    const paths = calls.map((c) => `${c.method} ${c.path}`)
    expect(paths.indexOf('POST /orders/o-1/pay')).toBeGreaterThan(paths.indexOf('POST /deals/d-orange/orders'))
    expect(paths.filter((p) => p === 'GET /orders/o-1')).toHaveLength(2)
  })

  it('keeps the order when the shopper closes the cashier, and says how long it is held', async () => {
    const { calls } = wechatServer()
    jest.spyOn(Taro, 'requestPayment').mockRejectedValue({ errMsg: 'requestPayment:fail cancel' } as never)
    jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' } as never)
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    const user = await joinAndPay()

    expect(await screen.findByRole('alert')).toHaveTextContent('已取消支付，订单保留到 10:15')
    expect(calls.some((c) => c.method === 'POST' && c.path === '/orders/o-1/cancel')).toBe(false)
    expect(screen.getByRole('button', { name: '微信支付' })).toBeInTheDocument() // can try again
    await user.click(screen.getByRole('link', { name: '查看订单 ›' }))
    expect(navigate).toHaveBeenCalledWith({ url: '/shopper/pages/order/index?id=o-1' })
  })

  it('says the result is being confirmed when the server has not seen the payment yet', async () => {
    wechatServer()
    jest.spyOn(Taro, 'requestPayment').mockResolvedValue({ errMsg: 'requestPayment:ok' } as never)
    jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' } as never)
    const { payForOrder } = await import('@/api/pay')
    await expect(payForOrder('o-1', [1, 1])).rejects.toMatchObject({ code: 'PAYMENT_PENDING', message: '支付结果确认中' })
  })

  it('asks for subscription consent on the join tap and records only the accepted templates', async () => {
    const { calls } = wechatServer({ paidAfterReads: 1 })
    jest.spyOn(Taro, 'requestPayment').mockResolvedValue({ errMsg: 'requestPayment:ok' } as never)
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage').mockResolvedValue({
      errMsg: 'requestSubscribeMessage:ok',
      'tmpl-ok': 'accept',
      'tmpl-arrived': 'accept',
      'tmpl-no': 'reject',
    } as never)
    await joinAndPay()
    expect(await screen.findByText('参团成功，已支付 ¥9.90')).toBeInTheDocument()

    expect(ask).toHaveBeenCalledTimes(1)
    expect(ask.mock.calls[0][0]).toEqual({ tmplIds: ['tmpl-ok', 'tmpl-arrived', 'tmpl-no'] })
    const consent = calls.find((c) => c.method === 'POST' && c.path === '/me/subscriptions')
    expect(consent?.body).toEqual({ templateIds: ['tmpl-ok', 'tmpl-arrived'], dealId: 'd-orange' })
    // asked before the order was placed: WeChat only prompts straight from the tap
    expect(ask.mock.invocationCallOrder[0]).toBeLessThan(
      (Taro.request as jest.Mock).mock.invocationCallOrder[calls.findIndex((c) => c.path === '/deals/d-orange/orders')],
    )
  })

  it('joins all the same when the shopper refuses or the prompt fails', async () => {
    const { calls } = wechatServer({ paidAfterReads: 1 })
    jest.spyOn(Taro, 'requestPayment').mockResolvedValue({ errMsg: 'requestPayment:ok' } as never)
    jest.spyOn(Taro, 'requestSubscribeMessage').mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail' } as never)
    await joinAndPay()
    expect(await screen.findByText('参团成功，已支付 ¥9.90')).toBeInTheDocument()
    expect(calls.some((c) => c.path === '/me/subscriptions')).toBe(false)
  })

  it('pays a held order from the order page with the same cashier', async () => {
    wechatServer({ paidAfterReads: 3 }) // the page's own read, then two after the cashier
    const pay = jest.spyOn(Taro, 'requestPayment').mockResolvedValue({ errMsg: 'requestPayment:ok' } as never)
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
    const redirect = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'ok' } as never)
    route('/shopper/pages/order/index', { id: 'o-1' })
    render(<OrderPage />)
    await userEvent.click(await screen.findByRole('button', { name: /去支付|模拟支付/ }))
    // once WeChat confirms it, the deal page's success-and-invite screen, as after joining there
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/pages/deal/index?id=d-orange&paid=o-1' }), { timeout: 4000 })
    expect(pay.mock.calls[0][0]).toEqual(PARAMS)
  })
})

describe('joining inside WeChat', () => {
  it('signs in with Taro.login and the server’s wechat-login, without the demo picker', async () => {
    const calls = fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /auth/wechat-login': { body: { token: 'tok-wx', user: shopper } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
    })
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' } as never)
    route('/pages/deal/index', { id: 'd-orange' })
    render(<DealPage />)
    await userEvent.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))

    expect(await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' })).toBeInTheDocument()
    expect(calls.find((c) => c.path === '/auth/wechat-login')?.body).toEqual({ code: 'wx-code-1' })
    expect(useSession.getState().token).toBe('tok-wx')
    expect(screen.queryByText('选择体验账号')).not.toBeInTheDocument()
  })
})
