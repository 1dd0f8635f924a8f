/**
 * The operator console at a desktop browser's 1280 px: the operator opens it from 我的, finds a
 * neighbour's order by its pickup code, approves a pending leader application, and reads the
 * approval in the audit log.
 */
import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealSummary, Order } from '../../types/api'
import { api, launchBrowser, shot, startApp, type RunningApp } from './harness'

let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const devLogin = (handle: string, role: 'shopper' | 'leader' | 'admin', nickname: string) =>
  api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })

/** Signs the browser in as this user, the way the app stores its session (Taro storage over localStorage). */
async function useSessionOf(auth: AuthResponse) {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((value) => {
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: value, version: 0 }) }))
  }, auth)
}

const field = (label: string) => page.locator(`taro-input-core[aria-label="${label}"] input`)
const confirmModal = () => page.locator('.taro-model__confirm:visible').click()

describe('the operator at her desk', () => {
  it('finds an order by pickup code, approves a leader, and sees it in the audit log', async () => {
    // a neighbour joins a seeded deal and pays (sandbox): her order has a pickup code
    const mei = await devLogin('e2e-admin-mei', 'shopper', '小梅邻居')
    const { deals } = await api<{ deals: DealSummary[] }>(app.baseUrl, '/deals')
    const deal = deals.find((d) => d.nearestPickupPoint)!
    const created = await api<{ order: Order }>(app.baseUrl, `/deals/${deal.id}/orders`, {
      method: 'POST',
      headers: { ...bearer(mei.token), 'idempotency-key': 'e2e-admin-order-1' },
      body: JSON.stringify({ quantity: 1, pickupPointId: deal.nearestPickupPoint!.id }),
    })
    await api(app.baseUrl, `/orders/${created.order.id}/pay`, { method: 'POST', headers: bearer(mei.token), body: '{}' })
    const { order: paid } = await api<{ order: Order }>(app.baseUrl, `/orders/${created.order.id}`, { headers: bearer(mei.token) })
    expect(paid.pickupCode).toMatch(/^\d{6}$/)

    // a neighbour asks to lead: her application waits for the operator
    const applicant = await devLogin('e2e-admin-applicant', 'shopper', '陈阿姨')
    await api(app.baseUrl, '/leader-applications', {
      method: 'POST',
      headers: bearer(applicant.token),
      body: JSON.stringify({
        name: '陈美华',
        community: '桂花苑',
        phone: '13912340000',
        pickupPoint: { name: '桂花苑北门', address: '桂花路9号', lat: 30.61, lng: 119.69, hours: '08:00-20:00', contact: '13912340000' },
      }),
    })

    // the operator opens the console from 我的
    await useSessionOf(await devLogin('e2e-admin-ops', 'admin', '运营小周'))
    await page.goto(`${app.baseUrl}/pages/me/index`)
    await page.getByText('运营后台', { exact: true }).click()
    await page.getByRole('region', { name: '今日' }).waitFor({ timeout: 30_000 })
    await page.getByRole('navigation', { name: '运营后台导航' }).waitFor()
    await shot(page, 'admin-01-home-1280')

    // an order by its pickup code
    await page.getByRole('navigation', { name: '运营后台导航' }).getByText('订单', { exact: true }).click()
    await field('搜索订单').fill(paid.pickupCode!)
    await page.getByRole('button', { name: '搜索' }).click()
    const row = page.getByRole('row', { name: `小梅邻居 ${deal.title}` })
    await row.waitFor({ timeout: 30_000 })
    expect(await row.textContent()).toContain('匹配：提货码')
    await shot(page, 'admin-02-order-by-code-1280')

    // her pending application
    await page.getByRole('navigation', { name: '运营后台导航' }).getByText('入驻审核', { exact: true }).click()
    const card = page.getByRole('group', { name: '陈美华的申请' })
    await card.waitFor({ timeout: 30_000 })
    await card.getByRole('button', { name: '通过' }).click()
    await confirmModal()
    await page.getByText('没有申请').waitFor({ timeout: 30_000 })
    await shot(page, 'admin-03-application-approved-1280')

    // the approval is in the audit log, with who did it
    await page.getByRole('navigation', { name: '运营后台导航' }).getByText('操作日志', { exact: true }).click()
    const entry = page.getByRole('row', { name: '通过团长申请' })
    await entry.waitFor({ timeout: 30_000 })
    expect(await entry.textContent()).toContain('运营小周')
    expect(await entry.textContent()).toContain('状态: approved')
    await shot(page, 'admin-04-audit-1280')
  })
})
