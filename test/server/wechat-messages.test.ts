import { backoffMs, deliverOutbox, MAX_ATTEMPTS, registerOutboxKind } from '../../server/features/notifications/outbox'
import { enqueueOutbox } from '../../server/features/notifications/outbox.repository'
import { settleDueDeals } from '../../server/features/settlement/settlement.service'
import { runWechatJobs } from '../../server/jobs/wechat-jobs'
import { call, dealInput, openDeal, type Auth } from './engine-api'
import type { FakeWechat } from './fakes/wechat-server'
import type { FakeWechatPay } from './fakes/wechatpay-server'
import { startWechatTown, type WechatShopper, type WechatTown } from './fakes/wechat-town'
import type { TestApp } from './helpers'

jest.setTimeout(60_000)

const TEMPLATES = {
  deal_succeeded: 'tpl-deal-succeeded-0001',
  deal_failed: 'tpl-deal-failed-00000002',
  goods_arrived: 'tpl-goods-arrived-000003',
  pickup_reminder: 'tpl-pickup-reminder-0004',
}

let town: WechatTown
let wechat: FakeWechat
let pay: FakeWechatPay
let t: TestApp
let leader: Auth
let pointId: string

beforeAll(async () => {
  town = await startWechatTown(
    { notifications: { templates: TEMPLATES, reminderMinutes: 120 } },
    { wechatFollowsTestClock: true, pointName: '幸福里便利店' },
  )
  ;({ wechat, pay, t, leader, pointId } = town)
})
afterAll(() => town.close())

type Shopper = WechatShopper
const wechatShopper = () => town.wechatShopper()
const paidOrder = (shopper: Auth, dealId: string, quantity = 1) => town.paidOrder(shopper, dealId, quantity)

const consent = (shopper: Auth, templateIds: string[], dealId?: string) =>
  call(t.app, shopper, 'POST', '/me/subscriptions', { templateIds, ...(dealId ? { dealId } : {}) })
const messagesOf = async (shopper: Auth) => (await call(t.app, shopper, 'GET', '/me/messages')).body
const sentTo = (s: Shopper) => wechat.sentMessages.filter((m) => m.touser === s.openid)
const outboxRows = (kind?: string) => {
  let q = t.ctx.db.selectFrom('outbox').selectAll()
  if (kind) q = q.where('kind', '=', kind)
  return q.orderBy('created_at').execute()
}

