import type { Browser, Page } from 'playwright-core'
import type { AdminPayoutList, AuthResponse, Wallet } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

// A leader's commission from pickups more than a week ago (the demo town's history) is withdrawable;
// she withdraws in her wallet on her phone, the operator approves on a desktop browser, and her
// wallet shows it paid (the sandbox provider pays at once).

let app: RunningApp
let browser: Browser
let phone: Page

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  phone = await phonePage(browser)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const devLogin = (handle: string, role: 'leader' | 'admin', nickname: string) =>
  api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })

/** Signs this page in as the user, the way the app keeps its session (Taro storage over localStorage). */
async function signIn(page: Page, auth: AuthResponse) {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((value) => {
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: value, version: 0 }) }))
  }, auth)
}

const yuan = (fen: number) => `¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`

describe('a leader is paid her commission', () => {
  let leader: AuthResponse
  let before: Wallet

  it('her commission from pickups over a week ago is withdrawable; last weekend’s is still held', async () => {
    leader = await devLogin('wang-store', 'leader', '王阿姨')
    before = await api<Wallet>(app.baseUrl, '/leader/wallet', { headers: bearer(leader.token) })
    expect(before.withdrawableFen).toBeGreaterThanOrEqual(before.minPayoutFen)
    expect(before.entries.some((e) => e.kind === 'commission' && !e.pending)).toBe(true)
    expect(before.pendingFen).toBeGreaterThan(0)

    await signIn(phone, leader)
    await phone.goto(`${app.baseUrl}/leader/pages/home/index`)
    await phone.getByText('钱包', { exact: true }).click()
    await phone.getByText('可提现', { exact: true }).waitFor({ timeout: 60_000 })
    await phone.getByText(yuan(before.withdrawableFen), { exact: true }).waitFor()
    await phone.getByText('收支明细').waitFor()
    await shot(phone, 'payouts-01-wallet')
  })

  it('she tries less than the minimum first and is told, then withdraws the minimum', async () => {
    const amount = phone.locator('taro-input-core[aria-label="提现金额（元）"] input')
    await amount.fill('5')
    await phone.getByText('申请提现').click()
    await phone.getByText(`单笔提现至少 ${yuan(before.minPayoutFen)}`).waitFor()
    await shot(phone, 'payouts-02-below-minimum')
    await amount.fill(String(before.minPayoutFen / 100))
    await phone.getByText('申请提现').click()
    await phone.getByText('待审核', { exact: true }).waitFor({ timeout: 30_000 })
    await phone.getByText(yuan(before.withdrawableFen - before.minPayoutFen), { exact: true }).waitFor()
    await shot(phone, 'payouts-03-asked')
  })

  it('the operator approves it at 1280 px', async () => {
    const admin = await devLogin('e2e-payouts-ops', 'admin', '运营小周')
    const list = await api<AdminPayoutList>(app.baseUrl, '/admin/payouts?status=requested', { headers: bearer(admin.token) })
    const mine = list.payouts.find((p) => p.owner.userId === leader.user.id && p.amountFen === before.minPayoutFen)
    expect(mine).toBeDefined()

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    const desk = await context.newPage()
    await signIn(desk, admin)
    await desk.goto(`${app.baseUrl}/admin/pages/payouts/index`)
    const card = desk.locator('[role="group"]').filter({ hasText: mine!.billNo })
    await card.waitFor({ timeout: 60_000 })
    await shot(desk, 'payouts-04-console-1280')
    await card.getByText('通过并转账').click()
    await desk.locator('.taro-model__confirm:visible').click()
    // paid at once (sandbox): it leaves the list awaiting review, and is under 已到账
    await card.waitFor({ state: 'detached', timeout: 30_000 })
    await desk.getByRole('radio', { name: '已到账' }).click()
    await card.getByText('已到账').waitFor({ timeout: 30_000 })
    await shot(desk, 'payouts-05-console-approved-1280')
    await context.close()
  })

  it('her wallet shows it paid', async () => {
    await phone.reload()
    await phone.getByText('已到账', { exact: true }).waitFor({ timeout: 60_000 })
    await phone.getByText(/到账微信零钱/).waitFor()
    const after = await api<Wallet>(app.baseUrl, '/leader/wallet', { headers: bearer(leader.token) })
    expect(after).toMatchObject({
      paidOutFen: before.paidOutFen + before.minPayoutFen,
      withdrawableFen: before.withdrawableFen - before.minPayoutFen,
      inFlightFen: 0,
    })
    await shot(phone, 'payouts-06-paid')
  })
})
