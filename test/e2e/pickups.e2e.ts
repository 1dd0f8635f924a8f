import type { Browser, Page } from 'playwright-core'
import type { AuthResponse, DealDetail, DelegationView, Order, OwnerDelegation, PickupPoint, StaffInviteResponse } from '../../types/api'
import { api, launchBrowser, phonePage, shot, startApp, type RunningApp } from './harness'

/**
 * Pickups in real life, at 390×844: a neighbour collects with a delegated code (代取), and the
 * leader's husband, invited as pickup staff (核销员), verifies at his point and is refused at another.
 */
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

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const post = <T = unknown>(path: string, token: string, body: object = {}, headers: Record<string, string> = {}) =>
  api<T>(app.baseUrl, path, { method: 'POST', headers: { ...bearer(token), ...headers }, body: JSON.stringify(body) })
const get = <T = unknown>(path: string, token: string) => api<T>(app.baseUrl, path, { headers: bearer(token) })

async function devLogin(handle: string, role: 'shopper' | 'leader', nickname: string) {
  return api<AuthResponse>(app.baseUrl, '/auth/dev-login', { method: 'POST', body: JSON.stringify({ handle, role, nickname }) })
}

/** Signs the browser in as this user, the way the app stores its session (Taro storage over localStorage). */
async function useSessionOf(auth: AuthResponse) {
  await page.goto(app.baseUrl + '/api/v1/deals')
  await page.evaluate((value) => {
    localStorage.setItem('linli-session', JSON.stringify({ data: JSON.stringify({ state: value, version: 0 }) }))
  }, auth)
}

const field = (label: string) => page.locator(`taro-input-core[aria-label="${label}"] input`)

