import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealDetail, DealSummary, Order, PickupPoint } from '../../types/api'
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

/** A small orange-to-yellow photo. */
function orangePng(size = 240): Buffer {
  return paintedPng(size, (x, y) => {
    const d = Math.hypot(x - size / 2, y - size / 2) / (size / 2)
    return [247, Math.round(103 + 80 * Math.max(0, 1 - d)), d < 0.8 ? 7 : 60]
  })
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

async function devLogin(handle: string, role: 'shopper' | 'leader' | 'admin', nickname: string) {
  return api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })
}

/** Signs the browser in as this user, the way the app stores its session (Taro storage over localStorage). */
async function useSessionOf(auth: AuthResponse) {
  // write it from a same-origin page where the app is not running, so nothing writes the old session back
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((value) => {
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: value, version: 0 }) }))
  }, auth)
}

const open = (path: string) => page.goto(`${app.baseUrl}/leader/pages/${path}`)
const field = (label: string) => page.locator(`taro-input-core[aria-label="${label}"] input`)
const confirmModal = () => page.locator('.taro-model__confirm:visible').click()

describe('a leader runs a group buy from her phone', () => {
  let leader: AuthResponse
  let point: PickupPoint
  let dealId: string
  let pickupStartMs: number

  it('a neighbour applies to lead from 我的, and an admin approves her', async () => {
    const applicant = await devLogin('e2e-li', 'shopper', '李姐')
    await useSessionOf(applicant)
    await page.goto(app.baseUrl + '/pages/me/index')
    await page.getByText('成为团长', { exact: true }).click()
    await page.getByText('申请成为团长').waitFor({ timeout: 60_000 })
    await shot(page, 'leader-00-become-a-leader')
    await page.getByText('申请成为团长').click()
    await field('姓名').waitFor()
    // sending the empty form shows what is missing, next to each field
    await page.getByText('提交申请').click()
    await page.getByText('请填写 11 位手机号').waitFor()
    await shot(page, 'leader-00b-application-errors')
    await field('姓名').fill('李秀兰')
    await field('所在小区').fill('阳光花园')
    await field('手机号').fill('13912345678')
    await field('自提点名称').fill('阳光花园3栋门口')
    await field('详细地址').fill('阳光路8号')
    await field('纬度').fill('30.63')
    await field('经度').fill('119.68')
    await page.getByText('提交申请').click()
    await page.getByText(/你的申请已提交，正在审核/).waitFor({ timeout: 30_000 })
    await shot(page, 'leader-00c-application-pending')

    await useSessionOf(await devLogin('e2e-ops', 'admin', '运营小周'))
    // leader applications are reviewed in the operator console
    await page.goto(`${app.baseUrl}/admin/pages/applications/index`)
    await page.getByText('李秀兰 · 阳光花园').waitFor({ timeout: 60_000 })
    await shot(page, 'leader-01-admin-applications')
    await page.locator('taro-button-core', { hasText: '通过' }).click()
    await confirmModal()
    await page.getByText('没有申请').waitFor()
    const me = await api(app.baseUrl, '/me', { headers: bearer(applicant.token) })
    expect(me.roles).toContain('leader')
  })

  it('creates a deal with a price ladder, previews it and publishes it', async () => {
    leader = await devLogin('e2e-wang', 'leader', '王阿姨')
    point = await api<PickupPoint>(app.baseUrl, '/leader/pickup-points', {
      method: 'POST',
      headers: bearer(leader.token),
      body: JSON.stringify({ name: '幸福里便利店', address: '幸福路12号', lat: 30.62, lng: 119.67, hours: '07:30-21:30', contact: '13800001111' }),
    })
    await useSessionOf(leader)
    await open('home/index')
    await page.getByText('幸福里便利店').waitFor({ timeout: 60_000 })
    await shot(page, 'leader-02-console-home')

    await page.getByText('开团', { exact: true }).click()
    await field('商品名称').waitFor()
    await field('商品名称').fill('赣南脐橙')
    await field('规格').fill('5斤/箱')
    // a product photo from the phone, uploaded at once and shown as a thumbnail
    const chooser = page.waitForEvent('filechooser')
    await page.getByText('添加图片').click()
    await (await chooser).setFiles({ name: 'orange.png', mimeType: 'image/png', buffer: orangePng() })
    await page.locator('.photo-picker__img').first().waitFor({ timeout: 30_000 })
    await field('原价（元）').fill('39.90')
    await field('第1档价格').fill('29.90')
    // a mistake first: the second tier costs more than the first, and the editor says so in place
    await field('第2档价格').fill('32')
    await page.getByText('价格须低于上一档').waitFor()
    await page.locator('.tier-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await shot(page, 'leader-03-tier-error')
    await field('第2档价格').fill('25.90')
    await page.getByText('＋ 加一档').click()
    await field('第3档人数').fill('8')
    await field('第3档价格').fill('22.90')
    // the second tier starts at 5 people: before anyone joins, shoppers are told 5 more unlock it
    await page.getByText('再邀5人 享¥25.90').waitFor()
    await page.locator('.tier-editor__preview').scrollIntoViewIfNeeded()
    await shot(page, 'leader-04-tier-preview')
    await field('成团人数').fill('2')
    await field('库存（件，选填）').fill('50')
    await field('每人限购（选填）').fill('3')

    await page.getByText('存草稿', { exact: true }).click()
    const drafts = async () => (await api<{ deals: DealSummary[] }>(app.baseUrl, '/leader/deals', { headers: bearer(leader.token) })).deals
    for (let i = 0; i < 50 && (await drafts()).length === 0; i++) await page.waitForTimeout(200)
    const [draft] = await drafts()
    expect(draft).toMatchObject({ status: 'draft', title: '赣南脐橙 5斤/箱', listPriceFen: 3990, minToSucceed: 2, stockUnits: 50, perUserLimit: 3 })
    dealId = draft.id
    expect(draft.product.images).toEqual([expect.stringMatching(/^\/uploads\/[\w-]+\.png$/)])
    const photo = await fetch(app.baseUrl + draft.product.images[0])
    expect(photo.headers.get('content-type')).toBe('image/png')

    await page.getByText('草稿已保存').waitFor({ state: 'hidden' })
    await page.locator('taro-button-core', { hasText: '预览' }).click()
    await page.getByText('邻居看到的样子').waitFor()
    await shot(page, 'leader-05-preview')
    await page.locator('.nut-popup-title-right').first().click()

    // the cutoff pickers offer whole minutes; for the test the draft's cutoff moves to 90 s from now,
    // just before publishing, so the server's sweeper settles it while we watch
    const now = Date.now()
    pickupStartMs = now + 120_000
    await api(app.baseUrl, `/leader/deals/${dealId}`, {
      method: 'PATCH',
      headers: bearer(leader.token),
      body: JSON.stringify({
        cutoffAt: new Date(now + 90_000).toISOString(),
        pickupStart: new Date(pickupStartMs).toISOString(),
        pickupEnd: new Date(now + 6 * 3600_000).toISOString(),
      }),
    })
    await open(`deal-edit/index?id=${dealId}`)
    await field('商品名称').waitFor()
    expect(await field('原价（元）').inputValue()).toBe('39.90')
    await page.locator('.lc-bar taro-button-core', { hasText: '发布' }).click()
    await confirmModal()
    await page.getByText('参团人数', { exact: true }).waitFor({ timeout: 30_000 }) // not the editor's 按参团人数
    const { deal } = await api<{ deal: DealDetail }>(app.baseUrl, `/deals/${dealId}`)
    expect(deal.status).toBe('open')
    expect(deal.tiers.map((t) => t.unitPriceFen)).toEqual([2990, 2590, 2290])
  })

  const shopperOrders: { token: string; orderId: string }[] = []

  it('shoppers join through the API and the dashboard shows them live', async () => {
    for (const [handle, nickname, quantity] of [
      ['e2e-mei', '小梅', 2],
      ['e2e-lan', '阿兰', 1],
      ['e2e-jun', '老军', 3],
    ] as const) {
      const shopper = await devLogin(handle, 'shopper', nickname)
      const { order } = await api<{ order: Order }>(app.baseUrl, `/deals/${dealId}/orders`, {
        method: 'POST',
        headers: { ...bearer(shopper.token), 'idempotency-key': `e2e-${handle}` },
        body: JSON.stringify({ quantity, pickupPointId: point.id }),
      })
      await api(app.baseUrl, `/orders/${order.id}/pay`, { method: 'POST', headers: bearer(shopper.token), body: '{}' })
      shopperOrders.push({ token: shopper.token, orderId: order.id })
    }
    await open(`deal/index?id=${dealId}`)
    await page.getByText('3人', { exact: true }).waitFor({ timeout: 30_000 })
    await page.getByText('6件', { exact: true }).first().waitFor()
    await shot(page, 'leader-06-dashboard-open')
  })

  it('the deal succeeds at its cutoff; the leader reads the picking list and marks the goods arrived', async () => {
    const deadline = Date.now() + 120_000
    let status = 'open'
    while (status === 'open' && Date.now() < deadline) {
      await page.waitForTimeout(1000)
      status = (await api<{ deal: DealDetail }>(app.baseUrl, `/deals/${dealId}`)).deal.status
    }
    expect(status).toBe('succeeded')

    await open('picking/index')
    // the list is per Shanghai day of pickup: today, or tomorrow when run just before midnight
    const shanghaiDay = (ms: number) => new Date(ms).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
    const day = shanghaiDay(pickupStartMs) === shanghaiDay(Date.now()) ? '今天' : '明天'
    await page.getByText(day, { exact: true }).click()
    await page.getByText('× 6').waitFor({ timeout: 30_000 })
    for (const masked of ['小*', '阿*', '老*']) await page.getByText(masked, { exact: true }).waitFor()
    await shot(page, 'leader-07-picking-list')
    const download = page.waitForEvent('download')
    await page.getByText('下载 CSV 表格').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^配货单-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = []
      file.createReadStream().then((stream) => {
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
        stream.on('error', reject)
      }, reject)
    })
    expect(csv).toContain('幸福里便利店,合计,赣南脐橙,5斤/箱,,6')
    const picture = page.waitForEvent('download')
    await page.getByText('保存为图片').click()
    expect((await picture).suggestedFilename()).toMatch(/^配货单-\d{4}-\d{2}-\d{2}\.png$/)

    await open(`deal/index?id=${dealId}`)
    await page.getByRole('button', { name: '到货了' }).click()
    await confirmModal()
    // the point's badge; each order's badge now reads 已到货 · 待提货
    await page.getByText('已到货', { exact: true }).waitFor({ timeout: 30_000 })
    await shot(page, 'leader-08-arrived')
  })

  it('verifies a typed pickup code once, and a second try says it was used', async () => {
    const [first] = shopperOrders
    const { order } = await api<{ order: Order }>(app.baseUrl, `/orders/${first.orderId}`, { headers: bearer(first.token) })
    expect(order.status).toBe('ready')
    await open('verify/index')
    await field('提货码').fill(order.pickupCode!)
    await page.getByText('查看订单').click()
    await page.getByText('小* 的订单').waitFor({ timeout: 30_000 })
    await shot(page, 'leader-09-check-order')
    await page.getByText('确认交货').click()
    await page.getByText('✓ 已核销').waitFor({ timeout: 30_000 })
    await page.getByText('请交给 小*').waitFor()
    await shot(page, 'leader-10-verified')

    await field('提货码').fill(order.pickupCode!)
    await page.getByText('查看订单').click()
    await page.getByText('已核销过').waitFor({ timeout: 30_000 })
    await shot(page, 'leader-11-code-used')
    const after = await api<{ order: Order }>(app.baseUrl, `/orders/${first.orderId}`, { headers: bearer(first.token) })
    expect(after.order.status).toBe('picked_up')
  })

  it('sees the commission earned', async () => {
    await open('earnings/index')
    await page.getByText('已到账佣金').waitFor({ timeout: 30_000 })
    await shot(page, 'leader-12-earnings')
    const earnings = await api(app.baseUrl, '/leader/earnings', { headers: bearer(leader.token) })
    expect(earnings.totals.earnedFen).toBeGreaterThan(0)
    expect(earnings.weeks.length).toBeGreaterThan(0)
  })
})
