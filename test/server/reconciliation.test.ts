import { LedgerKind } from '../../types/contract/statuses'
import { ReconciliationCode as ContractCode, ReconciliationSubject as ContractSubject } from '../../types/contract/reconciliation'
import { ReconciliationCode, ReconciliationSubject } from '../../src/domain/reconciliation'
import { Accounts, leaderAccount, post } from '../../server/features/ledger/ledger.service'
import { processPendingRefunds } from '../../server/features/payments/payments.service'
import { runDailyReconciliation } from '../../server/features/reconciliation/reconciliation.service'
import { newId } from '../../server/http/ids'
import { call, dealInput, joinAndPay, newPoint, openDeal, person, type Auth } from './engine-api'
import { startWechatTown, type WechatTown } from './fakes/wechat-town'
import { login, startTestApp, type TestApp } from './helpers'

// RSA keys for the WeChat Pay fake are made per run
jest.setTimeout(60_000)

/** Set a day right: post the ledger transactions these orders' payments and refunds should have (as the payment flow does; posted once). */
async function book(t: TestApp, orderIds: string[]): Promise<void> {
  const { db } = t.ctx
  const payments = await db.selectFrom('payments').selectAll().where('order_id', 'in', orderIds).where('status', '=', 'succeeded').execute()
  const refunds = await db.selectFrom('refunds').selectAll().where('order_id', 'in', orderIds).execute()
  await db.transaction().execute(async (trx) => {
    for (const p of payments) {
      await post(trx, {
        kind: LedgerKind.payment,
        dedupeKey: `payment:${p.id}`,
        from: Accounts.shoppers,
        to: Accounts.platform,
        amountFen: p.amount_fen,
        orderId: p.order_id,
        nowIso: p.completed_at!,
      })
    }
    for (const r of refunds) {
      await post(trx, {
        kind: LedgerKind.refund,
        dedupeKey: `refund:${r.id}`,
        from: Accounts.platform,
        to: Accounts.shoppers,
        amountFen: r.amount_fen,
        orderId: r.order_id,
        refundId: r.id,
        nowIso: r.created_at,
      })
    }
  })
}

const codesOf = (body: { differences: { code: string; ref: string }[] }) => body.differences.map((d) => `${d.code} ${d.ref}`)

