/**
 * Finding things on home: a neighbour types a product's name, taps a category chip, finds nothing
 * for a fruit out of season and goes back to every deal; then the same in English.
 * Runs on the harness's H5 build (dist/h5), or on one of one's own given as SEARCH_H5_DIR.
 */
import type { Browser, Page } from 'playwright-core'
import type { DealCategoriesResponse, DealListResponse } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

let app: RunningApp
let browser: Browser
let page: Page

beforeAll(async () => {
  app = await startApp(process.env.SEARCH_H5_DIR ? { env: { STATIC_DIR: process.env.SEARCH_H5_DIR } } : {})
  browser = await launchBrowser()
  page = await phonePage(browser)
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const cards = () => page.locator('[data-testid="deal-card"]')
const searchBox = () => page.locator('.home__search input')
const titlesOf = async (q: Record<string, string>) =>
  (await api<DealListResponse>(app.baseUrl, `/deals?${new URLSearchParams(q)}`)).deals.map((d) => d.title)

/** Waits until the cards on screen are exactly these titles (in any order). */
async function showsExactly(titles: string[]) {
  await page.waitForFunction(
    (want) => {
      const seen = Array.from(document.querySelectorAll('[data-testid="deal-card"]')).map((el) => el.getAttribute('aria-label') ?? '')
      return seen.length === want.length && want.every((t) => seen.includes(t))
    },
    titles,
    { timeout: 30_000 },
  )
}

describe('a neighbour looking for something on home', () => {
  it('finds the strawberries by name', async () => {
    await page.goto(app.baseUrl + '/')
    await cards().first().waitFor({ timeout: 60_000 })
    const strawberries = await titlesOf({ q: '草莓' })
    expect(strawberries).toEqual(['丹东红颜草莓 今早现摘 坏果包赔'])

    await searchBox().fill('草莓')
    await showsExactly(strawberries)
    await shot(page, 'search-01-words-zh')

    await page.getByRole('button', { name: '清除搜索' }).click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="deal-card"]').length > 2, null, { timeout: 30_000 })
    await expect(searchBox().inputValue()).resolves.toBe('')
  })

  it('taps the vegetables chip and sees only vegetables', async () => {
    const { categories } = await api<DealCategoriesResponse>(app.baseUrl, '/deals/categories')
    expect(categories.map((c) => c.category)).toContain('蔬菜')
    const vegetables = await titlesOf({ category: '蔬菜' })
    expect(vegetables.length).toBe(categories.find((c) => c.category === '蔬菜')!.count)

    await page.getByRole('radio', { name: '蔬菜' }).click()
    await showsExactly(vegetables)
    await expect(page.getByRole('radio', { name: '蔬菜' }).getAttribute('aria-checked')).resolves.toBe('true')
    await shot(page, 'search-02-category-zh')
  })

  it('finds nothing for durian among the vegetables, and goes back to every deal', async () => {
    await searchBox().fill('榴莲')
    await page.getByText('没有找到相关团购').waitFor({ timeout: 30_000 })
    await shot(page, 'search-03-nothing-zh')
    await page.getByRole('button', { name: '看全部团购' }).click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="deal-card"]').length > 2, null, { timeout: 30_000 })
    await expect(page.getByRole('radio', { name: '全部' }).getAttribute('aria-checked')).resolves.toBe('true')
  })

  it('reads the same in English', async () => {
    await page.evaluate(() => localStorage.setItem('linli-locale', JSON.stringify({ data: JSON.stringify({ state: { locale: 'en' }, version: 0 }) })))
    await page.goto(app.baseUrl + '/')
    await cards().first().waitFor({ timeout: 60_000 })
    await expect(searchBox().getAttribute('placeholder')).resolves.toBe('Search, e.g. strawberries, eggs')

    const fruit = await titlesOf({ category: '水果' })
    await page.getByRole('radio', { name: 'Fruit' }).click()
    await showsExactly(fruit)
    await shot(page, 'search-04-category-en')

    await searchBox().fill('durian')
    await page.getByText('No group buys match').waitFor({ timeout: 30_000 })
    await shot(page, 'search-05-nothing-en')
  })
})
