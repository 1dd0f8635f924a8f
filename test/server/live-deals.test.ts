import WebSocket from 'ws'
import type { LiveFrame } from '../../types/api'
import { testConfig } from '../../server/config'
import { LiveDeals, MAX_SOCKETS_PER_CLIENT } from '../../server/features/live/live-deals'
import { liveDealsOf } from '../../server/features/live/live.routes'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { twoInstances, type Instance, type TestClock } from './helpers'

/**
 * 王姐 shares her deal; her sister opens it on one API instance while friends join on another. The
 * page moves as they join, without a reload.
 */
jest.setTimeout(30_000)

let one: Instance
let two: Instance
let close: () => Promise<void>
let clock: TestClock
let leader: Auth
let point: string

beforeAll(async () => {
  ;({ one, two, close, clock } = await twoInstances({ listen: true }))
  leader = await person(one.app, '王姐', 'leader')
  point = await newPoint(one.app, leader)
})
afterAll(() => close())

/** A socket that keeps every frame it gets, and can wait for one that matches. */
class Watcher {
  readonly frames: LiveFrame[] = []
  readonly socket: WebSocket
  private waiting: (() => void)[] = []
  closed: { code: number } | null = null

  constructor(url: string) {
    this.socket = new WebSocket(url)
    this.socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as LiveFrame)
      for (const w of this.waiting.splice(0)) w()
    })
    this.socket.on('close', (code) => {
      this.closed = { code }
      for (const w of this.waiting.splice(0)) w()
    })
  }

  async until(check: (frames: LiveFrame[]) => boolean, ms = 3_000): Promise<LiveFrame[]> {
    const deadline = Date.now() + ms
    while (!check(this.frames)) {
      if (Date.now() > deadline) throw new Error(`no such frame in ${ms} ms: ${JSON.stringify(this.frames)}`)
      await new Promise<void>((r) => {
        this.waiting.push(r)
        setTimeout(r, 50)
      })
    }
    return this.frames
  }

  last() {
    const deals = this.frames.filter((f) => f.type === 'deal')
    return deals[deals.length - 1]?.type === 'deal' ? deals[deals.length - 1] : undefined
  }

  async close() {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.close()
    await this.until(() => this.closed !== null)
  }
}

/** What an upgrade that was refused answered (status and body), as the browser's socket sees it. */
function refusedUpgrade(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url)
    socket.on('open', () => reject(new Error('the socket opened')))
    socket.on('unexpected-response', (_req, res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    socket.on('error', () => undefined)
  })
}

