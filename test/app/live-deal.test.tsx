import Taro from '@tarojs/taro'
import { act, renderHook } from '@testing-library/react'
import type { LiveDeal } from '../../types/api'
import { LiveStatus, POLL_MS, reconnectDelayMs, useLiveDeal } from '@/hooks/use-live-deal'
import { fakeApi } from './support/fake-api'

/** A socket the test drives: open it, send frames from "the server", drop it. */
class FakeSocket {
  url = ''
  closed = false
  private open: (() => void)[] = []
  private message: ((m: { data: string }) => void)[] = []
  private close: (() => void)[] = []
  onOpen = (f: () => void) => void this.open.push(f)
  onMessage = (f: (m: { data: string }) => void) => void this.message.push(f)
  onError = (f: () => void) => void this.close.push(f)
  onClose = (f: () => void) => void this.close.push(f)
  serverOpens = () => this.open.forEach((f) => f())
  serverSends = (frame: object) => this.message.forEach((f) => f({ data: JSON.stringify(frame) }))
  serverDrops = () => this.close.forEach((f) => f())
  closeFromPage = async () => {
    this.closed = true
  }
}

const deal = (count: number): LiveDeal => ({
  id: 'd-orange',
  status: 'open',
  count,
  minToSucceed: 3,
  currentUnitPriceFen: count >= 3 ? 990 : 1280,
  nextTier: count >= 3 ? { threshold: 5, unitPriceFen: 880, remaining: 5 - count } : { threshold: 3, unitPriceFen: 990, remaining: 3 - count },
  stockUnits: null,
  soldUnits: count,
  lastJoin: count ? { nickname: '小*', at: '2026-12-02T02:00:00.000Z' } : null,
})

let sockets: FakeSocket[]
beforeEach(() => {
  jest.useFakeTimers()
  sockets = []
  jest.spyOn(Taro, 'connectSocket').mockImplementation((async (opts: { url: string }) => {
    const s = new FakeSocket()
    s.url = opts.url
    sockets.push(s)
    return { ...s, close: s.closeFromPage } as unknown as Taro.SocketTask
  }) as unknown as typeof Taro.connectSocket)
})
afterEach(() => {
  jest.useRealTimers()
  jest.restoreAllMocks()
})

const flush = () => act(async () => void (await Promise.resolve()))

describe('a deal page watching its deal live', () => {
  it('shows each change the server pushes, and says it is live while connected', async () => {
    const seen: LiveDeal[] = []
    const { result } = renderHook(() => useLiveDeal('d-orange', (d) => seen.push(d)))
    await flush()
    expect(sockets[0].url).toMatch(/\/api\/v1\/deals\/d-orange\/live$/)
    expect(result.current).toBe(LiveStatus.connecting)
    act(() => sockets[0].serverOpens())
    expect(result.current).toBe(LiveStatus.live)
    act(() => sockets[0].serverSends({ type: 'deal', deal: deal(2), serverNow: '2026-12-02T02:00:00.000Z' }))
    act(() => sockets[0].serverSends({ type: 'pong', serverNow: '2026-12-02T02:00:00.000Z' }))
    act(() => sockets[0].serverSends({ type: 'deal', deal: deal(3), serverNow: '2026-12-02T02:00:01.000Z' }))
    expect(seen.map((d) => [d.count, d.currentUnitPriceFen])).toEqual([
      [2, 1280],
      [3, 990],
    ])
  })

  it('reconnects after a drop, and polls while the socket cannot open, until it opens again', async () => {
    const calls = fakeApi({ 'GET /deals/:id/live': { body: { deal: deal(4), serverNow: '2026-12-02T02:00:00.000Z' } } })
    const seen: LiveDeal[] = []
    const { result } = renderHook(() => useLiveDeal('d-orange', (d) => seen.push(d)))
    await flush()
    act(() => sockets[0].serverOpens())
    act(() => sockets[0].serverDrops())
    expect(result.current).toBe(LiveStatus.connecting)
    await act(async () => void jest.advanceTimersByTime(reconnectDelayMs(1, () => 1)))
    await flush()
    expect(sockets).toHaveLength(2)
    // the second socket fails too: the page polls meanwhile
    act(() => sockets[1].serverDrops())
    expect(result.current).toBe(LiveStatus.polling)
    await flush()
    await act(async () => void jest.advanceTimersByTime(POLL_MS))
    await flush()
    expect(calls.filter((c) => c.path === '/deals/d-orange/live').length).toBeGreaterThanOrEqual(2)
    expect(seen.at(-1)?.count).toBe(4)
    // a socket opens again: no more polling
    await act(async () => void jest.advanceTimersByTime(reconnectDelayMs(2, () => 1)))
    await flush()
    act(() => sockets[2].serverOpens())
    expect(result.current).toBe(LiveStatus.live)
    const polled = calls.length
    await act(async () => void jest.advanceTimersByTime(POLL_MS * 3))
    expect(calls.length).toBe(polled)
  })

  it('closes its socket when the page goes away', async () => {
    const { unmount } = renderHook(() => useLiveDeal('d-orange', () => undefined))
    await flush()
    unmount()
    expect(sockets[0].closed).toBe(true)
  })

  it('waits longer after each failure, at most 30 s', () => {
    const mid = () => 0.5
    expect([1, 2, 3, 4, 10].map((n) => reconnectDelayMs(n, mid))).toEqual([1000, 2000, 4000, 8000, 30000])
  })
})
