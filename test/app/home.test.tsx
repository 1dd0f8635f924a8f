import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import Taro from '@tarojs/taro'
import HomePage from '@/pages/home/index'
import { useLocation } from '@/stores/location'
import { fakeApi } from './support/fake-api'
import { dealSummary, NOW } from './support/fixtures'

const pageHooks = (Taro as unknown as { __pageHooks: { pullDownRefresh: (() => Promise<void>)[] } }).__pageHooks

describe('the home page', () => {
  it("shows each deal's title, current price, list price, tier progress, countdown and pickup distance", async () => {
    jest.useFakeTimers({ now: new Date(NOW), advanceTimers: true })
    fakeApi({
      'GET /deals': {
        body: {
          serverNow: NOW,
          deals: [
            dealSummary(),
            dealSummary({
              id: 'd-egg',
              title: '散养土鸡蛋',
              product: { name: '土鸡蛋', spec: '30枚/盒', description: '', images: [], category: '蛋' },
              listPriceFen: 3600,
              currentUnitPriceFen: 2590,
              tierBasis: 'units',
              count: 8,
              nextTier: { threshold: 10, unitPriceFen: 2290, remaining: 2 },
            }),
          ],
        },
      },
    })
    render(<HomePage />)

    const orange = await screen.findByRole('link', { name: '赣南脐橙 现摘现发' })
    expect(within(orange).getByText('¥9.90')).toBeInTheDocument()
    expect(within(orange).getByText('¥29.90')).toBeInTheDocument()
    expect(within(orange).getByText('再邀2人 享¥8.80')).toBeInTheDocument()
    expect(within(orange).getByText('距截单 02:00:00')).toBeInTheDocument()
    expect(within(orange).getByText('350m · 幸福里便利店')).toBeInTheDocument()

    const eggs = screen.getByRole('link', { name: '散养土鸡蛋' })
    expect(within(eggs).getByText('¥25.90')).toBeInTheDocument()
    expect(within(eggs).getByText('再拼2件 享¥22.90')).toBeInTheDocument()
    // no photo: a coloured tile with the product's first character instead of an empty box
    expect(within(eggs).getByText('土')).toBeInTheDocument()
  })

  it('shows 已享最低价 once the lowest price is reached', async () => {
    fakeApi({
      'GET /deals': {
        body: { serverNow: NOW, deals: [dealSummary({ count: 6, currentUnitPriceFen: 880, nextTier: null })] },
      },
    })
    render(<HomePage />)
    expect(await screen.findByText('已享最低价')).toBeInTheDocument()
    expect(screen.getByText('¥8.80')).toBeInTheDocument()
  })

  it('counts down on the server clock and shows 已截单 when the cutoff passes', async () => {
    // the phone's clock runs 10 minutes slow; the countdown must follow the server
    jest.useFakeTimers({ now: new Date(Date.parse(NOW) - 10 * 60_000), advanceTimers: false })
    fakeApi({
      'GET /deals': {
        body: { serverNow: NOW, deals: [dealSummary({ cutoffAt: '2026-11-26T02:00:03.000Z' })] },
      },
    })
    render(<HomePage />)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(screen.getByText('距截单 00:00:03')).toBeInTheDocument()

    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000)
    })
    expect(screen.getByText('距截单 00:00:02')).toBeInTheDocument()

    await act(async () => {
      await jest.advanceTimersByTimeAsync(3000)
    })
    expect(screen.getByText('已截单')).toBeInTheDocument()
  })

  it('shows a friendly empty state when nothing is open nearby', async () => {
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [] } } })
    render(<HomePage />)
    expect(await screen.findByText('附近暂时没有开团')).toBeInTheDocument()
  })

  it('shows an error with a retry button that loads again', async () => {
    let up = false
    fakeApi({
      'GET /deals': () => (up ? { body: { serverNow: NOW, deals: [dealSummary()] } } : 'network-down'),
    })
    render(<HomePage />)

    expect(await screen.findByRole('alert')).toHaveTextContent('网络不太好，请检查网络后重试')
    up = true
    await userEvent.click(screen.getByRole('button', { name: '重新加载' }))

    expect(await screen.findByText('赣南脐橙 现摘现发')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it("shows the server's own error message", async () => {
    fakeApi({ 'GET /deals': { status: 400, body: { error: { code: 'BAD_LOCATION', message: '位置参数不正确' } } } })
    render(<HomePage />)
    expect(await screen.findByRole('alert')).toHaveTextContent('位置参数不正确')
  })

  it('reloads the deals on pull-to-refresh', async () => {
    let price = 990
    fakeApi({ 'GET /deals': () => ({ body: { serverNow: NOW, deals: [dealSummary({ currentUnitPriceFen: price })] } }) })
    const stop = jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation((() => undefined) as never)
    render(<HomePage />)
    expect(await screen.findByText('¥9.90')).toBeInTheDocument()

    price = 880
    await act(async () => {
      await pageHooks.pullDownRefresh[0]()
    })
    expect(screen.getByText('¥8.80')).toBeInTheDocument()
    expect(stop).toHaveBeenCalled()
  })

  it('asks for deals near the shopper when location is allowed', async () => {
    useLocation.setState({ status: 'granted', coords: { lat: 30.5, lng: 114.3 } })
    const calls = fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [dealSummary()] } } })
    render(<HomePage />)
    await screen.findByText('赣南脐橙 现摘现发')
    expect(calls[0].query).toEqual({ lat: '30.5', lng: '114.3' })
  })

  it('opens the deal page when a deal is tapped', async () => {
    fakeApi({ 'GET /deals': { body: { serverNow: NOW, deals: [dealSummary()] } } })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'ok' } as never)
    render(<HomePage />)
    await userEvent.click(await screen.findByRole('link', { name: '赣南脐橙 现摘现发' }))
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/deal/index?id=d-orange' })
  })
})

