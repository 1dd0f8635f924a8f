import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import DealPage from '@/pages/deal/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealDetail, NOW, order, shopper } from './support/fixtures'

// Paying inside WeChat: wechat.weapp.test.tsx (the app-weapp project, with the weapp platform files).

const pending = () => order({ status: 'pending_payment', quantity: 1, paidFen: 0, pickupCode: undefined, paidAt: null })

function route(path: string, params: Record<string, string>) {
  Current.router = { params, path, $taroPath: '', onReady: '', onHide: '', onShow: '' }
}

describe('on H5', () => {
  it('never asks for subscription consent and pays in the sandbox at once', async () => {
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    const calls = fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': { body: { order: pending(), payment: { provider: 'sandbox', amountFen: 990 } } },
      'POST /orders/o-1/pay': { body: { order: order({ quantity: 1, paidFen: 990 }), payment: { provider: 'sandbox', amountFen: 990 } } },
    })
    const ask = jest.spyOn(Taro, 'requestSubscribeMessage')
    const pay = jest.spyOn(Taro, 'requestPayment')
    const user = userEvent.setup()
    route('/pages/deal/index', { id: 'd-orange' })
    render(<DealPage />)
    await user.click(await screen.findByRole('button', { name: '¥9.90 立即参团' }))
    await user.click(await screen.findByRole('button', { name: '确认参团 · 1件 · ¥9.90' }))
    await user.click(await screen.findByRole('button', { name: '模拟支付（沙箱）' }))
    expect(await screen.findByText('参团成功，已支付 ¥9.90')).toBeInTheDocument()
    expect(ask).not.toHaveBeenCalled()
    expect(pay).not.toHaveBeenCalled()
    expect(calls.some((c) => c.path === '/notifications/templates')).toBe(false)
  })
})
