import { isPickupCodeTaken } from '../../server/features/pickups/pickups.repository'
import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(30_000)

let t: TestApp
let wang: Auth
let point: string
beforeAll(async () => {
  t = await startTestApp()
  wang = await person(t.app, '王阿姨', 'leader')
  point = await newPoint(t.app, wang, '幸福里便利店')
})
afterAll(() => t.close())

/** A deal that has succeeded with the owner's order in it (and one other to reach the minimum). */
async function confirmedOrder(owner: Auth) {
  const dealId = await openDeal(t.app, wang, dealInput(t.clock.now(), [point]))
  const order = (await joinAndPay(t.app, owner, dealId, { quantity: 2, pickupPointId: point })).order
  await joinAndPay(t.app, await person(t.app, '凑单的'), dealId, { quantity: 1, pickupPointId: point })
  t.clock.advance(25 * 3_600_000) // past the cutoff: the deal succeeds
  return { dealId, order }
}

const orderOf = async (who: Auth, id: string) => (await call(t.app, who, 'GET', `/orders/${id}`)).body

describe('小梅 is at work during the pickup window: her neighbour 李姐 collects for her', () => {
  it('the neighbour gets a code of her own; one pickup spends both, and both see who collected', async () => {
    const mei = await person(t.app, '张小梅')
    const li = await person(t.app, '李秀英')
    const { order } = await confirmedOrder(mei)

    const made = await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)
    expect(made.status).toBe(200)
    expect(made.body.delegation).toMatchObject({ status: 'open', delegate: null })
    expect(made.body.delegation.path).toBe(`shopper/pages/proxy/index?token=${made.body.delegation.token}`)
    const token = made.body.delegation.token
    // tapping again gives the same link
    expect((await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)).body.delegation.token).toBe(token)

    // before accepting: the goods and the point, the owner masked, no code at all
    const preview = await call(t.app, li, 'GET', `/delegations/${token}`)
    expect(preview.body.delegation).toMatchObject({ status: 'open', mine: false, owner: '张*梅', quantity: 2, pickupPoint: { name: '幸福里便利店' } })
    expect(preview.body.delegation.pickupCode).toBeUndefined()

    const accepted = await call(t.app, li, 'POST', `/delegations/${token}/accept`)
    expect(accepted.status).toBe(200)
    const delegated = accepted.body.delegation
    expect(delegated).toMatchObject({ status: 'accepted', mine: true, pickupCode: expect.stringMatching(/^\d{6}$/) })
    expect(delegated.pickupCode).not.toBe(order.pickupCode)
    expect(delegated.pickupQr).toMatch(/^LINLI1\./)
    // the owner sees who took it, and keeps her own code
    expect((await call(t.app, mei, 'GET', `/orders/${order.id}/delegation`)).body.delegation).toMatchObject({ status: 'accepted', delegate: '李*英' })
    expect((await orderOf(mei, order.id)).order.pickupCode).toBe(order.pickupCode)

    // nobody else sees the delegated code; the delegate never sees the owner's order or code
    const other = await person(t.app, '路人甲')
    expect((await call(t.app, other, 'GET', `/delegations/${token}`)).body.delegation.pickupCode).toBeUndefined()
    const peek = await call(t.app, li, 'GET', `/orders/${order.id}`)
    expect([peek.status, JSON.stringify(peek.body)]).toEqual([404, expect.not.stringContaining(order.pickupCode)])

    // at the counter: the delegated code names the order and says it is a neighbour collecting
    const looked = await call(t.app, wang, 'POST', '/leader/pickups/lookup', { code: delegated.pickupCode })
    expect(looked.body.order).toMatchObject({ id: order.id, shopper: '张*梅', quantity: 2, collectedBy: 'delegate' })
    const verified = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: delegated.pickupCode })
    expect(verified.body.order).toMatchObject({ id: order.id, status: 'picked_up', collectedBy: 'delegate' })

    // both codes are spent
    const ownerCode = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: order.pickupCode })
    expect([ownerCode.status, ownerCode.body.error.code]).toEqual([409, 'CODE_ALREADY_USED'])
    const again = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: delegated.pickupCode })
    expect([again.status, again.body.error.code]).toEqual([409, 'CODE_ALREADY_USED'])

    // both see who collected
    const seen = (await orderOf(mei, order.id)).order
    expect(seen).toMatchObject({ status: 'picked_up', collectedBy: 'delegate', pickedUpAt: expect.any(String) })
    expect(seen.timeline.find((s: { kind: string }) => s.kind === 'picked_up')).toMatchObject({
      collectedBy: 'delegate',
      collectorNickname: '李秀英',
    })
    expect((await call(t.app, li, 'GET', `/delegations/${token}`)).body.delegation).toMatchObject({
      status: 'used',
      collectedBy: 'delegate',
      orderStatus: 'picked_up',
    })
    // the neighbour collected, but the order is still 小梅's: the delegate cannot ask for after-sales
    const asked = await call(t.app, li, 'POST', `/orders/${order.id}/after-sales`, { quantity: 1, reason: 'spoiled', note: '坏了', photos: [] })
    expect(asked.status).toBeGreaterThanOrEqual(400)
    expect(asked.status).toBeLessThan(500)
    expect((await call(t.app, mei, 'GET', `/orders/${order.id}/after-sales`)).body.requests).toEqual([])
    // and it is over: no revoking after pickup
    const late = await call(t.app, mei, 'POST', `/orders/${order.id}/delegation/revoke`)
    expect([late.status, late.body.error.code]).toEqual([409, 'DELEGATION_SPENT'])
  })

  it("the owner's own code spends the neighbour's too", async () => {
    const mei = await person(t.app, '陈小梅')
    const li = await person(t.app, '陈阿姨')
    const { order } = await confirmedOrder(mei)
    const token = (await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)).body.delegation.token
    const code = (await call(t.app, li, 'POST', `/delegations/${token}/accept`)).body.delegation.pickupCode
    expect((await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: order.pickupCode })).body.order).toMatchObject({ collectedBy: 'owner' })
    const spent = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code })
    expect([spent.status, spent.body.error.code]).toEqual([409, 'CODE_ALREADY_USED'])
    expect((await orderOf(mei, order.id)).order.collectedBy).toBe('owner')
  })

  it("the neighbour's scanned QR works like her typed code", async () => {
    const mei = await person(t.app, '孙小梅')
    const li = await person(t.app, '孙阿姨')
    const { order } = await confirmedOrder(mei)
    const token = (await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)).body.delegation.token
    const qr = (await call(t.app, li, 'POST', `/delegations/${token}/accept`)).body.delegation.pickupQr
    expect((await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: qr })).body.order).toMatchObject({
      id: order.id,
      status: 'picked_up',
      collectedBy: 'delegate',
    })
  })

  it('a delegated code is never one a live order holds (codes are drawn from the same six digits)', async () => {
    const mei = await person(t.app, '周小梅')
    const li = await person(t.app, '周阿姨')
    const { order } = await confirmedOrder(mei)
    const token = (await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)).body.delegation.token
    const code = (await call(t.app, li, 'POST', `/delegations/${token}/accept`)).body.delegation.pickupCode
    expect(await isPickupCodeTaken(t.ctx.db, code)).toBe(true)
    expect(await isPickupCodeTaken(t.ctx.db, order.pickupCode)).toBe(true)
  })
})

