import { Subscribers, inProcessBus } from '../../server/bus/bus'
import { shareWrites } from '../../server/bus/shared-writes'
import { committedWrites } from '../../server/db/committed-writes'
import { openDatabase } from '../../server/db/database'
import { call, dealInput, newPoint, openDeal, person, type Auth } from './engine-api'
import { twoInstances, type Instance } from './helpers'

/**
 * Two API instances over one database (on PostgreSQL: two pools and two LISTEN connections; on
 * SQLite: two handles on one file in one process). What one instance commits drops the other's
 * cached answers at once — well inside the caches' own expiry (1 s for a deal, 5 s for a session).
 */
jest.setTimeout(30_000)

let one: Instance
let two: Instance
let close: () => Promise<void>

beforeAll(async () => {
  ;({ one, two, close } = await twoInstances())
})
afterAll(() => close())

/** How long until `check` holds, polling every 10 ms, up to 3 s. */
async function msUntil(check: () => Promise<boolean>): Promise<number> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > 3_000) return Infinity
    await new Promise((r) => setTimeout(r, 10))
  }
  return Date.now() - start
}

describe('two instances, one truth', () => {
  it('a shopper who signs out on one instance is signed out on the other at once', async () => {
    const shopper: Auth = await person(one.app, '小梅')
    // instance two has her session cached (5 s) from a first request
    expect((await call(two.app, shopper, 'GET', '/me')).status).toBe(200)
    expect((await call(two.app, shopper, 'GET', '/me')).status).toBe(200)

    expect((await call(one.app, shopper, 'POST', '/auth/logout')).status).toBeLessThan(300)

    const ms = await msUntil(async () => (await call(two.app, shopper, 'GET', '/me')).status === 401)
    expect(ms).toBeLessThan(1_000)
  })

  it("a leader's cancel on one instance shows on the other's deal page at once", async () => {
    const leader = await person(one.app, '王姐', 'leader')
    const point = await newPoint(one.app, leader)
    const dealId = await openDeal(one.app, leader, dealInput(new Date(), [point]))
    // cached on instance two (1 s)
    expect((await call(two.app, null, 'GET', `/deals/${dealId}`)).body.deal.status).toBe('open')

    expect((await call(one.app, leader, 'POST', `/leader/deals/${dealId}/cancel`)).status).toBe(200)

    const ms = await msUntil(async () => (await call(two.app, null, 'GET', `/deals/${dealId}`)).body.deal.status === 'cancelled')
    expect(ms).toBeLessThan(500)
  })

  it('a bus that may have missed messages drops every cached answer', async () => {
    const hub = new Subscribers()
    const db = openDatabase({ kind: 'sqlite', file: ':memory:' })
    const unshare = shareWrites(db, inProcessBus(hub))
    const before = committedWrites(db, ['deals'])
    hub.gap()
    expect(committedWrites(db, ['deals'])).not.toBe(before)
    unshare()
    await db.destroy()
  })
})