describe('reconciliation (对账), sandbox payments', () => {
  let t: TestApp
  let admin: Auth
  let leader: Auth
  let pointId: string

  beforeAll(async () => {
    // small withdrawals, so a few orders' commission can be paid out
    t = await startTestApp({ payoutMinFen: 100 })
    admin = await login(t.app, 'recon-admin', 'admin', '运营')
    leader = await person(t.app, '王阿姨', 'leader')
    pointId = await newPoint(t.app, leader)
  })
  afterAll(() => t.close())

  /** Shoppers who join and pay (the sandbox takes the money at once) on the test clock's day; their order ids. */
  async function paidOrders(count: number, quantity = 1): Promise<string[]> {
    const dealId = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [pointId], { tiers: [{ threshold: 1, unitPriceFen: 1280 }], minToSucceed: 1 }),
    )
    const ids: string[] = []
    for (let i = 0; i < count; i++) {
      const shopper = await person(t.app, `邻居${i}`)
      const { order } = await joinAndPay(t.app, shopper, dealId, { quantity, pickupPointId: pointId })
      ids.push(order.id)
    }
    return ids
  }

  const run = (day: string, auth: Auth = admin) => call(t.app, auth, 'POST', '/admin/reconciliation/run', { day })
  const show = (day: string, auth: Auth = admin) => call(t.app, auth, 'GET', `/admin/reconciliation?day=${day}`)

  it('a clean day balances with no differences: three payments in, the margin all the platform’s until commissions come', async () => {
    t.clock.set('2026-11-26T02:00:00.000Z') // 10:00 in Shanghai, 26 Nov
    const orders = await paidOrders(3, 2)
    // the payment flow posted each payment to the ledger, in its own transaction
    const posted = await t.ctx.db.selectFrom('ledger_transactions').select(['kind', 'order_id', 'day']).where('order_id', 'in', orders).execute()
    expect(
      posted
        .filter((p) => p.kind === 'payment')
        .map((p) => p.order_id)
        .sort(),
    ).toEqual([...orders].sort())
    expect(posted.every((p) => p.day === '2026-11-26')).toBe(true)

    // never run: checked now, without the provider
    const before = await show('2026-11-26')
    expect(before.status).toBe(200)
    expect(before.body).toMatchObject({ day: '2026-11-26', ranAt: null, ranBy: null, providerChecked: false, differences: [] })
    expect(before.body.statement).toMatchObject({ paymentsInFen: 3 * 2560, refundsOutFen: 0, balanced: true })

    const ran = await run('2026-11-26')
    expect(ran.status).toBe(200)
    expect(ran.body.differences).toEqual([])
    expect(ran.body.statement).toEqual({
      day: '2026-11-26',
      paymentsInFen: 7680,
      refundsOutFen: 0,
      commissionsFen: 0,
      supplierPayablesFen: 0,
      payoutsFen: 0,
      platformMarginFen: 7680,
      transactionCount: 3,
      balanced: true,
    })
    expect(ran.body.ranAt).toBe(t.clock.now().toISOString())
    expect(ran.body.ranBy).toBe(admin.userId)
    // the sandbox is no payment provider to ask
    expect(ran.body.providerChecked).toBe(false)

    // the run is what the day shows now, and it was audited
    expect((await show('2026-11-26')).body).toEqual(ran.body)
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'reconciliation.run').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_id: admin.userId, target_kind: 'reconciliation', target_id: '2026-11-26', before: null })
    expect(JSON.parse(audit[0].after!)).toMatchObject({ differenceCount: 0, balanced: true })
  })

  it('a cancelled paid order: its refund out is on the statement, and still no differences', async () => {
    t.clock.set('2026-11-27T03:00:00.000Z')
    const dealId = await openDeal(
      t.app,
      leader,
      dealInput(t.clock.now(), [pointId], { tiers: [{ threshold: 1, unitPriceFen: 990 }], minToSucceed: 1 }),
    )
    const mei = await person(t.app, '小美')
    const { order } = await joinAndPay(t.app, mei, dealId, { quantity: 1, pickupPointId: pointId })
    t.clock.advance(60_000)
    expect((await call(t.app, mei, 'POST', `/orders/${order.id}/cancel`)).status).toBe(200)
    await processPendingRefunds(t.ctx)
    const ran = await run('2026-11-27')
    expect(ran.body.differences).toEqual([])
    expect(ran.body.statement).toMatchObject({ paymentsInFen: 990, refundsOutFen: 990, platformMarginFen: 0, balanced: true })
  })

  it('lists a succeeded payment the ledger never heard of, and a ledger payment with no payment row', async () => {
    t.clock.set('2026-11-28T04:00:00.000Z')
    const orders = await paidOrders(1)
    // a payment row written behind the ledger's back
    const paymentId = newId()
    await t.ctx.db
      .insertInto('payments')
      .values({
        id: paymentId,
        order_id: orders[0],
        provider: 'sandbox',
        amount_fen: 4200,
        status: 'succeeded',
        provider_ref: `sandbox_pay_${paymentId}`,
        created_at: t.clock.now().toISOString(),
        completed_at: t.clock.now().toISOString(),
      })
      .execute()
    // and a ledger payment for a payment that does not exist
    const ghost = newId()
    await t.ctx.db.transaction().execute((trx) =>
      post(trx, {
        kind: LedgerKind.payment,
        dedupeKey: `payment:${ghost}`,
        from: Accounts.shoppers,
        to: Accounts.platform,
        amountFen: 700,
        nowIso: t.clock.now().toISOString(),
      }),
    )
    const ran = await run('2026-11-28')
    expect(ran.status).toBe(200)
    expect(codesOf(ran.body).sort()).toEqual([`LEDGER_WITHOUT_PAYMENT ${ghost}`, `PAYMENT_WITHOUT_LEDGER ${paymentId}`].sort())
    expect(ran.body.differences.find((d: { ref: string }) => d.ref === paymentId)).toEqual({
      kind: 'payment',
      code: 'PAYMENT_WITHOUT_LEDGER',
      ref: paymentId,
      orderId: orders[0],
      ledgerFen: null,
      recordFen: 4200,
      providerFen: null,
      note: 'succeeded',
    })
    expect(ran.body.differences.find((d: { ref: string }) => d.ref === ghost)).toMatchObject({ ledgerFen: 700, recordFen: null })
    // the ledger itself still balances: it is the records that disagree
    expect(ran.body.statement.balanced).toBe(true)
  })

  it('lists a tampered amount: a payment row changed after posting, and an entry that no longer balances', async () => {
    t.clock.set('2026-11-29T05:00:00.000Z')
    const orders = await paidOrders(2)
    const [a, b] = await t.ctx.db.selectFrom('payments').selectAll().where('order_id', 'in', orders).orderBy('id').execute()
    await t.ctx.db.updateTable('payments').set({ amount_fen: 1 }).where('id', '=', a.id).execute()
    const txn = await t.ctx.db.selectFrom('ledger_transactions').select('id').where('dedupe_key', '=', `payment:${b.id}`).executeTakeFirstOrThrow()
    const credit = await t.ctx.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('transaction_id', '=', txn.id)
      .where('amount_fen', '>', 0)
      .executeTakeFirstOrThrow()
    await t.ctx.db.updateTable('ledger_entries').set({ amount_fen: 1380 }).where('id', '=', credit.id).execute()

    const ran = await run('2026-11-29')
    expect(codesOf(ran.body).sort()).toEqual([`PAYMENT_AMOUNT_MISMATCH ${a.id}`, `UNBALANCED_TRANSACTION ${txn.id}`].sort())
    expect(ran.body.differences.find((d: { code: string }) => d.code === 'PAYMENT_AMOUNT_MISMATCH')).toMatchObject({ ledgerFen: 1280, recordFen: 1 })
    expect(ran.body.differences.find((d: { code: string }) => d.code === 'UNBALANCED_TRANSACTION')).toMatchObject({
      kind: 'transaction',
      ledgerFen: 100,
      recordFen: 1280,
      note: 'payment',
    })
    expect(ran.body.statement.balanced).toBe(false)
  })

  it('lists a refund without its ledger transaction, and a payout paid that the ledger never sent', async () => {
    t.clock.set('2026-11-30T06:00:00.000Z')
    const [orderId] = await paidOrders(1)
    const refundId = newId()
    await t.ctx.db
      .insertInto('refunds')
      .values({
        id: refundId,
        order_id: orderId,
        amount_fen: 300,
        reason: 'after_sales',
        status: 'pending',
        provider_ref: null,
        created_at: t.clock.now().toISOString(),
      })
      .execute()
    const payoutId = newId()
    const nowIso = t.clock.now().toISOString()
    await t.ctx.db
      .insertInto('payouts')
      .values({
        id: payoutId,
        bill_no: `b${payoutId}`.slice(0, 32),
        account_id: leaderAccount(leader.userId),
        owner_kind: 'leader',
        owner_id: leader.userId,
        user_id: leader.userId,
        amount_fen: 5000,
        status: 'succeeded',
        provider: 'sandbox',
        idempotency_key: payoutId,
        day: '2026-11-30',
        requested_at: nowIso,
        finished_at: nowIso,
        updated_at: nowIso,
      })
      .execute()
    const ran = await run('2026-11-30')
    expect(codesOf(ran.body).sort()).toEqual([`PAYOUT_WITHOUT_LEDGER ${payoutId}`, `REFUND_WITHOUT_LEDGER ${refundId}`].sort())
    expect(ran.body.differences.find((d: { ref: string }) => d.ref === refundId)).toMatchObject({ kind: 'refund', recordFen: 300, orderId })
    expect(ran.body.differences.find((d: { ref: string }) => d.ref === payoutId)).toMatchObject({ kind: 'payout', recordFen: 5000 })
  })

  it('the days list shows each day’s latest run, and the alerts the days with differences', async () => {
    t.clock.set('2026-12-01T02:00:00.000Z')
    const days = await call(t.app, admin, 'GET', '/admin/reconciliation/days?limit=7')
    expect(days.status).toBe(200)
    expect(days.body.map((d: { day: string }) => d.day)).toEqual([
      '2026-12-01',
      '2026-11-30',
      '2026-11-29',
      '2026-11-28',
      '2026-11-27',
      '2026-11-26',
      '2026-11-25',
    ])
    const byDay = Object.fromEntries(days.body.map((d: { day: string }) => [d.day, d]))
    expect(byDay['2026-11-26']).toMatchObject({ differenceCount: 0, balanced: true, ranAt: '2026-11-26T02:00:00.000Z' })
    expect(byDay['2026-11-29']).toMatchObject({ differenceCount: 2, balanced: false })
    expect(byDay['2026-12-01']).toEqual({ day: '2026-12-01', differenceCount: null, ranAt: null, balanced: null, transactionCount: 0 })
    expect(byDay['2026-11-26'].transactionCount).toBeGreaterThanOrEqual(3)

    // an abnormal refund needs an operator too
    const refund = await t.ctx.db.selectFrom('refunds').select('id').limit(1).executeTakeFirstOrThrow()
    await t.ctx.db.updateTable('refunds').set({ status: 'abnormal' }).where('id', '=', refund.id).execute()
    const alerts = await call(t.app, admin, 'GET', '/admin/alerts')
    expect(alerts.status).toBe(200)
    expect(alerts.body.alerts).toEqual([
      { kind: 'reconciliation', count: 2, day: '2026-11-30' },
      { kind: 'reconciliation', count: 2, day: '2026-11-29' },
      { kind: 'reconciliation', count: 2, day: '2026-11-28' },
      { kind: 'refund_abnormal', count: 1 },
    ])

    // once the day is set right and run again, its alert goes
    await book(
      t,
      (await t.ctx.db.selectFrom('refunds').select('order_id').where('created_at', '>=', '2026-11-29T16:00:00.000Z').execute()).map(
        (r) => r.order_id,
      ),
    )
    const rerun = await run('2026-11-30')
    expect(codesOf(rerun.body)).toEqual([expect.stringMatching(/^PAYOUT_WITHOUT_LEDGER /)])
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', '2026-11-30').orderBy('created_at').execute()
    expect(audit).toHaveLength(2)
    expect(JSON.parse(audit[1].before!)).toMatchObject({ differenceCount: 2 })
    expect(JSON.parse(audit[1].after!)).toMatchObject({ differenceCount: 1 })
    const after = await call(t.app, admin, 'GET', '/admin/alerts')
    expect(after.body.alerts[0]).toEqual({ kind: 'reconciliation', count: 1, day: '2026-11-30' })
  })

  it('runs once a day for yesterday (Shanghai) as the job, after 02:00, unaudited', async () => {
    t.clock.set('2026-12-01T17:30:00.000Z') // 01:30 on 2 Dec in Shanghai: too early
    expect(await runDailyReconciliation(t.ctx)).toBeNull()
    t.clock.set('2026-12-01T18:30:00.000Z') // 02:30 on 2 Dec
    const report = await runDailyReconciliation(t.ctx)
    expect(report).toMatchObject({ day: '2026-12-01', ranBy: 'job', differences: [] })
    // already done: the next sweeps leave it
    t.clock.advance(3_600_000)
    expect(await runDailyReconciliation(t.ctx)).toBeNull()
    const runs = await t.ctx.db.selectFrom('reconciliation_runs').select('ran_by').where('day', '=', '2026-12-01').execute()
    expect(runs).toEqual([{ ran_by: 'job' }])
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('target_id', '=', '2026-12-01').execute()).toEqual([])
  })

  it('is for admins only: 401 without a session, 403 for a shopper and a leader on every route', async () => {
    const shopper = await person(t.app, '路人')
    const routes: [method: 'GET' | 'POST', url: string, body?: object][] = [
      ['GET', '/admin/reconciliation?day=2026-11-26'],
      ['POST', '/admin/reconciliation/run', { day: '2026-11-26' }],
      ['GET', '/admin/reconciliation/days'],
      ['GET', '/admin/alerts'],
    ]
    const runsBefore = await t.ctx.db.selectFrom('reconciliation_runs').select('id').execute()
    for (const [method, url, body] of routes) {
      expect((await call(t.app, null, method, url, body)).status).toBe(401)
      for (const who of [shopper, leader]) {
        const res = await call(t.app, who, method, url, body)
        expect(res.status).toBe(403)
        expect(res.body.error.code).toBe('FORBIDDEN')
      }
    }
    expect(await t.ctx.db.selectFrom('reconciliation_runs').select('id').execute()).toHaveLength(runsBefore.length)
  })

  it('a bad day string is a 400, and nothing is run', async () => {
    t.clock.set('2026-12-02T04:00:00.000Z')
    const runsBefore = (await t.ctx.db.selectFrom('reconciliation_runs').select('id').execute()).length
    for (const day of ['2026-02-30', '2026-13-01', 'yesterday', '2026-12-3', '2026-12-03', '2027-01-01']) {
      const shown = await call(t.app, admin, 'GET', `/admin/reconciliation?day=${encodeURIComponent(day)}`)
      expect(shown.status).toBe(400)
      expect(shown.body.error.code).toBe('INVALID_DAY')
      const ran = await call(t.app, admin, 'POST', '/admin/reconciliation/run', { day })
      expect(ran.status).toBe(400)
      expect(ran.body.error.code).toBe('INVALID_DAY')
    }
    expect((await call(t.app, admin, 'GET', '/admin/reconciliation')).status).toBe(400)
    expect((await call(t.app, admin, 'POST', '/admin/reconciliation/run', {})).status).toBe(400)
    expect((await call(t.app, admin, 'GET', '/admin/reconciliation/days?limit=0')).status).toBe(400)
    expect((await t.ctx.db.selectFrom('reconciliation_runs').select('id').execute()).length).toBe(runsBefore)
  })

  it('the days of a real deal (paid, settled lower, picked up, after-sales, commission paid out) each reconcile clean', async () => {
    const HOUR = 3_600_000
    t.clock.set('2026-12-03T01:00:00.000Z') // 09:00, 3 Dec in Shanghai
    const start = t.clock.now()
    const fang = await person(t.app, '芳姐', 'leader')
    await t.ctx.db.updateTable('users').set({ commission_bps: 1000 }).where('id', '=', fang.userId).execute()
    const point = await newPoint(t.app, fang, '芳姐小卖部')
    const dealId = await openDeal(
      t.app,
      fang,
      dealInput(start, [point], {
        tiers: [
          { threshold: 1, unitPriceFen: 1500 },
          { threshold: 3, unitPriceFen: 1200 },
        ],
        minToSucceed: 1,
      }),
    )
    const shoppers = [await person(t.app, '阿一'), await person(t.app, '阿二'), await person(t.app, '阿三')]
    const orders: string[] = []
    for (const s of shoppers) orders.push((await joinAndPay(t.app, s, dealId, { quantity: 1, pickupPointId: point })).order.id)
    // the first two paid ¥15.00, the third ¥12.00 (the second tier); past the cutoff (4 Dec) it settles
    // at ¥12.00 and the first two get ¥3.00 back
    t.clock.set(new Date(start.getTime() + 25 * HOUR).toISOString())
    await call(t.app, null, 'GET', `/deals/${dealId}`)
    await processPendingRefunds(t.ctx)
    // 5 Dec: the goods arrive, all three collect; one asks for ¥5.00 back for a bruised one
    t.clock.set(new Date(start.getTime() + 49 * HOUR).toISOString())
    expect((await call(t.app, fang, 'POST', `/leader/deals/${dealId}/arrivals`, { pickupPointId: point })).status).toBe(200)
    for (const [i, s] of shoppers.entries()) {
      const code = (await call(t.app, s, 'GET', `/orders/${orders[i]}`)).body.order.pickupCode
      expect((await call(t.app, fang, 'POST', '/leader/pickups/verify', { code })).status).toBe(200)
    }
    const asked = await call(t.app, shoppers[0], 'POST', `/orders/${orders[0]}/after-sales`, {
      quantity: 1,
      reason: 'short_weight',
      note: '',
      photos: [],
    })
    expect(asked.status).toBe(201)
    expect((await call(t.app, fang, 'POST', `/leader/after-sales/${asked.body.request.id}/approve`, { amountFen: 500 })).status).toBe(200)
    await processPendingRefunds(t.ctx)

    const paidDay = await run('2026-12-03')
    expect(paidDay.body.differences).toEqual([])
    expect(paidDay.body.statement).toMatchObject({ paymentsInFen: 4200, refundsOutFen: 0, platformMarginFen: 4200, balanced: true })
    const settledDay = await run('2026-12-04')
    expect(settledDay.body.differences).toEqual([])
    expect(settledDay.body.statement).toMatchObject({ paymentsInFen: 0, refundsOutFen: 600, platformMarginFen: -600, balanced: true })
    const pickupDay = await run('2026-12-05')
    expect(pickupDay.body.differences).toEqual([])
    // 10% of ¥12.00 three times, less 10% of the ¥5.00 given back on a collected order
    expect(pickupDay.body.statement).toMatchObject({ refundsOutFen: 500, commissionsFen: 360 - 50, platformMarginFen: -500 - 310, balanced: true })

    // a week on, her ¥3.10 is withdrawable: she takes ¥3.00, the operator approves, the sandbox pays at once
    t.clock.set('2026-12-13T03:00:00.000Z')
    const asks = await call(t.app, fang, 'POST', '/leader/payouts', { amountFen: 300 }, { 'idempotency-key': 'recon-payout-1' })
    expect(asks.status).toBe(201)
    expect((await call(t.app, admin, 'POST', `/admin/payouts/${asks.body.payout.id}/approve`)).status).toBe(200)
    const paidOut = await run('2026-12-13')
    expect(paidOut.body.differences).toEqual([])
    expect(paidOut.body.statement).toMatchObject({ paymentsInFen: 0, payoutsFen: 300, platformMarginFen: 0, balanced: true })
  })

  it('speaks the contract’s codes', () => {
    expect(ReconciliationCode).toEqual(ContractCode)
    expect(ReconciliationSubject).toEqual(ContractSubject)
  })
})

