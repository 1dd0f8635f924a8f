import { fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import fs from 'node:fs'
import path from 'node:path'
import Taro from '@tarojs/taro'
import { Current } from '@tarojs/runtime'
import { countdownLabel, dateTimeLabel, format, t, tierLabel, useLocale, windowLabel } from '@/i18n'
import { en } from '@/i18n/en'
import { zhCN } from '@/i18n/zh-CN'
import { knownErrorText } from '@/i18n/errors'
import { leaderEn } from '@/i18n/leader/en'
import { leaderZhCN } from '@/i18n/leader/zh-CN'
import { shopperEn } from '@/i18n/shopper/en'
import { shopperZhCN } from '@/i18n/shopper/zh-CN'
// the supplier console's table teaches the help-selling, receipt and supplier codes
import '@/i18n/supplier'
// the operator console's codes are worded in its own subpackage's tables
import '@/i18n/admin'
import VerifyPage from '@/leader/pages/verify/index'
import DealPage from '@/pages/deal/index'
import HomePage from '@/pages/home/index'
import MePage from '@/pages/me/index'
import OrderPage from '@/shopper/pages/order/index'
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

    Current.router = { params: { id: 'o-1' }, path: '/shopper/pages/order/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    render(<OrderPage />)
    expect(await screen.findByText('Pickup Nov 27 16:00-20:00')).toBeInTheDocument()
    expect(screen.getByText('Ordered at').parentElement).toHaveTextContent('Nov 26 09:00')
    expect(screen.queryByText(/\d+月\d+日/)).not.toBeInTheDocument()
  })

  it('the leader console has its own words, every one in English too', () => {
    expect(Object.keys(leaderEn).sort()).toEqual(Object.keys(leaderZhCN).sort())
    for (const [key, text] of Object.entries(leaderEn)) expect([key, text.trim()]).not.toEqual([key, ''])
  })

  it('the shopper subpackage has its own words, every one in English too, none also in the main tables', () => {
    expect(Object.keys(shopperEn).sort()).toEqual(Object.keys(shopperZhCN).sort())
    for (const [key, text] of Object.entries(shopperEn)) expect([key, text.trim()]).not.toEqual([key, ''])
    expect(Object.keys(shopperZhCN).filter((key) => key in zhCN)).toEqual([])
  })
})

