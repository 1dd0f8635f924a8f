import type { Browser, Page } from 'playwright-core'
import { formatFen } from '../../src/domain'
import type { DealDetail, Order, User } from '../../types/api'
import { api, dealForTwo, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

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

/**
 * Everything a finger can tap that is smaller than 44×44 CSS px (buttons, links, tabs, radios,
 * the sheets' close icons), described for the failure message. Hidden things are skipped.
 */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = [
      'taro-button-core',
      '[role="button"]',
      '[role="link"]',
      '[role="tab"]',
      '[role="radio"]',
      '.nut-popup-title-right',
      '.nut-popup-close-icon',
      'a[href]',
    ].join(',')
    const small: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const r = el.getBoundingClientRect()
      const style = getComputedStyle(el)
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue
      if (r.bottom < 0 || r.top > window.innerHeight * 4) continue
      // a nested target inside a bigger one (a card's "去拼团" label) is covered by its parent
      const parent = el.parentElement?.closest(selector)
      if (parent && parent !== el) continue
      if (r.height < 44 || r.width < 44)
        small.push(`${el.className || el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`)
    }
    return small
  })
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
    deal = await dealForTwo(app.baseUrl)
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
    expect(await smallTapTargets(pageA)).toEqual([])

    await pageA.getByText('¥12.80 立即参团').click()
    await pickDemoUser(pageA, shopperA.nickname)
    await pageA.getByText('确认参团 · 1件').waitFor()
    await shot(pageA, '11-a-join-sheet')
    expect(await smallTapTargets(pageA)).toEqual([])
    await confirmAndPay(pageA, '12-a')
    await expect(pageA.getByText('参团成功，已支付 ¥12.80').isVisible()).resolves.toBe(true)
    await expect(
      pageA
        .getByText(/再邀1人/)
        .first()
        .isVisible(),
    ).resolves.toBe(true)
    await shot(pageA, '13-a-success')
    expect(await smallTapTargets(pageA)).toEqual([])
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

  it('A makes a share poster from the success screen and downloads it', async () => {
    await pageA.getByText('生成分享海报').click()
    const image = pageA.locator('.poster__image')
    await image.waitFor({ timeout: 30_000 })
    const src =
      (await image
        .locator('img')
        .first()
        .getAttribute('src')
        .catch(() => null)) ?? (await image.getAttribute('src'))
    expect(src).toMatch(/^data:image\/png;base64,/)
    // the picture is drawn: big, and not one flat colour
    const drawn = await pageA.evaluate(async (url) => {
      const img = new Image()
      img.src = url
      await img.decode()
      const c = document.createElement('canvas')
      c.width = img.width
      c.height = img.height
      const ctx = c.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const colours = new Set<number>()
      const { data } = ctx.getImageData(0, 0, c.width, c.height)
      for (let i = 0; i < data.length; i += 4 * 997) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2])
      return { width: img.width, height: img.height, colours: colours.size }
    }, src!)
    expect(drawn).toMatchObject({ width: 1200, height: 2000 })
    expect(drawn.colours).toBeGreaterThan(5)
    await shot(pageA, '13b-a-poster')
    expect(await smallTapTargets(pageA)).toEqual([])

    const download = pageA.waitForEvent('download')
    await pageA.getByText('下载海报').click()
    expect((await download).suggestedFilename()).toBe(`linli-${deal.id}.png`)
    await pageA.locator('.nut-popup-title-right').last().click()
    await pageA.locator('.poster').waitFor({ state: 'detached' })
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
    expect(await smallTapTargets(pageB)).toEqual([])

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
    expect(await smallTapTargets(pageA)).toEqual([])
  })

  it('her orders, the pickup points and the Me page have 44px tap targets too', async () => {
    for (const [path, name] of [
      ['/pages/orders/index', '17-a-orders'],
      ['/shopper/pages/pickup-points/index', '18-a-points'],
      ['/pages/me/index', '19-a-me'],
    ]) {
      await pageA.goto(app.baseUrl + path)
      await pageA.locator('.taro_page').first().waitFor()
      await pageA.waitForTimeout(800)
      await shot(pageA, name)
      expect([path, await smallTapTargets(pageA)]).toEqual([path, []])
    }
  })

  it('switched to English on the Me page, the home page speaks English', async () => {
    await pageA.getByRole('radio', { name: 'English' }).click()
    await pageA.getByText('My orders').waitFor()
    await shot(pageA, '30-me-english')
    await pageA.goto(app.baseUrl + '/pages/home/index')
    await pageA.getByText("Today's group buys").waitFor({ timeout: 30_000 })
    const card = pageA.locator('[data-testid="deal-card"]').first()
    await expect(card.innerText()).resolves.toMatch(/Ends in|Join/)
    await shot(pageA, '31-home-english')
    await pageA.goto(`${app.baseUrl}/pages/deal/index?id=${deal.id}`)
    await pageA.getByText('Join at ¥8.80').waitFor({ timeout: 30_000 })
    await shot(pageA, '32-deal-english')
    expect(await smallTapTargets(pageA)).toEqual([])
  })
})
