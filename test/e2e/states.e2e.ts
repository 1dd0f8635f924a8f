/**
 * Every deal state tells the truth: a sold-out, a cancelled and a succeeded deal (and a failed and a
 * finished one) as a shopper and as a leader, in Chinese and in English, on a phone. The deals are
 * made through the API as a leader would make them; short cutoffs let the sweeper settle them.
 * Screenshots land in .e2e/states/.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealDetail, Order, PickupPoint } from '../../types/api'
import { api, launchBrowser, phonePage, shotsDir, startApp, type RunningApp } from './harness'

jest.setTimeout(240_000)

let app: RunningApp
let browser: Browser
let page: Page

const statesDir = path.join(shotsDir, 'states')
async function shot(name: string) {
  fs.mkdirSync(statesDir, { recursive: true })
  await page.screenshot({ path: path.join(statesDir, `${name}.png`), fullPage: false })
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const call = <T>(pathname: string, init: RequestInit = {}) => api<T>(app.baseUrl, pathname, init)
const devLogin = (handle: string, role: 'shopper' | 'leader', nickname: string) =>
  call<AuthResponse>('/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })

/** Signs the browser in as this user, in this language (Taro storage over localStorage). */
async function signIn(auth: AuthResponse, locale: 'zh-CN' | 'en' = 'zh-CN') {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate(
    ([session, lang]) => {
      const stored = (state: unknown) => JSON.stringify({ data: JSON.stringify({ state, version: 0 }) })
      localStorage.setItem('linli-session', stored(session))
      localStorage.setItem('linli-locale', stored({ locale: lang }))
    },
    [auth, locale] as const,
  )
}

interface DealOpts {
  title: string
  stockUnits?: number | null
  minToSucceed?: number
  cutoffInMs?: number
  /** pickup starts this long after the cutoff and lasts this long (a short one lets the deal finish) */
  pickupAfterMs?: number
  pickupForMs?: number
}

async function publishDeal(leader: AuthResponse, point: PickupPoint, o: DealOpts): Promise<DealDetail> {
  const cutoff = Date.now() + (o.cutoffInMs ?? 6 * 3600_000)
  const start = cutoff + (o.pickupAfterMs ?? 18 * 3600_000)
  const draft = await call<{ deal: DealDetail }>('/leader/deals', {
    method: 'POST',
    headers: bearer(leader.token),
    body: JSON.stringify({
      title: o.title,
      product: { name: '赣南脐橙', spec: '5斤/箱', description: '果园直采', images: [] },
      listPriceFen: 3990,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 2990 },
        { threshold: 3, unitPriceFen: 2590 },
      ],
      minToSucceed: o.minToSucceed ?? 1,
      stockUnits: o.stockUnits ?? null,
      perUserLimit: null,
      cutoffAt: new Date(cutoff).toISOString(),
      pickupStart: new Date(start).toISOString(),
      pickupEnd: new Date(start + (o.pickupForMs ?? 5 * 3600_000)).toISOString(),
      pickupPointIds: [point.id],
    }),
  })
  const { deal } = await call<{ deal: DealDetail }>(`/leader/deals/${draft.deal.id}/publish`, {
    method: 'POST',
    headers: bearer(leader.token),
    body: '{}',
  })
  return deal
}

let keys = 0
async function buy(shopper: AuthResponse, deal: DealDetail): Promise<Order> {
  const { order } = await call<{ order: Order }>(`/deals/${deal.id}/orders`, {
    method: 'POST',
    headers: { ...bearer(shopper.token), 'idempotency-key': `e2e-states-${++keys}` },
    body: JSON.stringify({ quantity: 1, pickupPointId: deal.pickupPoints[0].id }),
  })
  await call(`/orders/${order.id}/pay`, { method: 'POST', headers: bearer(shopper.token), body: '{}' })
  return order
}

