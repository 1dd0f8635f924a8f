import type { Browser, Page } from 'playwright-core'
import { formatFen } from '../../src/domain'
import type { AuthResponse, DealDetail, Order, PickupPoint, User } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

let app: RunningApp
let browser: Browser
let pageA: Page
let pageB: Page

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** Web Share is what a phone offers; headless Chromium has none, so the test keeps what was shared. */
async function recordShares(page: Page) {
  await page.addInitScript(() => {
    const shared: ShareData[] = []
    Object.assign(window, { __shared: shared })
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: ShareData) => {
        shared.push(data)
      },
    })
  })
}

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  pageA = await phonePage(browser)
  pageB = await phonePage(browser) // its own context: another phone
  await recordShares(pageA)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** A fresh deal where one more friend unlocks the lower price: ¥12.80 alone, ¥8.80 from two people. */
async function dealForTwo(): Promise<DealDetail> {
  const leader = await api<AuthResponse>(app.baseUrl, '/auth/dev-login', {
    method: 'POST',
    body: JSON.stringify({ handle: 'e2e-shopper-leader', role: 'leader', nickname: '王阿姨' }),
  })
  const point = await api<PickupPoint>(app.baseUrl, '/leader/pickup-points', {
    method: 'POST',
    headers: bearer(leader.token),
    body: JSON.stringify({ name: '花园小区便利店', address: '花园路8号', lat: 30.6, lng: 119.68, hours: '07:00-22:00', contact: '13800002222' }),
  })
  const now = Date.now()
  const draft = await api<{ deal: DealDetail }>(app.baseUrl, '/leader/deals', {
    method: 'POST',
    headers: bearer(leader.token),
    body: JSON.stringify({
      title: '临安山核桃 一起拼',
      product: { name: '山核桃', spec: '250g/袋', description: '当季新炒，手剥不费力', images: [] },
      listPriceFen: 1680,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 2, unitPriceFen: 880 },
      ],
      minToSucceed: 2,
      stockUnits: 100,
      perUserLimit: 5,
      cutoffAt: new Date(now + 6 * 3600_000).toISOString(),
      pickupStart: new Date(now + 24 * 3600_000).toISOString(),
      pickupEnd: new Date(now + 30 * 3600_000).toISOString(),
      pickupPointIds: [point.id],
    }),
  })
  const { deal } = await api<{ deal: DealDetail }>(app.baseUrl, `/leader/deals/${draft.deal.id}/publish`, {
    method: 'POST',
    headers: bearer(leader.token),
    body: '{}',
  })
  return deal
}

/** The H5 demo-user picker: choose who you are. */
async function pickDemoUser(page: Page, nickname: string) {
  await page.getByText('选择体验账号').waitFor()
  await page.locator('.sign-in__user', { hasText: nickname }).first().click()
}

/** Joins the open join sheet with one unit and pays with the sandbox. */
async function confirmAndPay(page: Page, who: string) {
  await page.getByText('确认参团 · 1件').click()
  await page.getByText('模拟支付（沙箱）').waitFor()
  await shot(page, `${who}-pay`)
  await page.getByText('模拟支付（沙箱）').click()
  await page.getByText(/参团成功，已支付/).waitFor()
}

