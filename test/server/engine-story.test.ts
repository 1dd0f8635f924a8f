import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'

// a busy machine (PostgreSQL schema set-up, many real requests) needs more than jest's 5 s
jest.setTimeout(60_000)

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

const HOUR = 3_600_000

describe('a neighbourhood group buy, start to finish', () => {
  it('friends joining through invites unlock ¥9.90 and then ¥8.80 for everyone, and the difference comes back at cutoff', async () => {
    const wang = await person(t.app, '王阿姨', 'leader')
    const point = await newPoint(t.app, wang)
    const start = t.clock.now()
    const dealId = await openDeal(t.app, wang, dealInput(start, [point], { minToSucceed: 3 }))

    const names = ['张小梅', '李兰', '赵大姐', '钱叔', '孙阿婆']
    const shoppers: Auth[] = []
    for (const n of names) shoppers.push(await person(t.app, n))
    const quantities = [1, 2, 1, 3, 1]
    const priceNow = async () => (await call(t.app, null, 'GET', `/deals/${dealId}`)).body.deal

    expect(await priceNow()).toMatchObject({ count: 0, currentUnitPriceFen: 1280, nextTier: { threshold: 3, unitPriceFen: 990, remaining: 3 } })

    // 小梅 joins first and shares the deal; 李兰 comes through her invite
    const paid: { id: string; unitPriceFen: number; quantity: number }[] = []
    paid.push((await joinAndPay(t.app, shoppers[0], dealId, { quantity: quantities[0], pickupPointId: point })).order)
    const invite = (await call(t.app, shoppers[0], 'POST', `/deals/${dealId}/invites`)).body
    expect(invite.path).toBe(`/pages/deal/index?id=${dealId}&invite=${invite.code}`)
    const landing = (await call(t.app, shoppers[1], 'GET', `/deals/${dealId}?invite=${invite.code}`)).body.deal
    expect(landing).toMatchObject({ inviter: { nickname: '张小梅' }, count: 1, nextTier: { unitPriceFen: 990, remaining: 2 } })
    const viaInvite = await joinAndPay(t.app, shoppers[1], dealId, { quantity: quantities[1], pickupPointId: point, inviteCode: invite.code })
    expect(viaInvite.order.inviterId).toBe(shoppers[0].userId)
    paid.push(viaInvite.order)
    expect(await priceNow()).toMatchObject({ count: 2, currentUnitPriceFen: 1280, nextTier: { unitPriceFen: 990, remaining: 1 } })

    // the third person unlocks ¥9.90: she pays it at once
    paid.push((await joinAndPay(t.app, shoppers[2], dealId, { quantity: quantities[2], pickupPointId: point })).order)
    expect(await priceNow()).toMatchObject({ count: 3, currentUnitPriceFen: 990, nextTier: { threshold: 5, unitPriceFen: 880, remaining: 2 } })

    // 钱叔 comes through 小梅's invite too
    paid.push((await joinAndPay(t.app, shoppers[3], dealId, { quantity: quantities[3], pickupPointId: point, inviteCode: invite.code })).order)
    paid.push((await joinAndPay(t.app, shoppers[4], dealId, { quantity: quantities[4], pickupPointId: point })).order)
    expect(await priceNow()).toMatchObject({ count: 5, currentUnitPriceFen: 880, nextTier: null, soldUnits: 8 })
    expect(paid.map((o) => o.unitPriceFen)).toEqual([1280, 1280, 990, 990, 880])
    expect((await call(t.app, shoppers[0], 'GET', '/me/invites')).body.invites).toEqual([
      { dealId, dealTitle: '安吉白茶 明前一级', code: invite.code, friends: 2 },
    ])

    // a second deal of the same leader that never reaches its minimum
    const lonely = await openDeal(t.app, wang, dealInput(start, [point], { title: '湖州千张', minToSucceed: 4 }))
    const lonelyOrders = [
      (await joinAndPay(t.app, shoppers[0], lonely, { quantity: 2, pickupPointId: point })).order,
      (await joinAndPay(t.app, shoppers[1], lonely, { quantity: 1, pickupPointId: point })).order,
    ]

    // cutoff passes
    t.clock.set(new Date(start.getTime() + 24 * HOUR + 1000).toISOString())
    const settled = (await call(t.app, null, 'GET', `/deals/${dealId}`)).body.deal
    expect(settled).toMatchObject({ status: 'succeeded', currentUnitPriceFen: 880 })

    const expectedRefunds = [(1280 - 880) * 1, (1280 - 880) * 2, (990 - 880) * 1, (990 - 880) * 3, 0]
    for (let i = 0; i < 5; i++) {
      const order = (await call(t.app, shoppers[i], 'GET', `/orders/${paid[i].id}`)).body.order
      expect(order).toMatchObject({
        status: 'confirmed',
        dealStatus: 'succeeded',
        finalUnitPriceFen: 880,
        paidFen: paid[i].unitPriceFen * quantities[i],
        refundFen: expectedRefunds[i],
      })
      expect(order.paidFen - order.refundFen).toBe(880 * quantities[i])
      expect(order.refunds).toEqual(
        expectedRefunds[i] > 0 ? [expect.objectContaining({ reason: 'price_difference', amountFen: expectedRefunds[i] })] : [],
      )
      expect(order.pickupCode).toMatch(/^\d{6}$/)
    }

    expect((await call(t.app, null, 'GET', `/deals/${lonely}`)).body.deal.status).toBe('failed')
    for (const [i, o] of lonelyOrders.entries()) {
      const order = (await call(t.app, shoppers[i], 'GET', `/orders/${o.id}`)).body.order
      expect(order).toMatchObject({ status: 'refunded', dealStatus: 'failed', finalUnitPriceFen: 0, refundFen: order.paidFen })
      expect(order.paidFen).toBe(1280 * o.quantity)
      expect(order.refunds).toEqual([expect.objectContaining({ reason: 'deal_failed', amountFen: order.paidFen })])
      expect(order.pickupCode).toBeUndefined()
    }

    // the leader sees it all: the succeeded deal's money, and nothing from the failed one
    const list = (await call(t.app, wang, 'GET', '/leader/deals')).body.deals
    expect(list.map((d: { title: string; status: string }) => [d.title, d.status]).sort()).toEqual([
      ['安吉白茶 明前一级', 'succeeded'],
      ['湖州千张', 'failed'],
    ])
    const earnings = (await call(t.app, wang, 'GET', '/leader/earnings')).body
    expect(earnings.deals).toEqual([expect.objectContaining({ dealId, pendingValueFen: 880 * 8, pendingFen: 352, earnedFen: 0 })])
  })
})