describe("the server's refusals in English", () => {
  const CHINESE = /[\u4e00-\u9fff]/

  /** An English shopper opens the orange deal and tries to join; the server answers `refusal`. */
  async function joinRefused(refusal: { code: string; message: string; params?: Record<string, number> }) {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    useLocale.getState().setLocale('en')
    useSession.getState().signIn({ token: 'tok-mei', user: shopper })
    fakeApi({
      'GET /deals/d-orange': { body: { serverNow: NOW, deal: dealDetail({ myUnits: 0, maxMoreUnits: 96 }) } },
      'POST /deals/d-orange/invites': { body: { code: 'MEI1', path: '' } },
      'GET /me/orders': { body: { orders: [] } },
      'POST /deals/d-orange/orders': { status: 409, body: { error: refusal } },
    })
    Current.router = { params: { id: 'd-orange' }, path: '/pages/deal/index', $taroPath: '', onReady: '', onHide: '', onShow: '' }
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime })
    render(<DealPage />)
    await user.click(await screen.findByRole('button', { name: 'Join at ¥9.90' }))
    await user.click(await screen.findByRole('button', { name: 'Join · 1 pc · ¥9.90' }))
    return screen.findByRole('alert')
  }

  it("a sold-out deal says so in English, not in the server's Chinese", async () => {
    const alert = await joinRefused({ code: 'SOLD_OUT', message: '已抢光了，下次早点来' })
    expect(alert).toHaveTextContent('Sold out. Come a little earlier next time!')
    expect(alert.textContent).not.toMatch(CHINESE)
  })

  it('a join after the cutoff says the deal has closed', async () => {
    const alert = await joinRefused({ code: 'DEAL_CLOSED', message: '该团购已截单，不能再参加或修改了' })
    expect(alert).toHaveTextContent('This group buy has closed; it can no longer be joined or changed')
    expect(alert.textContent).not.toMatch(CHINESE)
  })

  it("puts the server's numbers into its own words: stock left, the per-person limit", async () => {
    const alert = await joinRefused({ code: 'NOT_ENOUGH_STOCK', message: '库存不足，只剩 2 件了', params: { left: 2 } })
    expect(alert).toHaveTextContent('Not enough stock: only 2 left')
    expect(knownErrorText('OVER_LIMIT', { limit: 5, mine: 3 })).toBe('Limit 5 per person; you already have 3')
    expect(knownErrorText('OVER_LIMIT', { limit: 5, mine: 0 })).toBe('Limit 5 per person')
    // without its numbers (an older server) the sentence is not guessed: the server's words stand
    expect(knownErrorText('NOT_ENOUGH_STOCK')).toBeNull()
  })

  it('has words in both languages for every code the server can answer with', () => {
    const files = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
    const source = files(path.resolve(__dirname, '../../server'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n')
    const refusal = /(?:badRequest|conflict|unprocessable)\(\s*'([A-Z_]+)'|AppError\(\d+, '([A-Z_]+)'|error: \{ code: '([A-Z_]+)'/g
    const codes = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_ATTEMPTS']) // server/http/errors.ts's helpers
    for (const m of source.matchAll(refusal)) codes.add(m[1] ?? m[2] ?? m[3])
    // the deal input problems' public codes (leader-deals.service.ts's ERROR_CODE table)
    for (const block of source.matchAll(/const ERROR_CODE[^{]*\{([^}]*)\}/g)) for (const m of block[1].matchAll(/'([A-Z_]+)'/g)) codes.add(m[1])
    expect(codes.size).toBeGreaterThan(40)
    for (const locale of ['zh-CN', 'en'] as const) {
      useLocale.getState().setLocale(locale)
      const missing = [...codes].filter(
        (code) => knownErrorText(code, { left: 1, limit: 1, mine: 0, minutes: 1, mb: 5, seconds: 1, max: 20 }) === null,
      )
      expect([locale, missing]).toEqual([locale, []])
    }
  })

  it("shows the server's own message for a code the app does not know", async () => {
    const alert = await joinRefused({ code: 'SOMETHING_NEW', message: 'A reason from a newer server' })
    expect(alert).toHaveTextContent('A reason from a newer server')
  })

  it("a wrong pickup code, and too many of them, read in English at the leader's counter", async () => {
    useLocale.getState().setLocale('en')
    useSession.getState().signIn({ token: 't', user: { ...shopper, roles: ['shopper', 'leader'] } })
    let attempts = 0
    fakeApi({
      'POST /leader/pickups/lookup': () =>
        ++attempts < 2
          ? { status: 404, body: { error: { code: 'NOT_FOUND', message: '提货码不存在' } } }
          : { status: 429, body: { error: { code: 'TOO_MANY_ATTEMPTS', message: '提货码错误次数过多，请 10 分钟后再试', params: { minutes: 10 } } } },
    })
    render(<VerifyPage />)
    const code = screen.getByLabelText('Pickup code')
    const type = (value: string) => fireEvent(code, new CustomEvent('input', { detail: { value, cursor: value.length }, bubbles: true }))
    type('111111')
    await userEvent.click(screen.getByRole('button', { name: 'Find order' }))
    expect(await screen.findByRole('alert')).toHaveTextContent("That pickup code isn't right; ask the neighbour to check it")

    type('222222')
    await userEvent.click(screen.getByRole('button', { name: 'Find order' }))
    expect(await screen.findByText('Too many wrong pickup codes; try again in 10 min')).toBeInTheDocument()
    expect(document.body.textContent).not.toMatch(CHINESE)
  })
})
