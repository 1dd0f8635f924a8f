import { commissionFen, shanghaiDate } from '../../src/domain'
import { Accounts, balanceOf, entriesOf, leaderAccount, lockAccount, post } from '../../server/features/ledger/ledger.service'
import { postPayment } from '../../server/features/ledger/ledger-postings'
import { markUnclaimedOrders } from '../../server/features/pickups/no-shows'
import { startTestApp, type TestApp } from './helpers'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { ledgerProblems, netCommissionOf } from './ledger-check'

// a fresh PostgreSQL schema and its migrations can take a while on a busy machine
jest.setTimeout(90_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
let t: TestApp
let fang: Auth // the leader, at 5% (the default rate)
let point: string
beforeAll(async () => {
  t = await startTestApp()
  fang = await person(t.app, '芳姐', 'leader')
  point = await newPoint(t.app, fang)
})
afterAll(() => t.close())

const nowIso = () => t.clock.now().toISOString()
const txOf = (orderId: string) =>
  t.ctx.db.selectFrom('ledger_transactions').selectAll().where('order_id', '=', orderId).orderBy('created_at').execute()
const refundRowsOf = (orderId: string) => t.ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).execute()
const orderOf = (orderId: string) => t.ctx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow()
async function expectBalanced() {
  expect(await ledgerProblems(t.ctx.db, nowIso())).toEqual([])
}

/**
 * Mei buys 3 at ¥12.80 (first to join), two neighbours join; it settles at ¥9.90 (¥8.70 back to
 * Mei); the goods arrive 49 h in.
 */
async function settledDeal(title: string) {
  const start = t.clock.now()
  const dealId = await openDeal(t.app, fang, dealInput(start, [point], { title }))
  const mei = await person(t.app, '小美')
  const { order } = await joinAndPay(t.app, mei, dealId, { quantity: 3, pickupPointId: point })
  for (const n of ['阿强', '丽丽']) await joinAndPay(t.app, await person(t.app, n), dealId, { quantity: 1, pickupPointId: point })
  t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
  await call(t.app, null, 'GET', `/deals/${dealId}`)
  t.clock.set(new Date(start.getTime() + 49 * HOUR).toISOString())
  expect((await call(t.app, fang, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: point })).status).toBe(200)
  return { start, dealId, mei, orderId: order.id as string }
}

async function pickUp(mei: Auth, orderId: string) {
  const code = (await call(t.app, mei, 'GET', `/orders/${orderId}`)).body.order.pickupCode
  const verified = await call(t.app, fang, 'POST', '/leader/pickups/verify', { code })
  expect(verified.status).toBe(200)
}

describe('every payment and refund is a pair of entries', () => {
  it('a payment moves the shopper money to the platform; a price-difference refund moves it back', async () => {
    const { dealId, orderId } = await settledDeal('丹东草莓 3盒装')
    const txs = await txOf(orderId)
    expect(txs.map((x) => [x.kind, x.amount_fen, x.deal_id])).toEqual([
      ['payment', 3840, dealId],
      ['refund', 870, dealId],
    ])
    const [refund] = await refundRowsOf(orderId)
    expect(txs[1]).toMatchObject({ dedupe_key: `refund:${refund.id}`, refund_id: refund.id, day: shanghaiDate(refund.created_at) })
    // frozen at settlement: her rate, her point
    expect(await orderOf(orderId)).toMatchObject({ commission_bps: 500, commission_leader_id: fang.userId, supplier_unit_price_fen: null })
    await expectBalanced()
  })

  it('a cancelled paid order is refunded in full, and nobody earns on it', async () => {
    const dealId = await openDeal(t.app, fang, dealInput(t.clock.now(), [point], { title: '五常大米' }))
    const lan = await person(t.app, '小兰')
    const { order } = await joinAndPay(t.app, lan, dealId, { quantity: 2, pickupPointId: point })
    expect((await call(t.app, lan, 'POST', `/orders/${order.id}/cancel`)).status).toBe(200)
    expect((await txOf(order.id)).map((x) => [x.kind, x.amount_fen])).toEqual([
      ['payment', 2560],
      ['refund', 2560],
    ])
    await expectBalanced()
  })

  it('a failed deal refunds everyone in full', async () => {
    const start = t.clock.now()
    const dealId = await openDeal(t.app, fang, dealInput(start, [point], { title: '土鸡蛋', minToSucceed: 3 }))
    const orders = []
    for (const n of ['甲', '乙']) orders.push((await joinAndPay(t.app, await person(t.app, n), dealId, { quantity: 1, pickupPointId: point })).order)
    t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
    expect((await call(t.app, null, 'GET', `/deals/${dealId}`)).body.deal.status).toBe('failed')
    for (const o of orders)
      expect((await txOf(o.id)).map((x) => [x.kind, x.amount_fen])).toEqual([
        ['payment', 1280],
        ['refund', 1280],
      ])
    await expectBalanced()
  })

  it('a basket: one provider payment, a payment transaction per order of its own amount', async () => {
    const a = await openDeal(t.app, fang, dealInput(t.clock.now(), [point], { title: '安吉白茶' }))
    const b = await openDeal(t.app, fang, dealInput(t.clock.now(), [point], { title: '临安山核桃' }))
    const yu = await person(t.app, '小雨')
    const out = await call(
      t.app,
      yu,
      'POST',
      '/baskets/checkout',
      {
        pickupPointId: point,
        items: [
          { dealId: a, quantity: 1 },
          { dealId: b, quantity: 2 },
        ],
      },
      { 'idempotency-key': `ledger-basket-${process.pid}` },
    )
    expect(out.status).toBe(201)
    expect((await call(t.app, yu, 'POST', `/baskets/${out.body.basket.id}/pay`)).status).toBe(200)
    const [one, two] = out.body.basket.orders as { id: string }[]
    expect((await txOf(one.id)).map((x) => [x.kind, x.amount_fen])).toEqual([['payment', 1280]])
    expect((await txOf(two.id)).map((x) => [x.kind, x.amount_fen])).toEqual([['payment', 2560]])
    await expectBalanced()
  })
})

