import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import type { Basket, Order } from '../../types/api'
import { useLocale } from '@/i18n'
import BasketPage from '@/shopper/pages/basket/index'
import { AddToBasket } from '@/components/basket-entry'
import { useBasket } from '@/stores/basket'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { NOW, dealDetail, order, pointA, pointB, shopper } from './support/fixtures'

// oranges at ¥9.90 (both points) and eggs at ¥15.00 (only 幸福里)
const oranges = dealDetail()
const eggs = dealDetail({ id: 'd-eggs', title: '土鸡蛋 30枚', currentUnitPriceFen: 1500, pickupPoints: [pointA] })
const rice = dealDetail({ id: 'd-rice', title: '五常大米', currentUnitPriceFen: 4900, pickupPoints: [pointB] })

const basket = (orders: Order[], over: Partial<Basket> = {}): Basket => ({
  id: 'b-1',
  pickupPointId: 'pp-a',
  orders,
  removed: [],
  totalFen: orders.reduce((s, o) => s + o.unitPriceFen * o.quantity, 0),
  paidFen: orders.reduce((s, o) => s + o.paidFen, 0),
  createdAt: NOW,
  ...over,
})
const held = (o: Partial<Order>) => order({ status: 'pending_payment', paidFen: 0, pickupCode: undefined, paidAt: null, ...o })

beforeEach(() => {
  jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
  useSession.getState().signIn({ token: 'tok-mei', user: shopper })
  useBasket.getState().clear()
})
afterEach(() => {
  jest.useRealTimers()
  useLocale.getState().setLocale('zh-CN')
})

it('"加入购物篮" on a deal puts it in the basket, and the entry counts it', async () => {
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'ok' } as never)
  render(<AddToBasket dealId='d-orange' />)
  await userEvent.click(screen.getByRole('button', { name: '加入购物篮' }))
  expect(useBasket.getState().items).toEqual([{ dealId: 'd-orange', quantity: 1 }])
  expect(screen.getByRole('link', { name: '购物篮，1个团购' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: '已加入购物篮' })).toBeInTheDocument()
})

it('lists each deal at its current price, only the common pickup point, the total; checks out and pays once', async () => {
  useBasket.getState().add('d-orange', 2)
  useBasket.getState().add('d-eggs', 1)
  const paidOrders = [
    order({ id: 'o-1', dealId: 'd-orange', quantity: 2, unitPriceFen: 990, paidFen: 1980 }),
    order({ id: 'o-2', dealId: 'd-eggs', dealTitle: '土鸡蛋 30枚', quantity: 1, unitPriceFen: 1500, paidFen: 1500 }),
  ]
  const calls = fakeApi({
    'GET /deals/d-orange': { body: { serverNow: NOW, deal: oranges } },
    'GET /deals/d-eggs': { body: { serverNow: NOW, deal: eggs } },
    'POST /baskets/checkout': {
      status: 201,
      body: {
        basket: basket([
          held({ id: 'o-1', quantity: 2, unitPriceFen: 990 }),
          held({ id: 'o-2', dealId: 'd-eggs', dealTitle: '土鸡蛋 30枚', quantity: 1, unitPriceFen: 1500 }),
        ]),
      },
    },
    'POST /baskets/b-1/pay': { body: { basket: basket(paidOrders), payment: { provider: 'sandbox', amountFen: 3480 } } },
  })
  render(<BasketPage />)
  expect(await screen.findByText('现价 ¥15.00')).toBeInTheDocument()
  expect(screen.getByText('现价 ¥9.90')).toBeInTheDocument()
  // eggs go only to 幸福里: the other point is not offered
  expect(screen.getByText('幸福里便利店')).toBeInTheDocument()
  expect(screen.queryByText('阳光小区3栋')).not.toBeInTheDocument()
  expect(screen.getByText('合计 ¥34.80')).toBeInTheDocument()

  await userEvent.click(screen.getByRole('button', { name: '结算 · ¥34.80' }))
  expect(await screen.findByText('支付成功，明天一起提货')).toBeInTheDocument()
  expect(screen.getByText('土鸡蛋 30枚 × 1 · ¥15.00')).toBeInTheDocument()
  const checkout = calls.find((c) => c.path === '/baskets/checkout')!
  expect(checkout.body).toEqual({
    pickupPointId: 'pp-a',
    items: [
      { dealId: 'd-orange', quantity: 2 },
      { dealId: 'd-eggs', quantity: 1 },
    ],
  })
  expect(checkout.headers['Idempotency-Key']).toMatch(/.{8,}/)
  expect(calls.filter((c) => c.path === '/baskets/b-1/pay')).toHaveLength(1)
  expect(useBasket.getState().items).toEqual([])
})

it('a stepper changes the quantity and the total follows', async () => {
  useBasket.getState().add('d-orange', 1)
  fakeApi({ 'GET /deals/d-orange': { body: { serverNow: NOW, deal: oranges } } })
  render(<BasketPage />)
  expect(await screen.findByText('合计 ¥9.90')).toBeInTheDocument()
  await userEvent.click(screen.getByRole('button', { name: '增加数量' }))
  await waitFor(() => expect(screen.getByText('合计 ¥19.80')).toBeInTheDocument())
  expect(useBasket.getState().items).toEqual([{ dealId: 'd-orange', quantity: 2 }])
})

it('says clearly when the deals share no pickup point', async () => {
  useBasket.getState().add('d-eggs', 1)
  useBasket.getState().add('d-rice', 1)
  fakeApi({
    'GET /deals/d-eggs': { body: { serverNow: NOW, deal: eggs } },
    'GET /deals/d-rice': { body: { serverNow: NOW, deal: rice } },
  })
  render(<BasketPage />)
  expect(await screen.findByText('这些团购没有共同的自提点，请移除一些再结算')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: '结算 · ¥64.00' })).toBeDisabled()
})

it('a deal sold out at checkout is shown taken out, with its word, before paying the rest', async () => {
  useBasket.getState().add('d-orange', 1)
  useBasket.getState().add('d-eggs', 1)
  const calls = fakeApi({
    'GET /deals/d-orange': { body: { serverNow: NOW, deal: oranges } },
    'GET /deals/d-eggs': { body: { serverNow: NOW, deal: eggs } },
    'POST /baskets/checkout': {
      status: 201,
      body: { basket: basket([held({ id: 'o-1', quantity: 1, unitPriceFen: 990 })], { removed: [{ dealId: 'd-eggs', code: 'SOLD_OUT' }] }) },
    },
    'POST /baskets/b-1/pay': {
      body: {
        basket: basket([order({ id: 'o-1', quantity: 1, unitPriceFen: 990, paidFen: 990 })]),
        payment: { provider: 'sandbox', amountFen: 990 },
      },
    },
  })
  render(<BasketPage />)
  await userEvent.click(await screen.findByRole('button', { name: '结算 · ¥24.90' }))
  expect(await screen.findByText('以下团购没能加入，已移出，不会扣款')).toBeInTheDocument()
  expect(await screen.findByText('土鸡蛋 30枚 · 已抢光了，下次早点来')).toBeInTheDocument()
  expect(calls.some((c) => c.path === '/baskets/b-1/pay')).toBe(false)
  await userEvent.click(screen.getByRole('button', { name: '一次支付 ¥9.90' }))
  expect(await screen.findByText('支付成功，明天一起提货')).toBeInTheDocument()
})

it('speaks English too', async () => {
  useLocale.getState().setLocale('en')
  render(<BasketPage />)
  expect(await screen.findByText('Your basket is empty')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Browse deals' })).toBeInTheDocument()
})
