import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealDetail, PickupPoint, User } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

// two deals for tomorrow's pickup, one payment. Served from the harness's H5 build (dist/h5), or
// from one of one's own given as BASKET_H5_DIR.

let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await startApp(process.env.BASKET_H5_DIR ? { env: { STATIC_DIR: process.env.BASKET_H5_DIR } } : {})
  browser = await launchBrowser()
  page = await phonePage(browser)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** One leader, one point, two open deals shipping to it. */
async function twoDeals(baseUrl: string): Promise<DealDetail[]> {
  const leader = await api<AuthResponse>(baseUrl, '/auth/dev-login', {
    method: 'POST',
    body: JSON.stringify({ handle: 'e2e-basket-leader', role: 'leader', nickname: '王阿姨' }),
  })
  const auth = { authorization: `Bearer ${leader.token}` }
  const point = await api<PickupPoint>(baseUrl, '/leader/pickup-points', {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ name: '篮子小区便利店', address: '篮子路1号', lat: 30.6, lng: 119.68, hours: '07:00-22:00', contact: '13800003333' }),
  })
  const now = Date.now()
  const deals: DealDetail[] = []
  for (const [title, price] of [
    ['篮子里的土鸡蛋', 1500],
    ['篮子里的小青菜', 500],
  ] as const) {
    const draft = await api<{ deal: DealDetail }>(baseUrl, '/leader/deals', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        title,
        product: { name: title, spec: '1份', description: '明天到货', images: [] },
        listPriceFen: price + 500,
        tierBasis: 'people',
        tiers: [{ threshold: 1, unitPriceFen: price }],
        minToSucceed: 1,
        stockUnits: 50,
        perUserLimit: 5,
        cutoffAt: new Date(now + 6 * 3600_000).toISOString(),
        pickupStart: new Date(now + 24 * 3600_000).toISOString(),
        pickupEnd: new Date(now + 30 * 3600_000).toISOString(),
        pickupPointIds: [point.id],
      }),
    })
    const { deal } = await api<{ deal: DealDetail }>(baseUrl, `/leader/deals/${draft.deal.id}/publish`, { method: 'POST', headers: auth, body: '{}' })
    deals.push(deal)
  }
  return deals
}

describe('a basket for tomorrow: two deals, one payment', () => {
  let deals: DealDetail[]
  let shopper: User

  beforeAll(async () => {
    deals = await twoDeals(app.baseUrl)
    const { users } = await api<{ users: User[] }>(app.baseUrl, '/dev/users')
    shopper = users.filter((u) => u.handle && !u.roles.includes('leader'))[0]
    expect(shopper).toBeDefined()
  })

  it('adds each deal to the basket from its page', async () => {
    for (const [i, deal] of deals.entries()) {
      await page.goto(`${app.baseUrl}/pages/deal/index?id=${deal.id}`)
      await page.getByText(deal.title).first().waitFor({ timeout: 30_000 })
      await page.getByText('加入购物篮').click()
      await page.getByText('已加入购物篮').first().waitFor()
      await page.getByRole('link', { name: `购物篮，${i + 1}个团购` }).waitFor()
    }
    await shot(page, 'basket-10-deal-added')
  })

  it('the basket shows both at their prices, the common point and the total; pays once; both orders paid', async () => {
    await page.getByRole('link', { name: '购物篮，2个团购' }).click()
    const basket = page.locator('.basket')
    await basket.getByText('现价 ¥15.00').waitFor({ timeout: 30_000 })
    await basket.getByText('现价 ¥5.00').waitFor()
    await basket.getByText('篮子小区便利店').waitFor()
    await basket.getByText('合计 ¥20.00').waitFor()
    await page.waitForTimeout(600) // the page's slide-in
    await shot(page, 'basket-11-basket')

    await basket.getByText('结算 · ¥20.00').click()
    await page.getByText('选择体验账号').waitFor()
    await page.locator('.sign-in__user', { hasText: shopper.nickname }).first().click()
    await basket.getByText('支付成功，明天一起提货').waitFor({ timeout: 30_000 })
    await basket.getByText('篮子里的土鸡蛋 × 1 · ¥15.00').waitFor()
    await basket.getByText('篮子里的小青菜 × 1 · ¥5.00').waitFor()
    await basket.getByText('合计 ¥20.00').waitFor()
    await shot(page, 'basket-12-paid')

    // the server agrees: both orders paid, by one transaction
    const token = await page.evaluate(() => {
      for (const k of Object.keys(localStorage)) {
        const v = localStorage.getItem(k) ?? ''
        const m = /"token":"([^"\\]+)"/.exec(v.replace(/\\"/g, '"'))
        if (k.includes('linli-session') && m) return m[1]
      }
      return ''
    })
    expect(token).not.toBe('')
    const { orders } = await api<{ orders: { dealId: string; status: string; paidFen: number }[] }>(app.baseUrl, '/me/orders', {
      headers: { authorization: `Bearer ${token}` },
    })
    const mine = orders.filter((o) => deals.some((d) => d.id === o.dealId))
    expect(mine.map((o) => [o.status, o.paidFen]).sort()).toEqual([
      ['paid', 1500],
      ['paid', 500],
    ])
  })
})
