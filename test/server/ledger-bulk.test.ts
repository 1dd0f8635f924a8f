import { settleDeal } from '../../server/features/settlement/settlement.service'
import { startTestApp, type TestApp } from './helpers'
import { insertDeal, insertPoint, insertUser } from './engine-fixtures'
import { ledgerProblems } from './ledger-check'

// a deal of ten thousand orders, on SQLite and PostgreSQL
jest.setTimeout(120_000)

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

describe('a deal of ten thousand orders', () => {
  it('settles in seconds: rates frozen per point, ten thousand price-difference refunds, each in the ledger', async () => {
    const wang = await insertUser(t.ctx, '王姐', 'shopper,leader')
    const li = await insertUser(t.ctx, '李妈妈', 'shopper,leader')
    await t.ctx.db.updateTable('users').set({ commission_bps: 800 }).where('id', '=', li).execute()
    const points = [await insertPoint(t.ctx, wang, '胜利西路店'), await insertPoint(t.ctx, li, '阳光小区店')]
    const dealId = await insertDeal(t.ctx, {
      leaderId: wang,
      pointId: points[0],
      cutoffAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(),
      tierBasis: 'units',
    })
    await t.ctx.db.insertInto('deal_pickup_points').values({ deal_id: dealId, pickup_point_id: points[1] }).execute()
    const shoppers: string[] = []
    for (let i = 0; i < 50; i++) shoppers.push(await insertUser(t.ctx, `邻居${i}`))
    const now = t.clock.now().toISOString()
    const N = 10_000
    for (let start = 0; start < N; start += 500) {
      await t.ctx.db
        .insertInto('orders')
        .values(
          Array.from({ length: Math.min(500, N - start) }, (_, k) => {
            const i = start + k
            return {
              id: `bulk-${String(i).padStart(6, '0')}`,
              deal_id: dealId,
              user_id: shoppers[i % shoppers.length],
              status: 'paid' as const,
              quantity: 1,
              unit_price_fen: 1280,
              final_unit_price_fen: null,
              paid_fen: 1280,
              refund_fen: 0,
              pickup_point_id: points[i % 2],
              inviter_id: null,
              idempotency_key: `bulk-${i}`,
              request_hash: 'fixture',
              pickup_code: null,
              created_at: now,
              updated_at: now,
              paid_at: now,
              hold_expires_at: null,
              closed_at: null,
              picked_up_at: null,
            }
          }),
        )
        .execute()
    }
    t.clock.advance(2 * 3_600_000)
    const began = Date.now()
    expect(await settleDeal(t.ctx, dealId)).toBe(true)
    const took = Date.now() - began
    expect(took).toBeLessThan(30_000)

    const frozen = await t.ctx.db
      .selectFrom('orders')
      .select([
        'pickup_point_id',
        'commission_bps',
        'commission_leader_id',
        'final_unit_price_fen',
        'refund_fen',
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('deal_id', '=', dealId)
      .groupBy(['pickup_point_id', 'commission_bps', 'commission_leader_id', 'final_unit_price_fen', 'refund_fen'])
      .execute()
    expect(
      frozen.map((f) => [f.pickup_point_id, f.commission_bps, f.commission_leader_id, f.final_unit_price_fen, f.refund_fen, Number(f.n)]).sort(),
    ).toEqual(
      [
        [points[0], 500, wang, 880, 400, N / 2],
        [points[1], 800, li, 880, 400, N / 2],
      ].sort(),
    )
    const refunds = await t.ctx.db
      .selectFrom('ledger_transactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'refund')
      .where('deal_id', '=', dealId)
      .executeTakeFirstOrThrow()
    expect(Number(refunds.n)).toBe(N)
    expect(await ledgerProblems(t.ctx.db, t.clock.now().toISOString())).toEqual([])
  })
})