describe('a shopper invites a friend and together they unlock the lower price', () => {
  let deal: DealDetail
  let shopperA: User
  let shopperB: User
  let inviteUrl = ''

  beforeAll(async () => {
    deal = await dealForTwo()
    const { users } = await api<{ users: User[] }>(app.baseUrl, '/dev/users')
    const shoppers = users.filter((u) => u.handle && !u.roles.includes('leader'))
    ;[shopperA, shopperB] = shoppers
    expect(shopperB).toBeDefined()
  })

  it('A opens the deal, signs in as a demo user, joins and pays with the sandbox', async () => {
    await pageA.goto(`${app.baseUrl}/pages/deal/index?id=${deal.id}`)
    await pageA.getByText(deal.title).first().waitFor({ timeout: 30_000 })
    await expect(pageA.locator('[data-testid="tier-current"]').innerText()).resolves.toContain('12.80')
    await shot(pageA, '10-a-deal')

    await pageA.getByText('¥12.80 立即参团').click()
    await pickDemoUser(pageA, shopperA.nickname)
    await pageA.getByText('确认参团 · 1件').waitFor()
    await shot(pageA, '11-a-join-sheet')
    await confirmAndPay(pageA, '12-a')
    await expect(pageA.getByText('参团成功，已支付 ¥12.80').isVisible()).resolves.toBe(true)
    await expect(pageA.getByText(/再邀1人/).first().isVisible()).resolves.toBe(true)
    await shot(pageA, '13-a-success')
  })

  it('A shares the invite from the success screen', async () => {
    await pageA.getByText('邀请好友参团').click()
    await pageA.waitForFunction(() => (window as unknown as { __shared: ShareData[] }).__shared.length > 0)
    const [shared] = await pageA.evaluate(() => (window as unknown as { __shared: ShareData[] }).__shared)
    expect(shared.title).toContain('再邀1人')
    expect(shared.url).toContain(`/pages/deal/index?id=${encodeURIComponent(deal.id)}&invite=`)
    inviteUrl = shared.url!
    expect(inviteUrl.startsWith(app.baseUrl)).toBe(true)
  })

  it("B opens A's invite link, sees who invited her and what her joining unlocks, joins in two taps and pays", async () => {
    await pageB.goto(inviteUrl)
    const banner = pageB.getByRole('note')
    await banner.waitFor({ timeout: 30_000 })
    const text = await banner.innerText()
    expect(text).toContain(shopperA.nickname)
    expect(text).toContain('再邀1人')
    expect(text).toContain('¥8.80')
    await shot(pageB, '20-b-invite')

    await pageB.getByText('¥12.80 立即参团').click() // tap one
    await pickDemoUser(pageB, shopperB.nickname)
    await pageB.getByText('确认参团 · 1件').waitFor()
    await shot(pageB, '21-b-join-sheet')
    await confirmAndPay(pageB, '22-b') // tap two, then pay
    await shot(pageB, '23-b-success')
  })

  it('both now see the lower price', async () => {
    const after = await api<{ deal: DealDetail }>(app.baseUrl, `/deals/${deal.id}`)
    expect(after.deal.count).toBe(2)
    expect(after.deal.currentUnitPriceFen).toBe(880)

    await pageB.locator('.nut-popup-title-right, .nut-popup__close-icon, [class*="close"]').first().click().catch(() => undefined)
    await pageB.reload()
    await pageB.locator('[data-testid="tier-current"]').waitFor({ timeout: 30_000 })
    await expect(pageB.locator('[data-testid="tier-current"]').innerText()).resolves.toContain(formatFen(880).replace('¥', ''))
    await expect(pageB.locator('.deal__price').innerText()).resolves.toContain('8.80')
    await shot(pageB, '24-b-lower-price')

    await pageA.reload()
    await pageA.locator('[data-testid="tier-current"]').waitFor({ timeout: 30_000 })
    await expect(pageA.locator('.deal__price').innerText()).resolves.toContain('8.80')
    await shot(pageA, '14-a-lower-price')
  })

  it("A's order page shows a pickup code", async () => {
    await pageA.getByText('查看订单与提货码 ›').click()
    const code = pageA.locator('.order__code')
    await code.waitFor({ timeout: 30_000 })
    expect((await code.innerText()).replace(/\s/g, '')).toMatch(/^\d{6}$/)
    const { orders } = await api<{ orders: Order[] }>(app.baseUrl, '/me/orders', {
      headers: bearer(await pageA.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('linli-session')!).data).state.token)),
    })
    expect(orders[0].unitPriceFen).toBe(1280) // she paid ¥12.80; the difference comes back at cutoff
    await shot(pageA, '15-a-order')
    await code.scrollIntoViewIfNeeded()
    await shot(pageA, '16-a-pickup-code')
  })
})
