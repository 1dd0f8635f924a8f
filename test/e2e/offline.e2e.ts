import type { Browser, Page } from 'playwright-core'
import { launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

// A shopper on a flaky connection: the home page came down, then the signal went. Tapping a tab or
// a deal whose page was never fetched must say so and offer a retry, never do nothing.

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

const notice = () => page.locator('#linli-offline-notice')

it('tapping the orders tab offline shows a notice with a retry, which works once back online', async () => {
  await page.goto(`${app.baseUrl}/pages/home/index`)
  await page.locator('[data-testid="deal-card"]').first().waitFor({ timeout: 60_000 })
  await page.context().setOffline(true)

  await page.locator('.weui-tabbar__item').nth(1).click()
  await notice().waitFor({ timeout: 15_000 })
  await expect(notice().getAttribute('role')).resolves.toBe('alert')
  await expect(notice().innerText()).resolves.toContain('网络不给力')
  await shot(page, 'offline-01-orders-tab')

  // still offline: the retry says so instead of throwing the page away
  await notice().getByRole('button', { name: '重试' }).click()
  await expect(notice().innerText()).resolves.toContain('还是连不上网络')

  await page.context().setOffline(false)
  await page.waitForTimeout(300)
  // back online the notice goes by itself; the tab opens on the next tap
  await expect(notice().count()).resolves.toBe(0)
  await page.locator('.weui-tabbar__item').nth(1).click()
  await page.waitForURL(/pages\/orders\/index/)
})

it('tapping a deal offline shows the notice too', async () => {
  await page.goto(`${app.baseUrl}/pages/home/index`)
  await page.locator('[data-testid="deal-card"]').first().waitFor({ timeout: 60_000 })
  await page.context().setOffline(true)
  await page.locator('[data-testid="deal-card"]').first().click()
  await notice().waitFor({ timeout: 15_000 })
  await shot(page, 'offline-02-deal-tap')
  await page.context().setOffline(false)
})