describe('the owner changes her mind: revoking a proxy pickup', () => {
  it("the revoked neighbour's code is refused at the counter; the owner's own still works", async () => {
    const mei = await person(t.app, '吴小梅')
    const li = await person(t.app, '吴阿姨')
    const { order } = await confirmedOrder(mei)
    const token = (await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)).body.delegation.token
    const code = (await call(t.app, li, 'POST', `/delegations/${token}/accept`)).body.delegation.pickupCode

    const revoked = await call(t.app, mei, 'POST', `/orders/${order.id}/delegation/revoke`)
    expect(revoked.body.delegation.status).toBe('revoked')
    const refused = await call(t.app, wang, 'POST', '/leader/pickups/verify', { code })
    expect([refused.status, refused.body.error.code]).toEqual([410, 'DELEGATE_CODE_REVOKED'])
    // the neighbour no longer sees a code
    expect((await call(t.app, li, 'GET', `/delegations/${token}`)).body.delegation).toMatchObject({ status: 'revoked' })
    expect((await call(t.app, li, 'GET', `/delegations/${token}`)).body.delegation.pickupCode).toBeUndefined()
    // accepting a revoked link again is refused
    const reaccept = await call(t.app, li, 'POST', `/delegations/${token}/accept`)
    expect([reaccept.status, reaccept.body.error.code]).toEqual([410, 'DELEGATION_REVOKED'])
    expect((await orderOf(mei, order.id)).order.status).toBe('confirmed')

    expect((await call(t.app, wang, 'POST', '/leader/pickups/verify', { code: order.pickupCode })).body.order).toMatchObject({ collectedBy: 'owner' })
  })
})

