import type { Database } from '../../server/db/database'
import type { AppContext } from '../../server/http/context'
import { testConfig } from '../../server/config'
import { Lease } from '../../server/jobs/leases'
import { startSweeper } from '../../server/jobs/sweeper'
import { TestClock, freshDatabase } from './helpers'

/**
 * Several API instances run the same background sweeper; each pass is taken by one of them at a
 * time, and when that one dies another carries on.
 */
jest.setTimeout(30_000)

let drop: () => Promise<void>
let other: Database
let one: AppContext
let two: AppContext
const clock = new TestClock()

beforeAll(async () => {
  const fresh = await freshDatabase({ openAnother: true })
  drop = fresh.drop
  other = fresh.openAnother()
  one = { db: fresh.db, config: testConfig(), now: clock.now }
  two = { db: other, config: testConfig(), now: clock.now }
})
afterAll(async () => {
  await other.destroy()
  await drop()
})

describe('the sweeper lease', () => {
  it('twenty instances asking at once: exactly one holds it', async () => {
    const leases = Array.from({ length: 20 }, () => new Lease('race', 10_000))
    const taken = await Promise.all(leases.map((l, i) => l.take(i % 2 ? two : one)))
    expect(taken.filter(Boolean)).toHaveLength(1)
    // the holder renews it; the others still cannot have it
    const holder = leases[taken.indexOf(true)]
    expect(await holder.take(one)).toBe(true)
    expect(await leases.find((l) => l !== holder)!.take(two)).toBe(false)
  })

  it("a dead holder's lease passes to another instance once it runs out", async () => {
    const dead = new Lease('handover', 10_000)
    const alive = new Lease('handover', 10_000)
    expect(await dead.take(one)).toBe(true)
    clock.advance(9_000)
    expect(await alive.take(two)).toBe(false)
    clock.advance(1_001)
    expect(await alive.take(two)).toBe(true)
    // and the one that came back finds it taken
    expect(await dead.take(one)).toBe(false)
  })

  it('two running sweepers: only the lease holder sweeps, and a clean stop hands over at once', async () => {
    const quick = { ...testConfig(), sweepIntervalMs: 20 }
    const first = startSweeper({ ...one, config: quick })
    await new Promise((r) => setTimeout(r, 100))
    const second = startSweeper({ ...two, config: quick })
    await new Promise((r) => setTimeout(r, 100))
    expect(await second.lease.take({ ...two, config: quick })).toBe(false)
    await first.stop()
    expect(await second.lease.take({ ...two, config: quick })).toBe(true)
    await second.stop()
  })
})
