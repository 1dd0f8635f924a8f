import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { countdownLabel, dateTimeLabel, format, t, tierLabel, useLocale, windowLabel } from '@/i18n'
import { en } from '@/i18n/en'
import { zhCN } from '@/i18n/zh-CN'
import DealPage from '@/pages/deal/index'
import HomePage from '@/pages/home/index'
import MePage from '@/pages/me/index'
import OrderPage from '@/pages/order/index'
import OrdersPage from '@/pages/orders/index'
import { useSession } from '@/stores/session'
import { fakeApi } from './support/fake-api'
import { dealDetail, dealSummary, NOW, order, shopper } from './support/fixtures'

afterEach(() => useLocale.getState().reset())

describe('the language', () => {
  it('is Chinese until the shopper switches, and English has every message', () => {
    expect(useLocale.getState().locale).toBe('zh-CN')
    expect(t('home.title')).toBe('今日邻里团')
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort())
    for (const [key, text] of Object.entries(en)) expect([key, text.trim()]).not.toEqual([key, ''])
  })

  it('fills parameters and leaves an unknown one visible', () => {
    expect(format('再邀{n}人 享{price}', { n: 2, price: '¥8.80' })).toBe('再邀2人 享¥8.80')
    expect(format('{who} joined', {})).toBe('{who} joined')
  })

  it("says the domain's tier and countdown labels in English", () => {
    const next = { threshold: 5, unitPriceFen: 880, remaining: 2 }
    expect(tierLabel('people', next)).toBe('再邀2人 享¥8.80')
    expect(countdownLabel({ totalMs: 1, days: 1, hours: 3, minutes: 4, seconds: 5 })).toBe('1天 03:04:05')
    useLocale.getState().setLocale('en')
    expect(tierLabel('people', next)).toBe('2 more unlock ¥8.80')
    expect(tierLabel('units', next)).toBe('2 more pcs unlock ¥8.80')
    expect(tierLabel('units', null)).toBeNull()
    expect(tierLabel('people', { ...next, remaining: 1 })).toBe('1 more unlocks ¥8.80')
    expect(t('common.units', { n: 1 })).toBe('1 pc')
    expect(t('common.units', { n: 3 })).toBe('3 pcs')
    expect(countdownLabel({ totalMs: 1, days: 1, hours: 3, minutes: 4, seconds: 5 })).toBe('1d 03:04:05')
  })

  it('switched to English on the Me page, the home page speaks English, and the choice is kept', async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [dealSummary()] } } })
    const me = render(<MePage />)
    expect(screen.getByRole('radio', { name: '中文' })).toHaveAttribute('aria-checked', 'true')
    await userEvent.click(screen.getByRole('radio', { name: 'English' }))
    expect(await screen.findByText('Not signed in')).toBeInTheDocument()
    expect(screen.getByText('My orders')).toBeInTheDocument()
    expect(JSON.parse(Taro.getStorageSync('linli-locale')).state.locale).toBe('en')
    me.unmount()

    render(<HomePage />)
    expect(await screen.findByText("Today's group buys")).toBeInTheDocument()
    const card = await screen.findByRole('link', { name: '赣南脐橙 现摘现发' })
    expect(card).toHaveTextContent('2 more unlock ¥8.80')
    expect(card).toHaveTextContent(/Ends in 0[12]:\d\d:\d\d/)
    expect(card).toHaveTextContent('Join')
    expect(screen.queryByText('今日邻里团')).not.toBeInTheDocument()

    // and back
    await userEvent.click(render(<MePage />).getByRole('radio', { name: '中文' }))
    expect(await screen.findByText('今日邻里团')).toBeInTheDocument()
  })

  it('says dates in Shanghai time: 11月27日 16:00 in Chinese, Nov 27 16:00 in English, both dates when a window spans days', () => {
    // 08:00 UTC is 16:00 in Shanghai; 17:00 UTC on the 27th is already 01:00 on the 28th
    expect(dateTimeLabel('2026-11-27T08:00:00.000Z')).toBe('11月27日 16:00')
    expect(windowLabel('2026-11-27T08:00:00.000Z', '2026-11-27T12:00:00.000Z')).toBe('11月27日 16:00-20:00')
    expect(windowLabel('2026-11-27T08:00:00.000Z', '2026-11-27T17:00:00.000Z')).toBe('11月27日 16:00 - 11月28日 01:00')
    useLocale.getState().setLocale('en')
    expect(dateTimeLabel('2026-11-27T08:00:00.000Z')).toBe('Nov 27 16:00')
    expect(dateTimeLabel('2026-11-30T16:05:00.000Z')).toBe('Dec 1 00:05')
    expect(windowLabel('2026-11-27T08:00:00.000Z', '2026-11-27T12:00:00.000Z')).toBe('Nov 27 16:00-20:00')
    expect(windowLabel('2026-11-27T08:00:00.000Z', '2026-11-27T17:00:00.000Z')).toBe('Nov 27 16:00 - Nov 28 01:00')
  })

  it('in English, the deal, my orders and one order say their times as "Nov 27 16:00-20:00", not 11月27日', async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    useLocale.getState().setLocale('en')
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail() } },
      'GET /me/orders': { body: { orders: [order()] } },
      'GET /orders/o-1': { body: { order: order() } },
    })

    Current.router = { params: { id: 'd-orange' }, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    const deal = render(<DealPage />)
    expect(await screen.findByText('Closes Nov 26 12:00')).toBeInTheDocument()
    expect(screen.getByText('Nov 27 16:00-20:00')).toBeInTheDocument()
    expect(screen.queryByText(/\d+月\d+日/)).not.toBeInTheDocument()
    deal.unmount()

    const orders = render(<OrdersPage />)
    expect(await screen.findByText('Ordered Nov 26 09:00')).toBeInTheDocument()
    orders.unmount()

    Current.router = { params: { id: 'o-1' }, path: '/pages/order/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    render(<OrderPage />)
    expect(await screen.findByText('Pickup Nov 27 16:00-20:00')).toBeInTheDocument()
    expect(screen.getByText('Ordered at').parentElement).toHaveTextContent('Nov 26 09:00')
    expect(screen.queryByText(/\d+月\d+日/)).not.toBeInTheDocument()
  })
})