describe('bad input and authority', () => {
  it("delegating someone else's order, or one not yet confirmed, is refused and changes nothing", async () => {
    const mei = await person(t.app, '郑小梅')
    const dealId = await openDeal(t.app, wang, dealInput(t.clock.now(), [point]))
    const paid = (await joinAndPay(t.app, mei, dealId, { quantity: 1, pickupPointId: point })).order
    const early = await call(t.app, mei, 'POST', `/orders/${paid.id}/delegation`)
    expect([early.status, early.body.error.code]).toEqual([409, 'ORDER_NOT_DELEGABLE'])

    const { order } = await confirmedOrder(await person(t.app, '郑大姐'))
    const stranger = await person(t.app, '陌生人')
    const theirs = await call(t.app, stranger, 'POST', `/orders/${order.id}/delegation`)
    expect([theirs.status, theirs.body.error.code]).toEqual([404, 'NOT_FOUND'])
    expect((await call(t.app, stranger, 'POST', `/orders/${order.id}/delegation/revoke`)).status).toBe(404)
    const rows = await t.ctx.db.selectFrom('pickup_delegations').select('id').where('order_id', 'in', [order.id, paid.id]).execute()
    expect(rows).toEqual([])
  })

  it('accepting one’s own delegation, or one another neighbour took, is refused', async () => {
    const mei = await person(t.app, '冯小梅')
    const { order } = await confirmedOrder(mei)
    const token = (await call(t.app, mei, 'POST', `/orders/${order.id}/delegation`)).body.delegation.token
    const own = await call(t.app, mei, 'POST', `/delegations/${token}/accept`)
    expect([own.status, own.body.error.code]).toEqual([409, 'DELEGATION_OWN'])

    const li = await person(t.app, '冯阿姨')
    const first = await call(t.app, li, 'POST', `/delegations/${token}/accept`)
    // accepting again is the same code
    expect((await call(t.app, li, 'POST', `/delegations/${token}/accept`)).body.delegation.pickupCode).toBe(first.body.delegation.pickupCode)
    const second = await call(t.app, await person(t.app, '冯大爷'), 'POST', `/delegations/${token}/accept`)
    expect([second.status, second.body.error.code]).toEqual([409, 'DELEGATION_TAKEN'])
  })

  it('an unknown or malformed link, and a signed-out visitor, are refused', async () => {
    const someone = await person(t.app, '某人')
    expect((await call(t.app, someone, 'GET', '/delegations/nosuchtoken123')).status).toBe(404)
    expect((await call(t.app, someone, 'GET', '/delegations/bad!token')).status).toBe(400)
    expect((await call(t.app, null, 'POST', '/delegations/nosuchtoken123/accept')).status).toBe(401)
  })
})