describe('commission: earned at pickup, held, reversed by refunds after it', () => {
  it('picking up posts 5% of what was kept, held 7 days; an after-sales refund takes back exactly the difference', async () => {
    const before = await balanceOf(t.ctx.db, leaderAccount(fang.userId), nowIso())
    const { mei, orderId } = await settledDeal('阳山水蜜桃')
    await pickUp(mei, orderId)
    const pickedUpAt = (await orderOf(orderId)).picked_up_at!
    // kept ¥29.70 at 5%: ¥1.485 -> 148 fen, rounded down
    expect(await netCommissionOf(t.ctx.db, orderId)).toBe(148)
    const commission = (await txOf(orderId)).find((x) => x.kind === 'commission')!
    expect(commission).toMatchObject({ dedupe_key: `commission:${orderId}`, amount_fen: 148 })
    const mine = await entriesOf(t.ctx.db, leaderAccount(fang.userId), { limit: 1 })
    expect(mine[0]).toMatchObject({ kind: 'commission', amountFen: 148, orderId, dealTitle: '阳山水蜜桃' })
    expect(mine[0].availableAt).toBe(new Date(Date.parse(pickedUpAt) + 7 * DAY).toISOString())
    const held = await balanceOf(t.ctx.db, leaderAccount(fang.userId), nowIso())
    expect(held.balanceFen - before.balanceFen).toBe(148)
    expect(held.pendingFen - before.pendingFen).toBe(148)

    // ¥5.00 back after sales: kept ¥24.70 -> 123 fen; 25 fen reversed, from her account
    const asked = await call(t.app, mei, 'POST', `/orders/${orderId}/after-sales`, { quantity: 1, reason: 'spoiled', note: '压坏了', photos: [] })
    expect(asked.status).toBe(201)
    expect((await call(t.app, fang, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, { amountFen: 500 })).status).toBe(200)
    const afterSales = (await refundRowsOf(orderId)).find((r) => r.reason === 'after_sales')!
    const txs = await txOf(orderId)
    expect(txs.filter((x) => x.kind === 'commission_reversal').map((x) => [x.amount_fen, x.dedupe_key])).toEqual([
      [25, `commission_reversal:${afterSales.id}`],
    ])
    expect(await netCommissionOf(t.ctx.db, orderId)).toBe(commissionFen(2470, 500))
    await expectBalanced()

    // a week after pickup it may be withdrawn
    t.clock.set(new Date(Date.parse(pickedUpAt) + 7 * DAY + 1000).toISOString())
    const later = await balanceOf(t.ctx.db, leaderAccount(fang.userId), nowIso())
    expect(later.pendingFen).toBe(0)
    expect(later.withdrawableFen).toBe(later.balanceFen)
    expect(later.balanceFen - before.balanceFen).toBe(123)
  })

  it('a rate change after settlement does not change what the settled deal earns', async () => {
    const { mei, orderId } = await settledDeal('东魁杨梅')
    await t.ctx.db.updateTable('users').set({ commission_bps: 2000 }).where('id', '=', fang.userId).execute()
    try {
      await pickUp(mei, orderId)
      expect(await netCommissionOf(t.ctx.db, orderId)).toBe(148)
    } finally {
      await t.ctx.db.updateTable('users').set({ commission_bps: 500 }).where('id', '=', fang.userId).execute()
    }
    await expectBalanced()
  })

  it('earnings read the frozen rate: a rate change after settlement leaves what was earned unchanged, and applies to deals settled later', async () => {
    const chen = await person(t.app, '陈姐', 'leader')
    const herPoint = await newPoint(t.app, chen, '陈姐小卖部')
    const start = t.clock.now()
    const dealId = await openDeal(t.app, chen, dealInput(start, [herPoint], { title: '千岛湖鱼头' }))
    const buyers: { who: Auth; orderId: string }[] = []
    for (const n of ['甲', '乙', '丙']) {
      const who = await person(t.app, n)
      buyers.push({ who, orderId: (await joinAndPay(t.app, who, dealId, { quantity: 1, pickupPointId: herPoint })).order.id })
    }
    // the second deal is still open when her rate changes
    const laterDeal = await openDeal(t.app, chen, dealInput(new Date(start.getTime() + 2 * HOUR), [herPoint], { title: '临安笋干' }))
    for (const n of ['丁', '戊']) await joinAndPay(t.app, await person(t.app, n), laterDeal, { quantity: 1, pickupPointId: herPoint })
    t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
    await call(t.app, null, 'GET', `/deals/${dealId}`)
    const dealOf = async (id: string) =>
      (await call(t.app, chen, 'GET', '/leader/earnings')).body.deals.find((d: { dealId: string }) => d.dealId === id)
    // 3 × ¥9.90 at 5%: 49 fen each, rounded per order as the wallet's ledger posts it
    expect(await dealOf(dealId)).toMatchObject({ pendingValueFen: 2970, pendingFen: 147, earnedFen: 0 })

    // the operator raises her to 20%: the settled deal keeps 5%
    await t.ctx.db.updateTable('users').set({ commission_bps: 2000 }).where('id', '=', chen.userId).execute()
    const earnings = (await call(t.app, chen, 'GET', '/leader/earnings')).body
    expect(earnings.commissionBps).toBe(2000)
    expect(await dealOf(dealId)).toMatchObject({ pendingValueFen: 2970, pendingFen: 147 })
    t.clock.set(new Date(start.getTime() + 49 * HOUR).toISOString())
    await call(t.app, chen, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: herPoint })
    for (const b of buyers) {
      const code = (await call(t.app, b.who, 'GET', `/orders/${b.orderId}`)).body.order.pickupCode
      expect((await call(t.app, chen, 'POST', '/leader/pickups/verify', { code })).status).toBe(200)
    }
    expect(await dealOf(dealId)).toMatchObject({ earnedValueFen: 2970, earnedFen: 147, pendingFen: 0 })
    const weeks = (await call(t.app, chen, 'GET', '/leader/earnings')).body.weeks as { earnedFen: number }[]
    expect(weeks.reduce((s, w) => s + w.earnedFen, 0)).toBe(147)
    // the wallet holds the same: 49 fen on each ¥9.90 (rounded down per order)
    expect((await balanceOf(t.ctx.db, leaderAccount(chen.userId), nowIso())).balanceFen).toBe(3 * 49)

    // the deal that settles after the change earns 20%: 2 × ¥12.80
    t.clock.set(new Date(start.getTime() + 27 * HOUR).toISOString())
    await call(t.app, null, 'GET', `/deals/${laterDeal}`)
    expect(await dealOf(laterDeal)).toMatchObject({ pendingValueFen: 2560, pendingFen: 512 })
    await expectBalanced()
  })

  it('an unclaimed order handed out late earns its commission then', async () => {
    const { start, mei, orderId } = await settledDeal('舟山带鱼')
    // the pickup window ends at 52 h, the grace period two days later
    t.clock.set(new Date(start.getTime() + 52 * HOUR + 2 * DAY + 1000).toISOString())
    await markUnclaimedOrders(t.ctx)
    expect((await orderOf(orderId)).status).toBe('unclaimed')
    expect(await netCommissionOf(t.ctx.db, orderId)).toBe(0)
    const late = await call(t.app, fang, 'POST', `/leader/orders/${orderId}/late-pickup`, { note: '她出差刚回来' })
    expect(late.status).toBe(200)
    expect(await netCommissionOf(t.ctx.db, orderId)).toBe(148)
    void mei
    await expectBalanced()
  })
})

