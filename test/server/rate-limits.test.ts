import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { testConfig } from '../../server/config'
import type { Database } from '../../server/db/database'
import { RATE_LIMITS } from '../../server/http/rate-limits'
import { TestClock, freshDatabase, login } from './helpers'

/**
 * A script hammering joins or logins gets a clear 429 once past its share, however the load
 * balancer spreads its requests over the instances; everyone else carries on.
 */
jest.setTimeout(30_000)

let drop: () => Promise<void>
let other: Database
let one: FastifyInstance
let two: FastifyInstance
const clock = new TestClock()

beforeAll(async () => {
  const fresh = await freshDatabase({ openAnother: true })
  drop = fresh.drop
  other = fresh.openAnother()
  const config = testConfig({ rateLimitStore: 'database' })
  one = await buildApp({ db: fresh.db, config, now: clock.now })
  two = await buildApp({ db: other, config, now: clock.now })
})
afterAll(async () => {
  await one.close()
  await two.close()
  await other.destroy()
  await drop()
})

const join = (app: FastifyInstance, authorization: string, n: number) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/deals/no-such-deal/orders',
    headers: { authorization, 'idempotency-key': `key-${n}-0000` },
    payload: { quantity: 1, pickupPointId: 'p' },
  })

describe('rate limits that hold across instances', () => {
  it('eighty joins from one session sent at once, half to each instance: exactly the limit get through', async () => {
    const { max } = RATE_LIMITS['POST /api/v1/deals/:id/orders']
    const script = await login(one, 'hammer')
    const replies = await Promise.all(Array.from({ length: 80 }, (_, i) => join(i % 2 ? two : one, script.authorization, i)))
    const limited = replies.filter((r) => r.statusCode === 429)
    expect(replies.length - limited.length).toBe(max)
    const refusal = limited[0].json()
    expect(refusal.error.code).toBe('RATE_LIMITED')
    expect(refusal.error.params.seconds).toBeGreaterThan(0)

    // a neighbour on the same network is not held back by someone else's script
    const neighbour = await login(two, 'neighbour')
    expect((await join(two, neighbour.authorization, 99)).statusCode).toBe(404)
  })

  it('a new window opens once the old one is over', async () => {
    const script = await login(one, 'patient')
    const { max, windowMs } = RATE_LIMITS['POST /api/v1/deals/:id/orders']
    for (let i = 0; i < max; i++) expect((await join(one, script.authorization, i)).statusCode).toBe(404)
    expect((await join(two, script.authorization, max)).statusCode).toBe(429)
    clock.advance(windowMs + 1)
    expect((await join(two, script.authorization, max + 1)).statusCode).toBe(404)
  })

  it('WeChat sign-in is limited per address', async () => {
    const { max } = RATE_LIMITS['POST /api/v1/auth/wechat-login']
    const codes: number[] = []
    for (let i = 0; i <= max; i++) {
      codes.push((await (i % 2 ? two : one).inject({ method: 'POST', url: '/api/v1/auth/wechat-login', payload: { code: `c${i}` } })).statusCode)
    }
    expect(codes.slice(0, max).every((c) => c !== 429)).toBe(true)
    expect(codes[max]).toBe(429)
  })
})