describe('coming back to the home page', () => {
  it('refreshes the prices when the page shows again', async () => {
    let price = 990
    const calls = fakeApi({ 'GET /deals': () => ({ body: { serverNow: NOW, deals: [dealSummary({ currentUnitPriceFen: price })] } }) })
    render(<HomePage />)
    expect(await screen.findByText('¥9.90')).toBeInTheDocument()
    const didShow = (Taro as unknown as { __pageHooks: { didShow: (() => void)[] } }).__pageHooks.didShow
    act(() => didShow.forEach((show) => show())) // the first show: nothing new to fetch
    // (the deal reads: home also reads the category chips once)
    const dealReads = () => calls.filter((c) => c.path === '/deals')
    expect(dealReads()).toHaveLength(1)

    price = 880
    act(() => didShow.forEach((show) => show()))
    expect(await screen.findByText('¥8.80')).toBeInTheDocument()
    expect(dealReads()).toHaveLength(2)
  })
})

describe('a town with more deals than one screen', () => {
  it('shows the next page as the shopper scrolls to the end, and says when there is no more', async () => {
    const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => dealSummary({ id: `d-${from + i}`, title: `第${from + i}个团购` }))
    const calls = fakeApi({
      'GET /deals': (req) => ({ body: { serverNow: NOW, deals: req.query.offset === '20' ? many(20, 3) : many(0, 20) } }),
    })
    render(<HomePage />)
    await screen.findByRole('link', { name: '第0个团购' })
    expect(screen.queryByText(/下拉刷新/)).toBeNull()
    // the first screen's cards come at once, the rest a few at a time just after
    await waitFor(() => expect(screen.getAllByRole('link', { name: /^第\d+个团购$/ })).toHaveLength(20), { timeout: 10_000 })

    const bottom = (Taro as unknown as { __pageHooks: { reachBottom: (() => void)[] } }).__pageHooks.reachBottom
    await act(async () => bottom.forEach((f) => f()))
    await screen.findByRole('link', { name: '第22个团购' })
    await waitFor(() => expect(screen.getAllByRole('link', { name: /^第\d+个团购$/ })).toHaveLength(23), { timeout: 10_000 })
    expect(calls.filter((c) => c.path === '/deals').map((c) => c.query.offset ?? '0')).toEqual(['0', '20'])
    expect(screen.getByText(/下拉刷新/)).toBeInTheDocument()
  })
})
