/**
 * English is English everywhere: an English reader walks the shopper pages, the leader console and
 * the admin page, and meets a sold-out deal, a join after the cutoff and a wrong pickup code.
 *
 * The rule for "no Chinese sentence": what the user typed or the seed wrote (product names, titles,
 * descriptions, pickup points, nicknames, an applicant's details) is data, not the app's words, and
 * may be Chinese. So every string the API answered this browser (and this test) is data, except the
 * server's own sentences: an error's `message` and a message's `title`/`body` (the app words those
 * itself). The page's visible text and its inputs' placeholders, with the data strings taken out,
 * must hold no Han character. Two exceptions, both on purpose: a picture's stand-in is the first
 * character of the product's (or a nickname's) name, and the language switch names Chinese in
 * Chinese ("中文", "Language 语言") so a reader who cannot read the current language finds it.
 */
import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealDetail, DealListResponse, Order, PickupPoint } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

let app: RunningApp
let browser: Browser
let page: Page

const HAN = /[\u3400-\u9fff]/
const data = new Set<string>()
const LANGUAGE_SWITCH = new Set(['中文', 'Language 语言'])

/** Every string in an API answer, except the server's own sentences (see the file's comment). */
function collect(value: unknown, key = '', parent: Record<string, unknown> | null = null) {
  if (typeof value === 'string') {
    const sentence = key === 'message' || (parent && 'kind' in parent && 'facts' in parent && (key === 'title' || key === 'body'))
    if (!sentence && HAN.test(value)) data.add(value.replace(/\s+/g, ' ').trim())
    return
  }
  if (Array.isArray(value)) value.forEach((v) => collect(v, key, parent))
  else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>
    for (const [k, v] of Object.entries(obj)) collect(v, k, obj)
  }
}

