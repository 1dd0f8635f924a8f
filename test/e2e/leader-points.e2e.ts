// a leader places her pickup point from where she stands; a neighbour opens it on H5.
// Run against a build of one's own: STATIC_DIR=/tmp/leaders-h5 (see the brief), else the harness's.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { AuthResponse, PickupPoint } from '../../types/api'
import { wgs84ToGcj02 } from '../../src/domain/geo'
import { api, launchBrowser, shot, startApp, type RunningApp } from './harness'

let app: RunningApp
let browser: Browser
let context: BrowserContext
let page: Page

// where the leader's phone says she is (GPS, WGS-84)
const HERE = { latitude: 30.5428, longitude: 114.3162 }

beforeAll(async () => {
  app = await startApp(process.env.STATIC_DIR ? { env: { STATIC_DIR: process.env.STATIC_DIR } } : {})
  browser = await launchBrowser()
  context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    geolocation: HERE,
    permissions: ['geolocation'],
  })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await app?.stop()
})

const devLogin = (handle: string, role: 'shopper' | 'leader', nickname: string) =>
  api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })

async function useSessionOf(auth: AuthResponse) {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((value) => {
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: value, version: 0 }) }))
  }, auth)
}

const field = (label: string) => page.locator(`taro-input-core[aria-label="${label}"] input`)

describe('a pickup point placed and found in a browser', () => {
  it('the leader uses her current location; the point is stored in GCJ-02', async () => {
    const leader = await devLogin('e2e-points-wang', 'leader', '王阿姨')
    await useSessionOf(leader)
    await page.goto(`${app.baseUrl}/leader/pages/point/index`)
    await field('自提点名称').waitFor({ timeout: 60_000 })
    await field('自提点名称').fill('幸福里便利店')
    await field('详细地址').fill('幸福路12号')
    await field('联系方式').fill('13800001111')
    await page.getByText('使用我现在的位置').click()
    await page.getByText(/^已选位置/).waitFor()
    await shot(page, 'leaders-point-here')
    await page.getByText('保存自提点').click()
    const gcj = wgs84ToGcj02({ lat: HERE.latitude, lng: HERE.longitude })
    for (let i = 0; ; i++) {
      const { pickupPoints } = await api<{ pickupPoints: PickupPoint[] }>(app.baseUrl, '/leader/pickup-points', {
        headers: { authorization: `Bearer ${leader.token}` },
      })
      if (pickupPoints.length === 1) {
        expect(pickupPoints[0]).toMatchObject({ name: '幸福里便利店', address: '幸福路12号' })
        expect(pickupPoints[0].lat).toBeCloseTo(gcj.lat, 5)
        expect(pickupPoints[0].lng).toBeCloseTo(gcj.lng, 5)
        break
      }
      if (i > 20) throw new Error('the point was not saved')
      await page.waitForTimeout(250)
    }
  })

  it('a neighbour taps the point: address, hours, a phone link and a web map at its coordinates', async () => {
    await page.goto(`${app.baseUrl}/shopper/pages/pickup-points/index`)
    await page.getByRole('button', { name: '查看 幸福里便利店 的详情' }).click()
    const dialog = page.getByRole('dialog', { name: '自提点详情' })
    await dialog.waitFor()
    await dialog.getByText('幸福路12号').waitFor()
    await dialog.getByRole('link', { name: '拨打电话 13800001111' }).waitFor()
    // the sheet slides up
    await page.waitForTimeout(600)
    await shot(page, 'leaders-point-details')
    // the web map opens in a new tab; it is not loaded here (no internet in the test)
    await context.route('https://uri.amap.com/**', (route) => route.fulfill({ status: 200, body: 'map' }))
    const [popup] = await Promise.all([context.waitForEvent('page'), dialog.getByRole('link', { name: '在地图中查看' }).click()])
    await popup.waitForLoadState().catch(() => undefined)
    const url = new URL(popup.url())
    expect(url.host).toBe('uri.amap.com')
    const [lng, lat] = url.searchParams.get('position')!.split(',').map(Number)
    const gcj = wgs84ToGcj02({ lat: HERE.latitude, lng: HERE.longitude })
    expect(lat).toBeCloseTo(gcj.lat, 5)
    expect(lng).toBeCloseTo(gcj.lng, 5)
    await popup.close()
  })
})