describe('posting is once, and always balanced', () => {
  it('posting the same dedupe key twice posts once; nothing at zero', async () => {
    const at = nowIso()
    const first = await t.ctx.db.transaction().execute((trx) =>
      post(trx, {
        kind: 'commission',
        dedupeKey: 'commission:test-once',
        from: Accounts.platform,
        to: leaderAccount('test'),
        amountFen: 100,
        nowIso: at,
      }),
    )
    const second = await t.ctx.db.transaction().execute((trx) =>
      post(trx, {
        kind: 'commission',
        dedupeKey: 'commission:test-once',
        from: Accounts.platform,
        to: leaderAccount('test'),
        amountFen: 100,
        nowIso: at,
      }),
    )
    expect([first, second]).toEqual([true, false])
    const zero = await t.ctx.db.transaction().execute((trx) =>
      post(trx, {
        kind: 'commission',
        dedupeKey: 'commission:test-zero',
        from: Accounts.platform,
        to: leaderAccount('test'),
        amountFen: 0,
        nowIso: at,
      }),
    )
    expect(zero).toBe(false)
    expect(
      await t.ctx.db
        .selectFrom('ledger_transactions')
        .select('id')
        .where('dedupe_key', 'in', ['commission:test-once', 'commission:test-zero'])
        .execute(),
    ).toHaveLength(1)
    // a payment row's posting is the same key: completing twice posts once
    const paid = await t.ctx.db.selectFrom('payments').selectAll().where('status', '=', 'succeeded').executeTakeFirstOrThrow()
    const order = await orderOf(paid.order_id)
    const again = await t.ctx.db
      .transaction()
      .execute((trx) =>
        postPayment(trx, { paymentId: paid.id, orderId: paid.order_id, dealId: order.deal_id, amountFen: paid.amount_fen, nowIso: at }),
      )
    expect(again).toBe(false)
    await expectBalanced()
  })

  it('locking an account creates it first; an unknown account is refused', async () => {
    const at = nowIso()
    await t.ctx.db.transaction().execute((trx) => lockAccount(trx, leaderAccount('nobody-yet'), at))
    expect(await t.ctx.db.selectFrom('ledger_accounts').selectAll().where('id', '=', leaderAccount('nobody-yet')).executeTakeFirst()).toMatchObject({
      kind: 'leader',
      owner_id: 'nobody-yet',
    })
    expect(await balanceOf(t.ctx.db, leaderAccount('nobody-yet'), at)).toEqual({ balanceFen: 0, pendingFen: 0, withdrawableFen: 0 })
    await expect(t.ctx.db.transaction().execute((trx) => lockAccount(trx, 'bank', at))).rejects.toThrow(/unknown ledger account/)
  })

  it('two spends racing for one balance: the account lock lets one through', async () => {
    const at = nowIso()
    const account = leaderAccount('racer')
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        post(trx, { kind: 'commission', dedupeKey: 'commission:race', from: Accounts.platform, to: account, amountFen: 100, nowIso: at }),
      )
    const spend = (n: number) =>
      t.ctx.db.transaction().execute(async (trx) => {
        await lockAccount(trx, account, at)
        const { withdrawableFen } = await balanceOf(trx, account, at)
        if (withdrawableFen < 80) return false
        // the other spender, if it got here too, would now wait for this transaction
        await new Promise((r) => setTimeout(r, 50))
        return post(trx, {
          kind: 'payout_requested',
          dedupeKey: `payout_requested:race-${n}`,
          from: account,
          to: Accounts.payouts,
          amountFen: 80,
          nowIso: at,
        })
      })
    const won = await Promise.all([spend(1), spend(2)])
    expect(won.filter(Boolean)).toHaveLength(1)
    expect((await balanceOf(t.ctx.db, account, at)).balanceFen).toBe(20)
  })

  it('every day of entries sums to zero', async () => {
    const days = await t.ctx.db.selectFrom('ledger_transactions').select('day').distinct().execute()
    expect(days.length).toBeGreaterThan(0)
    for (const { day } of days) {
      const entries = await t.ctx.db
        .selectFrom('ledger_entries as e')
        .innerJoin('ledger_transactions as x', 'x.id', 'e.transaction_id')
        .select('e.amount_fen')
        .where('x.day', '=', day)
        .execute()
      expect(entries.reduce((s, e) => s + Number(e.amount_fen), 0)).toBe(0)
    }
  })
})