describe('a deal page that moves as friends join', () => {
  it("shows a friend's join on another instance within a moment, with who joined and the new price", async () => {
    const dealId = await openDeal(one.app, leader, dealInput(clock.now(), [point]))
    const sister = new Watcher(`${two.wsUrl}/api/v1/deals/${dealId}/live`)
    await sister.until((f) => f.length > 0)
    expect(sister.last()?.deal).toMatchObject({ status: 'open', count: 0, lastJoin: null })

    const started = Date.now()
    await joinAndPay(one.app, await person(one.app, '小王'), dealId, { quantity: 1, pickupPointId: point })
    // joined (counted while her order is held) and then paid: the page says who joined
    await sister.until(() => sister.last()?.deal.count === 1 && sister.last()?.deal.lastJoin !== null)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(sister.last()?.deal.lastJoin?.nickname).toBe('小*')

    for (const name of ['婷婷', '阿华']) await joinAndPay(two.app, await person(two.app, name), dealId, { quantity: 1, pickupPointId: point })
    await sister.until(() => sister.last()?.deal.count === 3)
    expect(sister.last()?.deal).toMatchObject({ count: 3, currentUnitPriceFen: 990, nextTier: { unitPriceFen: 880, remaining: 2 } })

    // the leader cancels: the page says so at once
    expect((await call(one.app, leader, 'POST', `/leader/deals/${dealId}/cancel`)).status).toBe(200)
    await sister.until(() => sister.last()?.deal.status === 'cancelled')
    await sister.close()
  })

  it('a plain GET answers the same state once: what a page polls when its socket cannot open', async () => {
    const dealId = await openDeal(one.app, leader, dealInput(clock.now(), [point]))
    const res = await call(two.app, null, 'GET', `/deals/${dealId}/live`)
    expect(res.status).toBe(200)
    expect(res.body.deal).toMatchObject({ id: dealId, status: 'open', count: 0 })
  })

  it('an unknown or draft deal is refused before the socket opens, and nothing is kept', async () => {
    expect(await refusedUpgrade(`${one.wsUrl}/api/v1/deals/no-such-deal/live`)).toMatchObject({ status: 404 })
    const draft = await call(one.app, leader, 'POST', '/leader/deals', dealInput(clock.now(), [point]))
    const draftId = (draft.body.deal ?? draft.body).id
    const refused = await refusedUpgrade(`${one.wsUrl}/api/v1/deals/${draftId}/live`)
    expect(refused.status).toBe(404)
    expect(JSON.parse(refused.body).error.code).toBe('NOT_FOUND')
    expect(liveDealsOf(one.app.ctx)!.watcherCount).toBe(0)
  })

  it('a frame that is not a ping closes that socket (1003); the server carries on', async () => {
    const dealId = await openDeal(one.app, leader, dealInput(clock.now(), [point]))
    const w = new Watcher(`${one.wsUrl}/api/v1/deals/${dealId}/live`)
    await w.until((f) => f.length > 0)
    w.socket.send(JSON.stringify({ type: 'ping' }))
    await w.until((f) => f.some((x) => x.type === 'pong'))
    w.socket.send('{"subscribe": [1, 2, 3')
    await w.until(() => w.closed !== null)
    expect(w.closed?.code).toBe(1003)
    // too big for a ping: ws refuses it itself (1009)
    const big = new Watcher(`${one.wsUrl}/api/v1/deals/${dealId}/live`)
    await big.until((f) => f.length > 0)
    big.socket.send('x'.repeat(4096))
    await big.until(() => big.closed !== null)
    expect(big.closed?.code).toBe(1009)
    expect((await call(one.app, null, 'GET', `/deals/${dealId}/live`)).status).toBe(200)
  })

  it(`one client opening socket after socket: past ${MAX_SOCKETS_PER_CLIENT} it is refused (429), and closing them frees everything`, async () => {
    const dealId = await openDeal(one.app, leader, dealInput(clock.now(), [point]))
    const url = `${one.wsUrl}/api/v1/deals/${dealId}/live`
    const open: Watcher[] = []
    for (let i = 0; i < MAX_SOCKETS_PER_CLIENT; i++) open.push(new Watcher(url))
    await Promise.all(open.map((w) => w.until((f) => f.length > 0)))
    const refused = await refusedUpgrade(url)
    expect(refused.status).toBe(429)
    expect(JSON.parse(refused.body).error.code).toBe('TOO_MANY_SOCKETS')
    await Promise.all(open.map((w) => w.close()))
    const deadline = Date.now() + 2_000
    while (liveDealsOf(one.app.ctx)!.watcherCount > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(liveDealsOf(one.app.ctx)!.watcherCount).toBe(0)
  })

  it('a client that never reads is let go instead of being buffered for ever', () => {
    const live = new LiveDeals({ db: one.db, config: testConfig(), now: clock.now })
    let terminated = false
    let sent = 0
    const socket = { readyState: 1, OPEN: 1, bufferedAmount: 10 * 1024 * 1024, terminate: () => (terminated = true), send: () => sent++ }
    live.send(socket as unknown as WebSocket, 'frame')
    expect(terminated).toBe(true)
    expect(sent).toBe(0)
    void live.close()
  })
})
