import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealDetail, Order, PickupPoint } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp, paintedPng } from './harness'

let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  page = await phonePage(browser)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

/** A bruised-strawberry red photo. */
function strawberryPng(size = 320): Buffer {
  return paintedPng(size, (x, y) => {
    const d = Math.hypot(x - size / 2, y - size / 2) / (size / 2)
    return [d < 0.7 ? 200 : 240, d < 0.7 ? 30 : 230, d < 0.3 ? 90 : 40]
  })
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const post = <T = any>(path: string, token: string, body: object = {}) =>
  api<T>(app.baseUrl, path, { method: 'POST', headers: bearer(token), body: JSON.stringify(body) })

async function devLogin(handle: string, role: 'shopper' | 'leader' | 'admin', nickname: string) {
  return api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })
}

/** Signs the browser in as this user, the way the app stores its session (Taro storage over localStorage). */
async function useSessionOf(auth: AuthResponse) {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((value) => {
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: value, version: 0 }) }))
  }, auth)
}

describe('after-sales: a shopper asks for part of her order back and the leader approves part', () => {
  let leader: AuthResponse
  let mei: AuthResponse
  let orderId: string

  it('sets the scene: three boxes of strawberries bought, settled at the lower price and collected', async () => {
    leader = await devLogin('e2e-as-fang', 'leader', '芳姐')
    mei = await devLogin('e2e-as-mei', 'shopper', '小美')
    const neighbour = await devLogin('e2e-as-qiang', 'shopper', '阿强')
    const point = await post<PickupPoint>('/leader/pickup-points', leader.token, {
      name: '幸福里便利店',
      address: '幸福路12号',
      lat: 30.62,
      lng: 119.67,
      hours: '07:30-21:30',
      contact: '13800001111',
    })
    const now = Date.now()
    const { deal } = await post<{ deal: DealDetail }>('/leader/deals', leader.token, {
      title: '丹东草莓 3盒装',
      product: { name: '丹东草莓', spec: '500g/盒', description: '当天采摘', images: [], category: 'fruit' },
      listPriceFen: 1500,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 1280 },
        { threshold: 2, unitPriceFen: 990 },
      ],
      minToSucceed: 1,
      stockUnits: null,
      perUserLimit: null,
      cutoffAt: new Date(now + 8_000).toISOString(),
      pickupStart: new Date(now + 9_000).toISOString(),
      pickupEnd: new Date(now + 6 * 3_600_000).toISOString(),
      pickupPointIds: [point.id],
    })
    await post(`/leader/deals/${deal.id}/publish`, leader.token)
    const join = async (who: AuthResponse, quantity: number, key: string) => {
      const { order } = await api<{ order: Order }>(app.baseUrl, `/deals/${deal.id}/orders`, {
        method: 'POST',
        headers: { ...bearer(who.token), 'idempotency-key': key },
        body: JSON.stringify({ quantity, pickupPointId: point.id }),
      })
      await post(`/orders/${order.id}/pay`, who.token)
      return order.id
    }
    orderId = await join(mei, 3, `e2e-as-${now}-1`)
    await join(neighbour, 1, `e2e-as-${now}-2`)
    // past the cutoff the deal settles at ¥9.90: ¥8.70 of difference goes back to 小美
    await new Promise((r) => setTimeout(r, Math.max(0, now + 9_500 - Date.now())))
    for (let i = 0; i < 40; i++) {
      const { deal: d } = await api<{ deal: DealDetail }>(app.baseUrl, `/deals/${deal.id}`)
      if (d.status === 'succeeded') break
      await new Promise((r) => setTimeout(r, 500))
    }
    await post(`/leader/deals/${deal.id}/arrivals`, leader.token, { pickupPointId: point.id })
    const { order } = await api<{ order: Order }>(app.baseUrl, `/orders/${orderId}`, { headers: bearer(mei.token) })
    await post('/leader/pickups/verify', leader.token, { code: order.pickupCode })
    const collected = (await api<{ order: Order }>(app.baseUrl, `/orders/${orderId}`, { headers: bearer(mei.token) })).order
    expect(collected).toMatchObject({ status: 'picked_up', paidFen: 3840, refundFen: 870 })
  })

  it('the shopper asks for one box back with a photo, from her order page', async () => {
    await useSessionOf(mei)
    await page.goto(`${app.baseUrl}/shopper/pages/order/index?id=${orderId}`)
    const ask = page.locator('taro-button-core', { hasText: '申请售后' })
    await ask.waitFor({ timeout: 90_000 })
    await ask.scrollIntoViewIfNeeded()
    await shot(page, 'after-sales-01-order-offers-a-refund')
    await ask.click()

    await page.getByText('售后原因').waitFor({ timeout: 30_000 })
    await page.getByText('变质/损坏', { exact: true }).click()
    await page.locator('taro-textarea-core textarea').fill('一盒压坏了，汁都流出来了')
    const chooser = page.waitForEvent('filechooser')
    await page.locator('[aria-label="添加照片"]').click()
    await (await chooser).setFiles({ name: 'bruised.png', mimeType: 'image/png', buffer: strawberryPng() })
    await page.locator('[aria-label="删除第 1 张照片"]').waitFor({ timeout: 30_000 })
    await page.getByText('预计退款 ¥9.90').waitFor()
    await shot(page, 'after-sales-02-request-form')
    await page.locator('taro-button-core', { hasText: '提交申请' }).click()

    // back on the order page: waiting for the leader
    await page.getByText('等待团长处理').waitFor({ timeout: 30_000 })
    const requests = await api(app.baseUrl, `/orders/${orderId}/after-sales`, { headers: bearer(mei.token) })
    expect(requests.requests[0]).toMatchObject({ status: 'requested', quantity: 1, reason: 'spoiled', askedFen: 990 })
    expect(requests.requests[0].photos).toHaveLength(1)
    expect(requests.requests[0].photos[0]).toMatch(/^\/uploads\/[A-Za-z0-9_-]{16}\.(jpg|png)$/)
  })

  it('the leader sees the photo and the amount, and approves ¥5.00 of it', async () => {
    await useSessionOf(leader)
    await page.goto(`${app.baseUrl}/leader/pages/after-sales/index`)
    await page.getByText('申请退款 ¥9.90').waitFor({ timeout: 90_000 })
    await page.locator('[aria-label="第 1 张照片"]').waitFor()
    await shot(page, 'after-sales-03-leader-sees-request')
    await page.locator('taro-button-core', { hasText: '部分同意' }).click()
    await page.locator('taro-input-core[aria-label="退款金额（元）"] input').fill('5')
    await shot(page, 'after-sales-04-leader-approves-part')
    await page.locator('taro-button-core', { hasText: '同意退款' }).click()
    await page.getByText('已部分退款').waitFor({ timeout: 30_000 })
    await shot(page, 'after-sales-05-leader-approved')
  })

  it('the shopper sees the refund and the steps on her order page', async () => {
    await useSessionOf(mei)
    await page.goto(`${app.baseUrl}/shopper/pages/order/index?id=${orderId}`)
    await page.getByText('退款 ¥5.00', { exact: true }).waitFor({ timeout: 90_000 })
    await page.getByText('团长同意退款 ¥5.00').first().waitFor()
    await page.getByText('已部分退款').scrollIntoViewIfNeeded()
    await shot(page, 'after-sales-06-shopper-sees-refund')
    const { order } = await api<{ order: Order }>(app.baseUrl, `/orders/${orderId}`, { headers: bearer(mei.token) })
    expect(order.refundFen).toBe(870 + 500)
    expect(order.refundFen).toBeLessThanOrEqual(order.paidFen)
  })
})