describe('reconciliation with WeChat Pay: the provider’s own states', () => {
  let town: WechatTown
  let admin: Auth
  let dealId: string

  beforeAll(async () => {
    town = await startWechatTown()
    town.t.clock.set('2026-12-01T03:00:00.000Z')
    admin = await login(town.t.app, 'recon-wx-admin', 'admin', '运营')
    dealId = await openDeal(
      town.t.app,
      town.leader,
      dealInput(town.t.clock.now(), [town.pointId], { tiers: [{ threshold: 1, unitPriceFen: 1280 }], minToSucceed: 1 }),
    )
  })
  afterAll(() => town.close())

  it('a day WeChat agrees with is clean; a payment we hold succeeded that WeChat says was closed is PROVIDER_STATE_MISMATCH', async () => {
    const { t, pay } = town
    const mei = await town.wechatShopper()
    const lan = await town.wechatShopper()
    const paid = [await town.paidOrder(mei, dealId), await town.paidOrder(lan, dealId, 2)]
    // lan cancels before the cutoff: refunded through WeChat (PROCESSING there, processing here)
    expect((await call(t.app, lan, 'POST', `/orders/${paid[1]}/cancel`)).status).toBe(200)
    await processPendingRefunds(t.ctx)

    const queriesBefore = pay.requests.length
    const clean = await call(t.app, admin, 'POST', '/admin/reconciliation/run', { day: '2026-12-01' })
    expect(clean.status).toBe(200)
    expect(clean.body.providerChecked).toBe(true)
    expect(clean.body.differences).toEqual([])
    // it asked WeChat about each payment (by out_trade_no) and the refund (by out_refund_no), signed
    const asked = pay.requests.slice(queriesBefore)
    const payments = await t.ctx.db.selectFrom('payments').selectAll().where('order_id', 'in', paid).execute()
    const refunds = await t.ctx.db.selectFrom('refunds').selectAll().where('order_id', 'in', paid).execute()
    expect(refunds).toHaveLength(1)
    for (const p of payments)
      expect(asked.some((r) => r.method === 'GET' && r.path.startsWith(`/v3/pay/transactions/out-trade-no/${p.provider_ref}?mchid=`))).toBe(true)
    expect(asked.some((r) => r.method === 'GET' && r.path === `/v3/refund/domestic/refunds/${refunds[0].id}`)).toBe(true)
    expect(asked.every((r) => r.authorized)).toBe(true)

    // WeChat closed mei's payment (say, reversed by the bank) while we still hold it paid
    const meiPayment = payments.find((p) => p.order_id === paid[0])!
    pay.orders.get(meiPayment.provider_ref!)!.state = 'CLOSED'
    const mismatch = await call(t.app, admin, 'POST', '/admin/reconciliation/run', { day: '2026-12-01' })
    expect(mismatch.body.differences).toEqual([
      {
        kind: 'payment',
        code: 'PROVIDER_STATE_MISMATCH',
        ref: meiPayment.id,
        orderId: paid[0],
        ledgerFen: null,
        recordFen: 1280,
        providerFen: 1280,
        note: 'CLOSED',
      },
    ])
    // the ledger is still in order; the alert is up
    expect(mismatch.body.statement.balanced).toBe(true)
    expect((await call(t.app, admin, 'GET', '/admin/alerts')).body.alerts).toContainEqual({ kind: 'reconciliation', count: 1, day: '2026-12-01' })
  })

  it('a refund WeChat marked abnormal while we hold it succeeded, and WeChat out of reach, are listed', async () => {
    const { t, pay } = town
    t.clock.set('2026-12-02T03:00:00.000Z')
    const nextDeal = await openDeal(
      t.app,
      town.leader,
      dealInput(t.clock.now(), [town.pointId], { tiers: [{ threshold: 1, unitPriceFen: 1280 }], minToSucceed: 1 }),
    )
    const jun = await town.wechatShopper()
    const orderId = await town.paidOrder(jun, nextDeal)
    expect((await call(t.app, jun, 'POST', `/orders/${orderId}/cancel`)).status).toBe(200)
    await processPendingRefunds(t.ctx)
    const refund = await t.ctx.db.selectFrom('refunds').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow()
    await t.ctx.db.updateTable('refunds').set({ status: 'succeeded' }).where('id', '=', refund.id).execute()
    pay.refunds.get(refund.id)!.status = 'ABNORMAL'
    const ran = await call(t.app, admin, 'POST', '/admin/reconciliation/run', { day: '2026-12-02' })
    expect(ran.body.differences).toEqual([
      {
        kind: 'refund',
        code: 'PROVIDER_STATE_MISMATCH',
        ref: refund.id,
        orderId,
        ledgerFen: null,
        recordFen: 1280,
        providerFen: 1280,
        note: 'ABNORMAL',
      },
    ])

    // WeChat Pay down: nothing passes for verified
    pay.failWith = 500
    try {
      const down = await call(t.app, admin, 'POST', '/admin/reconciliation/run', { day: '2026-12-02' })
      expect(down.status).toBe(200)
      expect(down.body.differences.map((d: { kind: string; code: string; note: string }) => `${d.kind} ${d.code} ${d.note}`)).toEqual([
        'payment PROVIDER_UNREACHABLE SYSTEM_ERROR',
        'refund PROVIDER_UNREACHABLE SYSTEM_ERROR',
      ])
    } finally {
      pay.failWith = null
    }
  })

  it('once WeChat Pay stops answering, the rest are listed unverified without waiting on each', async () => {
    const { t, pay } = town
    t.clock.set('2026-12-03T03:00:00.000Z')
    const deal = await openDeal(
      t.app,
      town.leader,
      dealInput(t.clock.now(), [town.pointId], { tiers: [{ threshold: 1, unitPriceFen: 800 }], minToSucceed: 1 }),
    )
    for (let i = 0; i < 7; i++) await town.paidOrder(await town.wechatShopper(), deal)
    pay.failWith = 503
    const asked = pay.requests.length
    try {
      const down = await call(t.app, admin, 'POST', '/admin/reconciliation/run', { day: '2026-12-03' })
      expect(down.status).toBe(200)
      const notes = down.body.differences.map((d: { code: string; note: string }) => `${d.code} ${d.note}`)
      expect(notes).toHaveLength(7)
      expect(notes.filter((n: string) => n === 'PROVIDER_UNREACHABLE SYSTEM_ERROR').length).toBeGreaterThanOrEqual(3)
      expect(notes.filter((n: string) => n === 'PROVIDER_UNREACHABLE NOT_ASKED').length).toBeGreaterThanOrEqual(1)
      expect(pay.requests.length - asked).toBeLessThan(7)
    } finally {
      pay.failWith = null
    }
  })
})