/** The test's own API calls: what they answer is data too. */
async function call<T>(pathname: string, init: RequestInit = {}): Promise<T> {
  const body = await api<T>(app.baseUrl, pathname, init)
  collect(body)
  return body
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const devLogin = (handle: string, role: 'shopper' | 'leader' | 'admin', nickname: string) =>
  call<AuthResponse>('/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })

/** Signs the browser in as this user, in English (Taro storage over localStorage). */
async function signInEnglish(auth: AuthResponse) {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((session) => {
    const stored = (state: unknown) => JSON.stringify({ data: JSON.stringify({ state, version: 0 }) })
    localStorage.setItem('linli-session', stored(session))
    localStorage.setItem('linli-locale', stored({ locale: 'en' }))
  }, auth)
}

/** The Chinese left on the page once the data strings are taken out, line by line. */
async function chineseOnPage(): Promise<string[]> {
  const { text, placeholders } = await page.evaluate(() => ({
    text: document.body.innerText,
    placeholders: Array.from(document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => el.placeholder),
  }))
  const known = [...data].sort((a, b) => b.length - a.length)
  const initials = new Set(known.map((d) => Array.from(d)[0]))
  return [...text.split('\n'), ...placeholders]
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => !LANGUAGE_SWITCH.has(line) && !initials.has(line))
    .map((line) => known.reduce((rest, d) => rest.split(d).join(' '), line))
    .filter((line) => HAN.test(line))
}

/** Opens an app path, waits for its English words, and checks no Chinese sentence shows. */
async function visit(path: string, waitFor: string | RegExp, name: string) {
  await page.goto(app.baseUrl + path)
  await page.getByText(waitFor).first().waitFor({ timeout: 60_000 })
  await page.waitForTimeout(600) // the rest of the page's reads
  await shot(page, name)
  expect([path, await chineseOnPage()]).toEqual([path, []])
}

/** An open deal of the leader's, published: stock and cutoff as given. */
async function publishDeal(leader: AuthResponse, point: PickupPoint, opts: { title: string; stockUnits: number | null; cutoffInMs: number }) {
  const now = Date.now()
  const draft = await call<{ deal: DealDetail }>('/leader/deals', {
    method: 'POST',
    headers: bearer(leader.token),
    body: JSON.stringify({
      title: opts.title,
      product: { name: '砀山梨', spec: '5斤/箱', description: '脆甜多汁', images: [] },
      listPriceFen: 2990,
      tierBasis: 'people',
      tiers: [
        { threshold: 1, unitPriceFen: 2590 },
        { threshold: 3, unitPriceFen: 1990 },
      ],
      // a deal by people needs a unit per person: one box can seat one neighbour
      minToSucceed: opts.stockUnits === null ? 2 : Math.min(2, opts.stockUnits),
      stockUnits: opts.stockUnits,
      perUserLimit: null,
      cutoffAt: new Date(now + opts.cutoffInMs).toISOString(),
      pickupStart: new Date(now + 24 * 3600_000).toISOString(),
      pickupEnd: new Date(now + 30 * 3600_000).toISOString(),
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

/** A shopper's paid order of one unit, through the API. */
async function buy(shopper: AuthResponse, deal: { id: string; pickupPoints: { id: string }[] }, key: string) {
  const { order } = await call<{ order: Order }>(`/deals/${deal.id}/orders`, {
    method: 'POST',
    headers: { ...bearer(shopper.token), 'idempotency-key': key },
    body: JSON.stringify({ quantity: 1, pickupPointId: deal.pickupPoints[0].id }),
  })
  await call(`/orders/${order.id}/pay`, { method: 'POST', headers: bearer(shopper.token), body: '{}' })
  return order
}

/**
 * On a deal's page: open the join sheet, then `meanwhile` the deal changes under her (another
 * shopper takes the last box, the cutoff passes). The sheet follows by itself — the live socket or
 * the cutoff's own clock — or, if she is quicker, confirming gets the server's refusal. Either way
 * what the sheet then says, in words of its own.
 */
async function sheetAfter(dealId: string, price: string, meanwhile: () => Promise<void>) {
  await page.goto(`${app.baseUrl}/pages/deal/index?id=${dealId}`)
  await page.getByText(`Join at ${price}`).click({ timeout: 60_000 })
  await page.getByText(/^Join · 1 pc/).waitFor()
  await meanwhile()
  const said = page.locator('.join__state[role="status"], .join__error[role="alert"]').first()
  await said.waitFor({ timeout: 30_000 })
  return said
}

let leader: AuthResponse
let point: PickupPoint
let shopper: AuthResponse
let soldOut: DealDetail

beforeAll(async () => {
  app = await startApp()
  browser = await launchBrowser()
  page = await phonePage(browser)
  // the live deal socket's frames are API answers too (a masked nickname: "阿* just joined")
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      try {
        collect(JSON.parse(String(payload)))
      } catch {
        // not a frame of ours
      }
    }),
  )
  page.on('response', async (res) => {
    if (!res.url().includes('/api/v1/') || !(res.headers()['content-type'] ?? '').includes('json')) return
    try {
      collect(await res.json())
    } catch {
      // a body already gone (a navigation) holds nothing the page will show
    }
  })

  leader = await devLogin('e2e-en-leader', 'leader', '周老板')
  point = await call<PickupPoint>('/leader/pickup-points', {
    method: 'POST',
    headers: bearer(leader.token),
    body: JSON.stringify({ name: '周家小卖部', address: '桂花路3号', lat: 30.6, lng: 119.68, hours: '07:00-22:00', contact: '13800003333' }),
  })
  soldOut = await publishDeal(leader, point, { title: '砀山梨 最后一箱', stockUnits: 1, cutoffInMs: 6 * 3600_000 })

  shopper = await devLogin('e2e-en-shopper', 'shopper', '小林')
  // an order to read on the orders and order pages: a seeded deal's
  const { deals } = await call<DealListResponse>('/deals')
  const seeded = await call<{ deal: DealDetail }>(`/deals/${deals.find((d) => d.stockUnits === null || d.stockUnits > d.soldUnits + 2)!.id}`)
  await buy(shopper, seeded.deal, 'e2e-en-seeded')
  // an application waiting for the admin
  const applicant = await devLogin('e2e-en-applicant', 'shopper', '陈阿姨')
  await call('/leader-applications', {
    method: 'POST',
    headers: bearer(applicant.token),
    body: JSON.stringify({
      name: '陈美华',
      community: '桂花苑',
      phone: '13912340000',
      pickupPoint: { name: '桂花苑北门', address: '桂花路9号', lat: 30.61, lng: 119.69, hours: '08:00-20:00', contact: '13912340000' },
    }),
  })
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

describe('in English, no page says a Chinese sentence', () => {
  it("the shopper's pages: home, a deal, her orders, an order, pickup points, me, messages", async () => {
    await signInEnglish(shopper)
    await visit('/pages/home/index', "Today's group buys", 'en-01-home')
    await visit(`/pages/deal/index?id=${soldOut.id}`, 'Join at ¥25.90', 'en-02-deal')
    await visit('/pages/orders/index', 'My orders', 'en-03-orders')
    const { orders } = await call<{ orders: Order[] }>('/me/orders', { headers: bearer(shopper.token) })
    await visit(`/shopper/pages/order/index?id=${orders[0].id}`, 'Pickup code', 'en-04-order')
    await visit('/shopper/pages/pickup-points/index', /Open \d\d:\d\d/, 'en-05-pickup-points')
    await visit('/pages/me/index', 'Sign out', 'en-06-me')
    await visit('/shopper/pages/messages/index', /Messages|No messages yet/, 'en-07-messages')
  })

  it('a sold-out deal says so in English', async () => {
    const other = await devLogin('e2e-en-other', 'shopper', '阿强')
    const notice = await sheetAfter(soldOut.id, '¥25.90', async () => {
      await buy(other, soldOut, 'e2e-en-last-box') // the last box goes while she is choosing
    })
    await expect(notice.innerText()).resolves.toMatch(/^(Sold out: every unit has been taken|Sold out\. Come a little earlier next time!)$/)
    await expect(page.locator('.join__primary').innerText()).resolves.toBe('Sold out')
    await shot(page, 'en-08-sold-out')
    expect(await chineseOnPage()).toEqual([])
  })

  it('a join after the cutoff says the deal has closed', async () => {
    const closing = await publishDeal(leader, point, { title: '砀山梨 马上截单', stockUnits: null, cutoffInMs: 15_000 })
    const notice = await sheetAfter(closing.id, '¥25.90', async () => {
      // she lingers on the sheet past the cutoff
      while (Date.now() < Date.parse(closing.cutoffAt) + 1500) await page.waitForTimeout(500)
    })
    // closed and settling, or already settled without reaching its minimum
    await expect(notice.innerText()).resolves.toMatch(
      /^(Closed: settling now, you'll be told the result|The group did not reach its minimum; everyone was refunded in full)$/,
    )
    await shot(page, 'en-09-after-cutoff')
    expect(await chineseOnPage()).toEqual([])
  })

  it("the leader console: home, a deal's dashboard, a new deal, a pickup point, picking, hand-out, earnings", async () => {
    await signInEnglish(leader)
    await visit('/leader/pages/home/index', 'My group buys', 'en-10-leader-home')
    await visit(`/leader/pages/deal/index?id=${soldOut.id}`, 'People joined', 'en-11-leader-dashboard')
    // a confirmation's buttons too (H5 draws 确定/取消 unless told otherwise)
    await page.getByText('Cancel group buy', { exact: true }).click()
    await page.getByText('Cancel this group buy?').waitFor()
    await shot(page, 'en-11b-leader-cancel-modal')
    expect(await chineseOnPage()).toEqual([])
    await page.getByText('Keep it', { exact: true }).click()
    await visit('/leader/pages/deal-edit/index', 'Product name', 'en-12-leader-new-deal')
    await page.getByText('Preview', { exact: true }).click() // an empty form: the red notes and the notice
    await page.getByText('Some fields need attention; see the red notes').waitFor()
    expect(await chineseOnPage()).toEqual([])
    await visit(`/leader/pages/point/index?id=${point.id}`, 'Save pickup point', 'en-13-leader-point')
    await visit('/leader/pages/picking/index', 'Pickup date', 'en-14-leader-picking')
    await visit('/leader/pages/earnings/index', 'Commission paid', 'en-15-leader-earnings')
  })

  it('a wrong pickup code reads in English at the counter', async () => {
    await visit('/leader/pages/verify/index', 'Enter the pickup code', 'en-16-leader-verify')
    await page.locator('taro-input-core[aria-label="Pickup code"] input').fill('000000')
    await page.getByText('Find order', { exact: true }).click()
    await page.getByText("That pickup code isn't right; ask the neighbour to check it").waitFor({ timeout: 30_000 })
    await shot(page, 'en-17-wrong-code')
    expect(await chineseOnPage()).toEqual([])
  })

  it('becoming a leader and the admin review page', async () => {
    await signInEnglish(await devLogin('e2e-en-newcomer', 'shopper', '新来的邻居'))
    await visit('/leader/pages/home/index', 'Become a leader', 'en-18-become-leader')
    await visit('/leader/pages/apply/index', 'Submit application', 'en-19-apply')
    await page.getByText('Submit application', { exact: true }).click() // an empty form says what is missing
    await page.getByText('Enter an 11-digit mobile number').waitFor()
    expect(await chineseOnPage()).toEqual([])

    await signInEnglish(await devLogin('e2e-en-admin', 'admin', '运营小周'))
    await visit('/admin/pages/applications/index', '陈美华 · 桂花苑', 'en-20-admin')
  })
})
