import type { Browser, Page } from 'playwright-core'
import { formatFen } from '../../src/domain'
import type { DealListResponse, DealResponse } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

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

describe('a neighbour browsing on her phone', () => {
  it('sees the seeded group buys on the home page, each with its current price', async () => {
    const { deals } = await api<DealListResponse>(app.baseUrl, '/deals')
    expect(deals.length).toBeGreaterThanOrEqual(12)

    await page.goto(app.baseUrl + '/')
    await page.getByText(deals[0].title, { exact: false }).first().waitFor({ timeout: 30_000 })
    await shot(page, '01-home')

    for (const deal of deals.slice(0, 3)) {
      const card = page.locator('[data-testid="deal-card"]', { hasText: deal.title }).first()
      await card.scrollIntoViewIfNeeded()
      await expect(card.innerText()).resolves.toContain(formatFen(deal.currentUnitPriceFen).replace('¥', ''))
    }
  })

  it('opens a deal and sees its tier ladder with every price', async () => {
    const { deals } = await api<DealListResponse>(app.baseUrl, '/deals')
    const withTiers = deals.find((d) => d.tiers.length >= 3) ?? deals[0]
    const card = page.locator('[data-testid="deal-card"]', { hasText: withTiers.title }).first()
    await card.scrollIntoViewIfNeeded()
    await card.click()

    const ladder = page.locator('[data-testid="tier-ladder"]')
    await ladder.waitFor({ timeout: 30_000 })
    const { deal } = await api<DealResponse>(app.baseUrl, `/deals/${withTiers.id}`)
    const text = await ladder.innerText()
    for (const tier of deal.tiers) expect(text).toContain(formatFen(tier.unitPriceFen).replace('¥', ''))
    await expect(page.locator('[data-testid="tier-current"]').innerText()).resolves.toContain(formatFen(deal.currentUnitPriceFen).replace('¥', ''))
    await shot(page, '02-deal')
    await ladder.scrollIntoViewIfNeeded()
    await shot(page, '03-deal-ladder')
  })

  it("makes a share poster with the product's photo", async () => {
    await page.getByRole('button', { name: '海报' }).click()
    await page.locator('.poster__image').waitFor({ timeout: 30_000 })
    await shot(page, '04-deal-poster')
  })
})
