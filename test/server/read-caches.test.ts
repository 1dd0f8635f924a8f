import { sql } from 'kysely'
import type { DealDetail } from '../../types/api'
import { committedWrites } from '../../server/db/committed-writes'
import type { Database } from '../../server/db/database'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { startTestApp, type TestApp } from './helpers'

/**
 * The deal page and the session behind each request are kept in memory for a moment (the hottest
 * reads there are). What a shopper or leader does must still show at once, what another server
 * process does must show soon, and no deal is ever shown open past its cutoff.
 */
jest.setTimeout(30_000)

let t: TestApp
let other: Database
let leader: Auth
let point: string

beforeAll(async () => {
  t = await startTestApp({}, { openAnother: true })
  other = t.openAnother()
  leader = await person(t.app, '王姐', 'leader')
  point = await newPoint(t.app, leader)
})
afterAll(async () => {
  await other.destroy()
  await t.close()
})

async function page(dealId: string, auth: Auth | null = null): Promise<DealDetail> {
  const res = await call(t.app, auth, 'GET', `/deals/${dealId}`)
  expect(res.status).toBe(200)
  return res.body.deal
}

describe('the deal page, read by a whole street', () => {
  it('a neighbour who joins sees herself counted at once, and the price falls for the next reader', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point]))
    expect(await page(dealId)).toMatchObject({ count: 0, currentUnitPriceFen: 1280 })
    expect(await page(dealId)).toMatchObject({ count: 0 })

    for (const name of ['小梅', '婷婷', '阿华']) await joinAndPay(t.app, await person(t.app, name), dealId, { quantity: 1, pickupPointId: point })

    expect(await page(dealId)).toMatchObject({ count: 3, currentUnitPriceFen: 990, nextTier: { unitPriceFen: 880, remaining: 2 } })
  })

  it('the leader renames her deal in another server process: readers here see it within about a second', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point], { title: '安吉白茶' }))
    expect((await page(dealId)).title).toBe('安吉白茶')
    await other.updateTable('deals').set({ title: '安吉白茶（明前）' }).where('id', '=', dealId).execute()

    const until = Date.now() + 3_000
    let title = (await page(dealId)).title
    while (title !== '安吉白茶（明前）' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100))
      title = (await page(dealId)).title
    }
    expect(title).toBe('安吉白茶（明前）')
  })

  it('read a moment before its cutoff, the deal is not shown open a moment after it: it is settled', async () => {
    const dealId = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [point], { cutoffAt: new Date(t.clock.now().getTime() + 60_000).toISOString() }),
    )
    await joinAndPay(t.app, await person(t.app, '小雨'), dealId, { quantity: 1, pickupPointId: point })
    t.clock.advance(59_999)
    expect(await page(dealId)).toMatchObject({ status: 'open', count: 1, nextTier: { remaining: 2 } })
    t.clock.advance(2)
    // one paid person of a minimum of two: failed, and nothing left to unlock
    expect(await page(dealId)).toMatchObject({ status: 'failed', nextTier: null })
  })

  it('a located or invited reader gets the same deal with distances or the inviter, not the cached plain page', async () => {
    const dealId = await openDeal(t.app, leader, dealInput(t.clock.now(), [point]))
    const mei = await person(t.app, '小梅')
    await joinAndPay(t.app, mei, dealId, { quantity: 1, pickupPointId: point })
    const invite = await call(t.app, mei, 'POST', `/deals/${dealId}/invites`)
    const code = invite.body.invite?.code ?? invite.body.code
    expect((await page(dealId)).inviter).toBeUndefined()
    const invited = await call(t.app, null, 'GET', `/deals/${dealId}?invite=${code}`)
    expect(invited.body.deal.inviter).toEqual({ nickname: '小梅' })
    const located = await call(t.app, null, 'GET', `/deals/${dealId}?lat=30.63&lng=119.68`)
    expect(located.body.deal.pickupPoints[0].distanceM).toBe(0)
    expect((await page(dealId)).pickupPoints[0].distanceM).toBeUndefined()
  })
})

describe('the session behind each request', () => {
  it('signing out ends the session at once, even right after it was used', async () => {
    const shopper = await person(t.app, '阿强')
    expect((await call(t.app, shopper, 'GET', '/me')).status).toBe(200)
    expect((await call(t.app, shopper, 'POST', '/auth/logout')).status).toBeLessThan(300)
    const after = await call(t.app, shopper, 'GET', '/me')
    expect(after.status).toBe(401)
  })

  it('a session ended in another server process is refused here within a few seconds', async () => {
    const shopper = await person(t.app, '阿珍')
    expect((await call(t.app, shopper, 'GET', '/me')).status).toBe(200)
    await other.deleteFrom('sessions').where('user_id', '=', shopper.userId).execute()
    const until = Date.now() + 8_000
    let status = 200
    while (status === 200 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 250))
      status = (await call(t.app, shopper, 'GET', '/me')).status
    }
    expect(status).toBe(401)
  })
})

describe('the count of committed writes that caches trust', () => {
  const tables = ['deals']

  it('moves for a commit that wrote the table, not for a rollback, a read, or another table', async () => {
    const db = t.ctx.db
    const start = committedWrites(db, tables)
    await db.selectFrom('deals').select('id').execute()
    await db.updateTable('pickup_points').set({ hours: '08:00-21:00' }).where('id', '=', point).execute()
    expect(committedWrites(db, tables)).toBe(start)

    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('deals').set({ title: '回滚' }).where('id', '=', 'nope').execute()
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(committedWrites(db, tables)).toBe(start)

    await db.transaction().execute(async (trx) => {
      await trx.updateTable('deals').set({ title: '提交' }).where('id', '=', 'nope').execute()
    })
    expect(committedWrites(db, tables)).toBe(start + 1)
  })

  it('counts raw SQL that writes against every table, and a raw read against none', async () => {
    const db = t.ctx.db
    const start = committedWrites(db, tables)
    await sql`select 1`.execute(db)
    expect(committedWrites(db, tables)).toBe(start)
    await sql`update pickup_points set hours = hours where id = ${point}`.execute(db)
    expect(committedWrites(db, tables)).toBe(start + 1)
  })
})