describe('subscription messages, the in-app list and shipping uploads', () => {
  let mei: Shopper
  let jun: Shopper
  let dealId: string
  let meiOrder: string

  it('the app learns which templates to ask for, and the shopper’s consent is recorded', async () => {
    const templates = await call(t.app, null, 'GET', '/notifications/templates')
    expect(templates.body).toEqual({ templates: TEMPLATES })

    dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 2 }))
    mei = await wechatShopper()
    jun = await wechatShopper()
    const res = await consent(mei, [TEMPLATES.deal_succeeded, TEMPLATES.goods_arrived, TEMPLATES.pickup_reminder], dealId)
    expect(res).toEqual({ status: 200, body: { accepted: 3 } })
    meiOrder = await paidOrder(mei, dealId, 2)
    await paidOrder(jun, dealId)
  })

  it('consent for a template we do not use, too many at once, or for a made-up deal is refused', async () => {
    expect((await consent(mei, ['tpl-nobody-knows-this'])).body.error.code).toBe('UNKNOWN_TEMPLATE')
    expect((await consent(mei, Object.values(TEMPLATES))).status).toBe(400)
    expect((await consent(mei, [TEMPLATES.deal_failed], 'no-such-deal')).status).toBe(404)
    expect((await call(t.app, null, 'POST', '/me/subscriptions', { templateIds: [TEMPLATES.deal_failed] })).status).toBe(401)
  })

  it('成团: both shoppers see it in the app; the one who subscribed also gets it in WeChat', async () => {
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    const inbox = await messagesOf(mei)
    expect(inbox.unread).toBe(1)
    expect(inbox.messages[0]).toMatchObject({ kind: 'deal_succeeded', title: '拼团成功', dealId, orderId: meiOrder, read: false })
    expect(inbox.messages[0].body).toContain('成交价 ¥25.60')
    // and what it is about, for the app to say in English
    const deal = await t.ctx.db.selectFrom('deals').select(['title', 'pickup_start', 'pickup_end']).where('id', '=', dealId).executeTakeFirstOrThrow()
    expect(inbox.messages[0].facts).toEqual({
      deal: deal.title,
      point: '幸福里便利店',
      amountFen: 2560,
      refundFen: 0,
      pickupStart: deal.pickup_start,
      pickupEnd: deal.pickup_end,
      reason: null,
    })
    expect((await messagesOf(jun)).messages.map((m: { kind: string }) => m.kind)).toEqual(['deal_succeeded'])

    const run = await deliverOutbox(t.ctx)
    expect(run).toMatchObject({ sent: 1, skipped: 1, failed: 0, retried: 0 })
    const [sent] = sentTo(mei)
    expect(sent).toMatchObject({
      touser: mei.openid,
      template_id: TEMPLATES.deal_succeeded,
      page: `shopper/pages/order/index?id=${meiOrder}`,
      miniprogram_state: 'trial',
      data: { thing1: { value: '安吉白茶' }, amount2: { value: '25.60元' }, thing4: { value: '幸福里便利店' } },
    })
    expect(sent.data.time3.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/)
    expect(sentTo(jun)).toEqual([])
    expect((await outboxRows()).find((r) => r.user_id === jun.userId)).toMatchObject({
      status: 'skipped',
      last_error: 'no subscription consent: in-app only',
    })
    // one token from stable_token, in the normal (not forced) mode
    expect(wechat.tokenRequests).toEqual([
      {
        path: '/cgi-bin/stable_token',
        body: { grant_type: 'client_credential', appid: wechat.appId, secret: wechat.appSecret, force_refresh: false },
      },
    ])
  })

  it('settling or delivering again tells nobody twice', async () => {
    await settleDueDeals(t.ctx)
    await deliverOutbox(t.ctx)
    expect((await messagesOf(mei)).messages).toHaveLength(1)
    expect(sentTo(mei)).toHaveLength(1)
  })

  it('到货: shoppers are told, and each WeChat payment is uploaded as shipped for self-pickup', async () => {
    t.clock.advance(3_600_000) // the truck comes an hour later
    const res = await call(t.app, leader, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: pointId })
    expect(res.status).toBe(200)
    expect((await messagesOf(jun)).messages[0]).toMatchObject({
      kind: 'goods_arrived',
      title: '到货啦，可以提货了',
      facts: { point: '幸福里便利店', amountFen: null },
    })
    expect(await outboxRows('shipping')).toHaveLength(2)

    await deliverOutbox(t.ctx)
    expect(sentTo(mei).map((m) => m.template_id)).toEqual([TEMPLATES.deal_succeeded, TEMPLATES.goods_arrived])
    expect(wechat.shippingUploads).toHaveLength(2)
    const mine = wechat.shippingUploads.find((u) => u.order_key.out_trade_no === meiOrder)!
    expect(mine).toEqual({
      order_key: { order_number_type: 1, mchid: pay.mchId, out_trade_no: meiOrder },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '安吉白茶 50g/罐 ×2' }],
      upload_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/),
      payer: { openid: mei.openid },
    })
    // the cached token served every call
    expect(wechat.tokenRequests).toHaveLength(1)

    // the leader taps 到货 again: nothing new
    await call(t.app, leader, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: pointId })
    await deliverOutbox(t.ctx)
    expect(wechat.shippingUploads).toHaveLength(2)
    expect((await messagesOf(mei)).messages).toHaveLength(2)
  })

  it('提货提醒: shortly before the window closes, whoever has not picked up is reminded, once', async () => {
    const deal = await t.ctx.db.selectFrom('deals').select('pickup_end').where('id', '=', dealId).executeTakeFirstOrThrow()
    t.clock.set(new Date(Date.parse(deal.pickup_end) - 3 * 3_600_000).toISOString())
    expect((await runWechatJobs(t.ctx)).reminded).toBe(0)
    t.clock.set(new Date(Date.parse(deal.pickup_end) - 60 * 60_000).toISOString())
    expect((await runWechatJobs(t.ctx)).reminded).toBe(2)
    expect((await runWechatJobs(t.ctx)).reminded).toBe(0)
    expect((await messagesOf(jun)).messages[0]).toMatchObject({ kind: 'pickup_reminder', title: '提货提醒' })
    expect(sentTo(mei).map((m) => m.template_id)).toEqual([TEMPLATES.deal_succeeded, TEMPLATES.goods_arrived, TEMPLATES.pickup_reminder])
    expect(sentTo(jun)).toEqual([])
  })

  it('the shopper reads her messages', async () => {
    const read = await call(t.app, mei, 'POST', '/me/messages/read')
    expect(read.body.unread).toBe(0)
    expect(read.body.messages.every((m: { read: boolean }) => m.read)).toBe(true)
    expect((await call(t.app, null, 'GET', '/me/messages')).status).toBe(401)
  })

  it('未成团: refunded shoppers are told their money is on the way back', async () => {
    const failing = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 5 }))
    const lan = await wechatShopper()
    await consent(lan, [TEMPLATES.deal_failed])
    await paidOrder(lan, failing)
    t.clock.advance(25 * 3_600_000)
    await settleDueDeals(t.ctx)
    const [msg] = (await messagesOf(lan)).messages
    expect(msg).toMatchObject({
      kind: 'deal_failed',
      title: '未成团，已退款',
      facts: { amountFen: 1280, reason: 'deal_failed', point: '幸福里便利店' },
    })
    expect(msg.body).toContain('已全额退款 ¥12.80')
    await deliverOutbox(t.ctx)
    expect(sentTo(lan)).toEqual([
      expect.objectContaining({
        template_id: TEMPLATES.deal_failed,
        data: { thing1: { value: '安吉白茶' }, amount2: { value: '12.80元' }, thing3: { value: '未达到成团人数' } },
      }),
    ])
  })

  describe('delivery when WeChat has trouble', () => {
    let hua: Shopper
    let failing: string

    beforeAll(async () => {
      failing = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 5 }))
      hua = await wechatShopper()
      await consent(hua, [TEMPLATES.deal_failed])
      await paidOrder(hua, failing)
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
    })

    const huaRow = async () => (await outboxRows('deal_failed')).find((r) => r.user_id === hua.userId)!

    it('a busy WeChat is retried with exponential backoff, and the consent is not spent on failures', async () => {
      wechat.busyFor = 2
      expect((await deliverOutbox(t.ctx)).retried).toBe(1)
      let row = await huaRow()
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: '-1 system error' })
      expect(Date.parse(row.next_attempt_at) - t.clock.now().getTime()).toBe(30_000)
      expect((await deliverOutbox(t.ctx)).retried).toBe(0) // not due yet
      t.clock.advance(30_000)
      await deliverOutbox(t.ctx)
      row = await huaRow()
      expect(row.attempts).toBe(2)
      expect(Date.parse(row.next_attempt_at) - t.clock.now().getTime()).toBe(60_000)
      t.clock.advance(60_000)
      await deliverOutbox(t.ctx)
      expect(await huaRow()).toMatchObject({ status: 'sent', attempts: 3 })
      expect(sentTo(hua)).toHaveLength(1)
      const consents = await t.ctx.db.selectFrom('subscription_consents').selectAll().where('user_id', '=', hua.userId).execute()
      expect(consents.map((c) => c.used_at !== null)).toEqual([true])
    })

    it('an access token WeChat no longer accepts is replaced once and the message still goes', async () => {
      const yu = await wechatShopper()
      const dealFor = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 5 }))
      await consent(yu, [TEMPLATES.deal_failed])
      await paidOrder(yu, dealFor)
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
      const tokens = wechat.tokenRequests.length
      wechat.revokeTokens()
      expect((await deliverOutbox(t.ctx)).sent).toBe(1)
      expect(wechat.tokenRequests.length).toBe(tokens + 1)
      expect(sentTo(yu)).toHaveLength(1)
    })

    it('a token is fetched again when it is about to expire', async () => {
      const row = await t.ctx.db.selectFrom('wechat_access_tokens').selectAll().executeTakeFirstOrThrow()
      t.clock.set(new Date(Date.parse(row.expires_at) - 60_000).toISOString())
      const before = wechat.tokenRequests.length
      const bo = await wechatShopper()
      const dealFor = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 5 }))
      await consent(bo, [TEMPLATES.deal_failed])
      await paidOrder(bo, dealFor)
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
      await deliverOutbox(t.ctx)
      expect(wechat.tokenRequests.length).toBe(before + 1)
      expect(sentTo(bo)).toHaveLength(1)
    })

    it('a shopper who switched the message off in WeChat (43101) is not retried', async () => {
      const ke = await wechatShopper()
      const dealFor = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 5 }))
      await consent(ke, [TEMPLATES.deal_failed])
      await paidOrder(ke, dealFor)
      wechat.refusedBy.add(ke.openid)
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
      await deliverOutbox(t.ctx)
      const row = (await outboxRows('deal_failed')).find((r) => r.user_id === ke.userId)!
      expect(row).toMatchObject({ status: 'skipped', attempts: 1 })
      expect((await messagesOf(ke)).messages).toHaveLength(1)
    })

    it(`after ${MAX_ATTEMPTS} failed attempts a message is given up, and nothing else is held up`, async () => {
      const wu = await wechatShopper()
      const dealFor = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 5 }))
      await consent(wu, [TEMPLATES.deal_failed])
      await paidOrder(wu, dealFor)
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
      wechat.busyFor = 1000
      try {
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          await deliverOutbox(t.ctx)
          t.clock.advance(backoffMs(attempt))
        }
      } finally {
        wechat.busyFor = 0
      }
      const row = (await outboxRows('deal_failed')).find((r) => r.user_id === wu.userId)!
      expect(row.status).toBe('failed')
      expect(row.attempts).toBe(MAX_ATTEMPTS)
      expect(row.last_error).toMatch(/gave up after 10 attempts/)
      expect(backoffMs(MAX_ATTEMPTS)).toBeLessThanOrEqual(6 * 3_600_000)
    })

    it('when WeChat is unreachable the shipping upload waits and goes through later', async () => {
      const dealFor = await openDeal(t.app, leader, dealInput(t.clock.now(), [pointId], { minToSucceed: 1 }))
      const qi = await wechatShopper()
      const orderId = await paidOrder(qi, dealFor)
      t.clock.advance(25 * 3_600_000)
      await settleDueDeals(t.ctx)
      await deliverOutbox(t.ctx)
      wechat.down = true
      try {
        await call(t.app, leader, 'POST', `/leader/deals/${dealFor}/arrivals`, { pickupPointId: pointId })
        await deliverOutbox(t.ctx)
        expect(wechat.shippingUploads.some((u) => u.order_key.out_trade_no === orderId)).toBe(false)
      } finally {
        wechat.down = false
      }
      t.clock.advance(30_000)
      await deliverOutbox(t.ctx)
      expect(wechat.shippingUploads.filter((u) => u.order_key.out_trade_no === orderId)).toHaveLength(1)
    })
  })
})

describe('the outbox delivers each kind by the handler its feature registered', () => {
  it('a row of a kind no feature delivers is given up with the reason, and is not retried', async () => {
    const nowIso = t.clock.now().toISOString()
    await t.ctx.db
      .transaction()
      .execute((trx) => enqueueOutbox(trx, 'made_up_kind', [{ dedupeKey: 'made_up_kind:1', userId: null, payload: {} }], nowIso))
    await deliverOutbox(t.ctx)
    const [row] = await outboxRows('made_up_kind')
    expect(row).toMatchObject({ status: 'failed', attempts: 1, last_error: 'no handler for outbox kind "made_up_kind"' })
  })

  it('two features cannot claim one kind', () => {
    expect(() => registerOutboxKind('shipping', async () => ({ outcome: 'sent' }))).toThrow('registered twice')
  })
})