async function waitForStatus(dealId: string, status: string) {
  const deadline = Date.now() + 90_000
  for (;;) {
    const { deal } = await call<{ deal: DealDetail }>(`/deals/${dealId}`)
    if (deal.status === status) return
    if (Date.now() > deadline) throw new Error(`deal ${dealId} is ${deal.status}, not ${status}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

async function openDeal(id: string, waitFor: string) {
  await page.goto(`${app.baseUrl}/pages/deal/index?id=${id}`)
  await page.getByText(waitFor).first().waitFor({ timeout: 60_000 })
  await page.waitForTimeout(500) // the reader's own orders
}

async function openDashboard(id: string, waitFor: string) {
  await page.goto(`${app.baseUrl}/leader/pages/deal/index?id=${id}`)
  await page.getByText(waitFor).first().waitFor({ timeout: 60_000 })
  await page.waitForTimeout(300)
}

const button = (name: string) => page.locator('taro-button-core', { hasText: name })
const isOff = async (name: string) => (await button(name).first().getAttribute('disabled')) !== null

let leader: AuthResponse
let point: PickupPoint
let mei: AuthResponse
let lan: AuthResponse
let zhu: AuthResponse
const deals: Record<string, DealDetail> = {}
const orders: Record<string, Order> = {}

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  page = await phonePage(browser)

  leader = await devLogin('e2e-states-leader', 'leader', '王阿姨')
  point = await call<PickupPoint>('/leader/pickup-points', {
    method: 'POST',
    headers: bearer(leader.token),
    body: JSON.stringify({ name: '幸福里便利店', address: '幸福路12号', lat: 30.6, lng: 119.68, hours: '07:00-22:00', contact: '13800003333' }),
  })
  mei = await devLogin('e2e-states-mei', 'shopper', '小梅')
  lan = await devLogin('e2e-states-lan', 'shopper', '小兰')
  zhu = await devLogin('e2e-states-zhu', 'shopper', '小朱')

  deals.open = await publishDeal(leader, point, { title: '赣南脐橙 正在拼', stockUnits: 50, minToSucceed: 3 })
  deals.soldOut = await publishDeal(leader, point, { title: '赣南脐橙 最后一箱', stockUnits: 1 })
  orders.lastBox = await buy(mei, deals.soldOut)
  deals.cancelled = await publishDeal(leader, point, { title: '赣南脐橙 团长取消' })
  orders.cancelled = await buy(lan, deals.cancelled)
  // these settle on their own a few seconds from now
  deals.succeeded = await publishDeal(leader, point, { title: '赣南脐橙 已成团', cutoffInMs: 6000 })
  orders.succeeded = await buy(mei, deals.succeeded)
  await buy(lan, deals.succeeded)
  deals.failed = await publishDeal(leader, point, { title: '赣南脐橙 没拼成', minToSucceed: 3, cutoffInMs: 6000 })
  orders.failed = await buy(zhu, deals.failed)
  deals.completed = await publishDeal(leader, point, { title: '赣南脐橙 已结束', cutoffInMs: 6000, pickupAfterMs: 1000, pickupForMs: 2000 })
  await buy(mei, deals.completed)
  await Promise.all([
    waitForStatus(deals.succeeded.id, 'succeeded'),
    waitForStatus(deals.failed.id, 'failed'),
    waitForStatus(deals.completed.id, 'completed'),
  ])
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('a sold-out deal', () => {
  it('as a shopper who came too late: it says sold out, and invites nobody', async () => {
    await signIn(zhu)
    await page.goto(app.baseUrl + '/pages/home/index')
    const card = page.locator('[data-testid="deal-card"][data-state="sold_out"]')
    await card.waitFor({ timeout: 60_000 })
    await expect(card.locator('.deal-card__go').innerText()).resolves.toBe('已售罄')
    await shot('zh-home')
    await openDeal(deals.soldOut.id, '已售罄：库存已全部被拼完')
    expect(await isOff('已售罄')).toBe(true)
    expect(await button('邀请好友').count()).toBe(0)
    expect(await page.getByText(/再邀\d人/).count()).toBe(0)
    await shot('zh-deal-sold-out')
  })

  it('as the buyer of the last unit: sold out, and hers', async () => {
    await signIn(mei)
    await openDeal(deals.soldOut.id, '已售罄：你已抢到，到货后凭提货码提货')
    expect(await button('邀请好友').count()).toBe(0)
    await shot('zh-deal-sold-out-mine')
  })

  it('as the leader: sold out, still cancellable', async () => {
    await signIn(leader)
    await openDashboard(deals.soldOut.id, '已售罄：库存已全部卖出，截单后结算')
    expect(await button('取消团购').count()).toBe(1)
    await shot('zh-leader-sold-out')
  })
})

describe('a cancelled deal', () => {
  it('as a shopper whose page was read before the cancel: the join says cancelled and the sheet follows', async () => {
    const late = await publishDeal(leader, point, { title: '赣南脐橙 刚被取消' })
    await signIn(zhu)
    await openDeal(late.id, '立即参团')
    await button('立即参团').click()
    const confirm = page.getByText('确认参团 · 1件 · ¥29.90')
    await confirm.waitFor({ timeout: 30_000 })
    await call(`/leader/deals/${late.id}/cancel`, { method: 'POST', headers: bearer(leader.token), body: '{}' })
    await confirm.click()
    const notice = page.locator('.join__error[role="alert"]')
    await notice.waitFor({ timeout: 30_000 })
    await expect(notice.innerText()).resolves.toBe('团长已取消这个团购，不能再参加了')
    await page.locator('.join[data-state="cancelled"]').waitFor({ timeout: 30_000 })
    expect(await isOff('已取消 · 已退款')).toBe(true)
    await shot('zh-join-cancelled')
  })

  it('as a shopper who had paid: a cancelled banner, refunded in full, no "final price ¥0.00"', async () => {
    await call(`/leader/deals/${deals.cancelled.id}/cancel`, { method: 'POST', headers: bearer(leader.token), body: '{}' })
    await signIn(lan)
    await openDeal(deals.cancelled.id, '团长已取消这个团购，已全额退款，原路退回')
    expect(await isOff('已取消 · 已退款')).toBe(true)
    expect(await page.getByText('已享最低价').count()).toBe(0)
    await shot('zh-deal-cancelled')
    await page.goto(`${app.baseUrl}/shopper/pages/order/index?id=${orders.cancelled.id}`)
    await page.getByText('已全额退款 ¥29.90，原路退回').waitFor({ timeout: 60_000 })
    expect(await page.getByText('最终单价').count()).toBe(0)
    await shot('zh-order-cancelled')
  })

  it('as the leader: the header counts the refunded order, and nothing to hand out', async () => {
    await signIn(leader)
    await openDashboard(deals.cancelled.id, '团购已取消，1 单已全额退款')
    await expect(page.getByText('订单（1）').count()).resolves.toBe(1)
    expect(await button('核销提货').count()).toBe(0)
    await shot('zh-leader-cancelled')
  })
})

describe('a succeeded deal', () => {
  it('as a shopper: succeeded at its final price, nothing to join', async () => {
    await signIn(mei)
    await openDeal(deals.succeeded.id, '已成团！成交价 ¥29.90，到货后到自提点提货')
    expect(await isOff('已成团')).toBe(true)
    expect(await button('邀请好友').count()).toBe(0)
    await shot('zh-deal-succeeded')
  })

  it('as the leader: the point keeps its name, its counts on one line beside the arrive button', async () => {
    await signIn(leader)
    await openDashboard(deals.succeeded.id, '2单 · 2件')
    const row = page.locator('.dash__point', { hasText: '幸福里便利店' })
    const name = await row.locator('.lc-list-item__title').boundingBox()
    const counts = await row.locator('.lc-list-item__sub').boundingBox()
    const arrive = await row.locator('.dash__arrive').boundingBox()
    const whole = await row.boundingBox()
    expect(name!.width).toBeGreaterThan(80)
    expect(counts!.height).toBeLessThan(40) // one line, not a character a line
    expect(arrive!.width).toBeLessThan(whole!.width / 2)
    await shot('zh-leader-succeeded')
  })
})

describe('a failed and a finished deal', () => {
  it('each says what happened', async () => {
    await signIn(zhu)
    await openDeal(deals.failed.id, '未达到成团数量，团购未成，已全额退款，原路退回')
    expect(await isOff('未成团 · 已退款')).toBe(true)
    await shot('zh-deal-failed')
    await signIn(mei)
    await openDeal(deals.completed.id, '团购已结束，感谢邻居们的支持')
    await shot('zh-deal-completed')
    await signIn(zhu)
    await openDeal(deals.open.id, '立即参团')
    await shot('zh-deal-open')
  })
})

describe('in English', () => {
  it('every state has its own words, and nothing runs together', async () => {
    await signIn(zhu, 'en')
    await page.goto(app.baseUrl + '/pages/home/index')
    await page.locator('[data-testid="deal-card"][data-state="sold_out"]').waitFor({ timeout: 60_000 })
    const line = await page.locator('[data-testid="deal-card"][data-state="joinable"] .tier-progress__text').first().innerText()
    expect(line.replace(/\s+/g, ' ')).toMatch(/joined · \d+ more/)
    await shot('en-home')
    const states: [string, string, string][] = [
      ['open', 'Join at', 'en-deal-open'],
      ['soldOut', 'Sold out: every unit has been taken', 'en-deal-sold-out'],
      ['cancelled', 'The leader cancelled this group buy; everyone was refunded in full', 'en-deal-cancelled'],
      ['succeeded', 'The group succeeded at ¥29.90. Pick up once the goods arrive', 'en-deal-succeeded'],
      ['failed', 'The group did not reach its minimum; everyone was refunded in full', 'en-deal-failed'],
      ['completed', 'This group buy has finished. Thanks, neighbours!', 'en-deal-completed'],
    ]
    for (const [state, words, name] of states) {
      await openDeal(deals[state].id, words)
      await shot(name)
    }
    await signIn(leader, 'en')
    await openDashboard(deals.cancelled.id, 'Cancelled; 1 order refunded in full')
    await expect(page.getByText('Orders (1)').count()).resolves.toBe(1)
    await shot('en-leader-cancelled')
    await openDashboard(deals.succeeded.id, '2 orders · 2 pcs')
    await shot('en-leader-succeeded')
    await page.goto(app.baseUrl + '/leader/pages/home/index')
    await page.getByText('Cancelled').first().waitFor({ timeout: 60_000 })
    await shot('en-leader-home')
  })
})