describe('the strawberries wait at the shop while 小梅 is at work', () => {
  let leader: AuthResponse
  let mei: AuthResponse
  let li: AuthResponse
  let laowang: AuthResponse
  let shop: PickupPoint
  let school: PickupPoint
  let meiOrder: Order
  let lanOrder: Order
  let token: string

  it('a group buy with two pickup points succeeds at its cutoff', async () => {
    leader = await devLogin('e2e-pk-wang', 'leader', '王阿姨')
    const point = (name: string, address: string) =>
      post<PickupPoint & { pickupPoint?: PickupPoint }>('/leader/pickup-points', leader.token, {
        name,
        address,
        lat: 30.63,
        lng: 119.68,
        hours: '08:00-21:00',
        contact: '13800000000',
      })
    const a = await point('幸福里便利店', '递铺镇幸福路1号')
    const b = await point('学校门口', '递铺镇学前路2号')
    shop = a.pickupPoint ?? a
    school = b.pickupPoint ?? b
    const now = Date.now()
    const { deal } = await post<{ deal: DealDetail }>('/leader/deals', leader.token, {
      title: '丹东草莓 现摘',
      product: { name: '丹东草莓', spec: '2斤/盒', description: '当天现摘', images: [], category: 'fruit' },
      listPriceFen: 3990,
      tierBasis: 'people',
      tiers: [{ threshold: 1, unitPriceFen: 2990 }],
      minToSucceed: 2,
      stockUnits: null,
      perUserLimit: null,
      cutoffAt: new Date(now + 20_000).toISOString(),
      pickupStart: new Date(now + 25_000).toISOString(),
      pickupEnd: new Date(now + 6 * 3600_000).toISOString(),
      pickupPointIds: [shop.id, school.id],
    })
    await post(`/leader/deals/${deal.id}/publish`, leader.token)

    mei = await devLogin('e2e-pk-mei', 'shopper', '张小梅')
    const lan = await devLogin('e2e-pk-lan', 'shopper', '李兰')
    const join = async (who: AuthResponse, pointId: string, quantity: number) => {
      const { order } = await post<{ order: Order }>(
        `/deals/${deal.id}/orders`,
        who.token,
        { quantity, pickupPointId: pointId },
        { 'idempotency-key': `e2e-pk-${who.user.handle}` },
      )
      return (await post<{ order: Order }>(`/orders/${order.id}/pay`, who.token)).order
    }
    meiOrder = await join(mei, shop.id, 2)
    lanOrder = await join(lan, school.id, 1)

    const deadline = Date.now() + 90_000
    let status = 'open'
    while (status === 'open' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000))
      status = (await api<{ deal: DealDetail }>(app.baseUrl, `/deals/${deal.id}`)).deal.status
    }
    expect(status).toBe('succeeded')
  })

  it('小梅 makes a proxy pickup link on her order page', async () => {
    await useSessionOf(mei)
    await page.goto(`${app.baseUrl}/shopper/pages/order/index?id=${meiOrder.id}`)
    await page.getByText('请邻居代取', { exact: true }).waitFor({ timeout: 60_000 })
    await page.locator('taro-button-core', { hasText: '生成代取链接' }).click()
    await page.getByText('等待邻居接受').waitFor({ timeout: 30_000 })
    await page.locator('.proxy-pickup').scrollIntoViewIfNeeded()
    await shot(page, 'pickups-01-owner-proxy-link')
    const { delegation } = await get<{ delegation: OwnerDelegation }>(`/orders/${meiOrder.id}/delegation`, mei.token)
    expect(delegation.status).toBe('open')
    token = delegation.token
  })

  it('her neighbour 李姐 opens the link, accepts, and gets a code of her own', async () => {
    li = await devLogin('e2e-pk-li', 'shopper', '李秀英')
    await useSessionOf(li)
    await page.goto(`${app.baseUrl}/shopper/pages/proxy/index?token=${token}`)
    await page.getByText('张*梅 请你帮忙代取').waitFor({ timeout: 60_000 })
    await shot(page, 'pickups-02-neighbour-offer')
    await page.locator('taro-button-core', { hasText: '接受代取' }).click()
    const { delegation } = await get<{ delegation: DelegationView }>(`/delegations/${token}`, li.token)
    expect(delegation.pickupCode).toMatch(/^\d{6}$/)
    expect(delegation.pickupCode).not.toBe(meiOrder.pickupCode)
    await page.getByLabel(`代取码 ${delegation.pickupCode}`).waitFor({ timeout: 30_000 })
    await shot(page, 'pickups-03-neighbour-code')
  })

  it("王阿姨's husband accepts a staff invite for the shop", async () => {
    const invite = await post<StaffInviteResponse>(`/leader/pickup-points/${shop.id}/staff-invites`, leader.token)
    laowang = await devLogin('e2e-pk-laowang', 'shopper', '老王')
    await useSessionOf(laowang)
    await page.goto(`${app.baseUrl}/${invite.path}`)
    await page.getByText(/邀请你成为「幸福里便利店」的核销员/).waitFor({ timeout: 60_000 })
    await shot(page, 'pickups-04-staff-invite')
    await page.locator('taro-button-core', { hasText: '接受邀请' }).click()
    await page.getByText('你已是「幸福里便利店」的核销员').waitFor({ timeout: 30_000 })
    await page.locator('taro-button-core', { hasText: '去核销' }).click()
    await field('提货码').waitFor({ timeout: 30_000 })
  })

  it('at the shop he verifies the neighbour’s delegated code; both codes are then spent', async () => {
    const { delegation } = await get<{ delegation: DelegationView }>(`/delegations/${token}`, li.token)
    await field('提货码').fill(delegation.pickupCode!)
    await page.getByText('查看订单').click()
    await page.getByText('张*梅 的订单').waitFor({ timeout: 30_000 })
    await page.getByText('邻居代取（代取码）').waitFor()
    await shot(page, 'pickups-05-staff-check-delegated')
    await page.getByText('确认交货').click()
    await page.getByText('✓ 已核销').waitFor({ timeout: 30_000 })
    await shot(page, 'pickups-06-staff-verified')

    const owner = await get<{ order: Order }>(`/orders/${meiOrder.id}`, mei.token)
    expect(owner.order).toMatchObject({ status: 'picked_up', collectedBy: 'delegate' })
    await field('提货码').fill(meiOrder.pickupCode!)
    await page.getByText('查看订单').click()
    await page.getByText('已核销过').waitFor({ timeout: 30_000 })
  })

  it('a code for the school counter is refused: he is staff at the shop only', async () => {
    await field('提货码').fill(lanOrder.pickupCode!)
    await page.getByText('查看订单').click()
    await page.getByText('这个订单不在你核销的自提点提货').waitFor({ timeout: 30_000 })
    await shot(page, 'pickups-07-staff-refused-other-point')
    const { order } = await get<{ order: Order }>(`/orders/${lanOrder.id}`, (await devLogin('e2e-pk-lan', 'shopper', '李兰')).token)
    expect(order.status).toBe('confirmed')
  })

  it('小梅 sees her neighbour collected; 王阿姨 sees her staff', async () => {
    await useSessionOf(mei)
    await page.goto(`${app.baseUrl}/shopper/pages/order/index?id=${meiOrder.id}`)
    await page.getByText('已提货', { exact: true }).first().waitFor({ timeout: 60_000 })
    await page.getByText('已由邻居代取').waitFor()
    await shot(page, 'pickups-08-owner-collected-by-neighbour')

    await useSessionOf(leader)
    await page.goto(`${app.baseUrl}/leader/pages/staff/index`)
    await page.getByText('老王', { exact: true }).waitFor({ timeout: 60_000 })
    await shot(page, 'pickups-09-leader-staff')
  })
})
