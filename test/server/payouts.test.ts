import { Accounts, balanceOf, leaderAccount, post, supplierAccount } from '../../server/features/ledger/ledger.service'
import { newId } from '../../server/http/ids'
import { call, person, type Auth } from './engine-api'
import { login, startTestApp, type TestApp } from './helpers'

// Withdrawals (提现) with the sandbox provider: the rules, the race, the operator's decision.
jest.setTimeout(30_000)

let t: TestApp
let admin: Auth
const DAY = 24 * 3_600_000

beforeAll(async () => {
  // a small daily cap, so the cap is reachable with a leader's balance
  t = await startTestApp({ payoutMinFen: 1_000, payoutDailyCapFen: 20_000 })
  admin = await login(t.app, `payouts-admin-${process.pid}`, 'admin', '平台运营')
})
afterAll(() => t.close())

let credits = 0
/** Commission picked up long ago (withdrawable now), or still held until `availableAt`. */
async function credit(accountId: string, amountFen: number, availableAt: string | null = null) {
  const nowIso = t.clock.now().toISOString()
  await t.ctx.db.transaction().execute((trx) =>
    post(trx, {
      kind: 'commission',
      dedupeKey: `commission:seeded-${++credits}`,
      from: Accounts.platform,
      to: accountId,
      amountFen,
      availableAt,
      memo: '团购佣金',
      nowIso,
    }),
  )
}

let keys = 0
const key = () => `payout-${process.pid}-${++keys}`
const withdraw = (who: Auth, amountFen: number, k = key(), kind: 'leader' | 'supplier' = 'leader') =>
  call(t.app, who, 'POST', `/${kind}/payouts`, { amountFen }, { 'idempotency-key': k })
const walletOf = async (who: Auth, kind: 'leader' | 'supplier' = 'leader') => {
  const res = await call(t.app, who, 'GET', `/${kind}/wallet`)
  expect(res.status).toBe(200)
  return res.body
}
const payoutRows = (accountId: string) => t.ctx.db.selectFrom('payouts').selectAll().where('account_id', '=', accountId).execute()
const messagesOf = (userId: string) => t.ctx.db.selectFrom('messages').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()

/** Every account's balance is the sum of its entries, and all of them together sum to zero. */
async function ledgerAddsUp() {
  const entries = await t.ctx.db.selectFrom('ledger_entries').select(['account_id', 'amount_fen']).execute()
  expect(entries.reduce((s, e) => s + Number(e.amount_fen), 0)).toBe(0)
  const txns = await t.ctx.db.selectFrom('ledger_transactions').select(['id']).execute()
  expect(entries.length).toBe(txns.length * 2)
}

async function newLeader(name: string, withdrawableFen: number, pendingFen = 0) {
  const leader = await person(t.app, name, 'leader')
  if (withdrawableFen > 0) await credit(leaderAccount(leader.userId), withdrawableFen)
  if (pendingFen > 0) await credit(leaderAccount(leader.userId), pendingFen, new Date(t.clock.now().getTime() + 3 * DAY).toISOString())
  return leader
}

describe("a leader's wallet", () => {
  it('shows what she holds: pending commission apart from what she may withdraw, the limits, and each entry', async () => {
    const wang = await newLeader('王阿姨', 8_640, 2_000)
    const w = await walletOf(wang)
    expect(w).toMatchObject({
      ownerKind: 'leader',
      balanceFen: 10_640,
      pendingFen: 2_000,
      withdrawableFen: 8_640,
      inFlightFen: 0,
      paidOutFen: 0,
      minPayoutFen: 1_000,
      dailyCapFen: 20_000,
      todayRequestedFen: 0,
      suspended: false,
      provider: 'sandbox',
      payouts: [],
    })
    expect(w.entries).toHaveLength(2)
    expect(w.entries.map((e: { kind: string }) => e.kind)).toEqual(['commission', 'commission'])
    expect(w.entries.filter((e: { pending: boolean }) => e.pending).map((e: { amountFen: number }) => e.amountFen)).toEqual([2_000])
  })

  it('a shopper has no leader wallet, and nobody has one without signing in', async () => {
    const shopper = await person(t.app, '小李')
    expect((await call(t.app, shopper, 'GET', '/leader/wallet')).status).toBe(403)
    expect((await call(t.app, null, 'GET', '/leader/wallet')).status).toBe(401)
    expect((await withdraw(shopper, 1_000)).status).toBe(403)
  })
})

describe('asking to withdraw', () => {
  it('¥50.00 of ¥86.40: asked for, out of the withdrawable balance and in flight', async () => {
    const li = await newLeader('李姐', 8_640)
    const res = await withdraw(li, 5_000)
    expect(res.status).toBe(201)
    expect(res.body.payout).toMatchObject({ amountFen: 5_000, status: 'requested', ownerKind: 'leader', provider: 'sandbox', confirm: null })
    expect(res.body.payout.billNo).toMatch(/^[A-Za-z0-9]{1,32}$/)
    const w = await walletOf(li)
    expect(w).toMatchObject({ balanceFen: 3_640, withdrawableFen: 3_640, inFlightFen: 5_000, todayRequestedFen: 5_000 })
    expect(w.payouts.map((p: { status: string }) => p.status)).toEqual(['requested'])
    expect(w.entries[0]).toMatchObject({ kind: 'payout_requested', amountFen: -5_000, payoutId: res.body.payout.id })
    await ledgerAddsUp()
  })

  it('below the minimum: refused with the minimum, nothing changes', async () => {
    const zhao = await newLeader('赵叔', 8_640)
    const res = await withdraw(zhao, 999)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('PAYOUT_BELOW_MINIMUM')
    expect(res.body.error.params).toEqual({ minFen: 1_000 })
    expect(await payoutRows(leaderAccount(zhao.userId))).toHaveLength(0)
    expect((await walletOf(zhao)).withdrawableFen).toBe(8_640)
  })

  it('more than is withdrawable (pending commission does not count): refused, nothing changes', async () => {
    const qian = await newLeader('钱嫂', 3_000, 5_000)
    const res = await withdraw(qian, 3_001)
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({ code: 'PAYOUT_OVER_BALANCE', params: { withdrawableFen: 3_000 } })
    expect(await payoutRows(leaderAccount(qian.userId))).toHaveLength(0)
    expect(await walletOf(qian)).toMatchObject({ balanceFen: 8_000, withdrawableFen: 3_000, inFlightFen: 0 })
  })

  it("over the day's cap: refused today, fine the next Shanghai day", async () => {
    const sun = await newLeader('孙老板', 40_000)
    expect((await withdraw(sun, 15_000)).status).toBe(201)
    const over = await withdraw(sun, 6_000)
    expect(over.status).toBe(409)
    expect(over.body.error).toMatchObject({ code: 'PAYOUT_DAILY_CAP', params: { capLeftFen: 5_000 } })
    expect((await withdraw(sun, 5_000)).status).toBe(201)
    expect((await walletOf(sun)).todayRequestedFen).toBe(20_000)
    t.clock.advance(DAY)
    expect((await withdraw(sun, 6_000)).status).toBe(201)
    expect((await walletOf(sun)).todayRequestedFen).toBe(6_000)
  })

  it('needs an Idempotency-Key; the same key again is the same payout, asked once', async () => {
    const zhou = await newLeader('周阿婆', 8_000)
    const none = await call(t.app, zhou, 'POST', '/leader/payouts', { amountFen: 2_000 })
    expect(none.status).toBe(400)
    expect(none.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    const k = key()
    const first = await withdraw(zhou, 2_000, k)
    const again = await withdraw(zhou, 2_000, k)
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.body.payout.id).toBe(first.body.payout.id)
    expect((await withdraw(zhou, 3_000, k)).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(await payoutRows(leaderAccount(zhou.userId))).toHaveLength(1)
    expect((await walletOf(zhou)).withdrawableFen).toBe(6_000)
  })

  it('bad amounts are refused at the edge', async () => {
    const wu = await newLeader('吴姐', 8_000)
    for (const amountFen of [0, -100, 12.5]) expect((await withdraw(wu, amountFen)).status).toBe(400)
    expect((await call(t.app, wu, 'POST', '/leader/payouts', { amountFen: '5000元' }, { 'idempotency-key': key() })).status).toBe(400)
    expect(await payoutRows(leaderAccount(wu.userId))).toHaveLength(0)
  })

  it('two requests at once for one balance: exactly one wins, the balance never goes below zero', async () => {
    const zheng = await newLeader('郑大姐', 8_640)
    const results = await Promise.all([withdraw(zheng, 6_000), withdraw(zheng, 6_000), withdraw(zheng, 6_000)])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([201, 409, 409])
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('PAYOUT_OVER_BALANCE')
    const rows = await payoutRows(leaderAccount(zheng.userId))
    expect(rows).toHaveLength(1)
    const balance = await balanceOf(t.ctx.db, leaderAccount(zheng.userId), t.clock.now().toISOString())
    expect(balance).toEqual({ balanceFen: 2_640, pendingFen: 0, withdrawableFen: 2_640 })
    await ledgerAddsUp()
  })

  it('a suspended leader cannot withdraw', async () => {
    const feng = await newLeader('冯师傅', 8_000)
    await t.ctx.db.updateTable('users').set({ suspended_at: t.clock.now().toISOString() }).where('id', '=', feng.userId).execute()
    const res = await withdraw(feng, 2_000)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('ACCOUNT_SUSPENDED')
    expect((await walletOf(feng)).suspended).toBe(true)
    expect(await payoutRows(leaderAccount(feng.userId))).toHaveLength(0)
  })
})

describe("the operator's decision", () => {
  it('only an admin may list, approve or refuse payouts', async () => {
    const chen = await newLeader('陈姐', 8_000)
    const { body } = await withdraw(chen, 2_000)
    const id = body.payout.id
    for (const who of [chen, await person(t.app, '路人')]) {
      expect((await call(t.app, who, 'GET', '/admin/payouts')).status).toBe(403)
      const approve = await call(t.app, who, 'POST', `/admin/payouts/${id}/approve`)
      expect(approve.status).toBe(403)
      expect(approve.body.error.code).toBe('FORBIDDEN')
      expect((await call(t.app, who, 'POST', `/admin/payouts/${id}/refuse`, { reason: '不给' })).status).toBe(403)
    }
    expect((await call(t.app, null, 'POST', `/admin/payouts/${id}/approve`)).status).toBe(401)
    expect((await payoutRows(leaderAccount(chen.userId)))[0].status).toBe('requested')
    expect((await walletOf(chen)).inFlightFen).toBe(2_000)
  })

  it('approving sends it (the sandbox pays at once): her wallet shows it paid, she is told, the action is audited', async () => {
    const lin = await newLeader('林阿姨', 8_640)
    const { body } = await withdraw(lin, 5_000)
    const id = body.payout.id
    const approved = await call(t.app, admin, 'POST', `/admin/payouts/${id}/approve`)
    expect(approved.status).toBe(200)
    expect(approved.body.payout).toMatchObject({ id, status: 'succeeded', providerState: 'SUCCESS', owner: { name: '林阿姨', kind: 'leader' } })
    const w = await walletOf(lin)
    expect(w).toMatchObject({ balanceFen: 3_640, withdrawableFen: 3_640, inFlightFen: 0, paidOutFen: 5_000 })
    expect(w.payouts[0]).toMatchObject({ id, status: 'succeeded' })
    const [message] = await messagesOf(lin.userId)
    expect(message).toMatchObject({ kind: 'payout_succeeded', body: '你的提现 ¥50.00 已到账微信零钱' })
    expect(JSON.parse(message.facts!)).toMatchObject({ amountFen: 5_000 })
    const log = await t.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ actor_id: admin.userId, action: 'payout.approve', target_kind: 'payout' })
    expect(JSON.parse(log[0].before!)).toMatchObject({ status: 'requested' })
    expect(JSON.parse(log[0].after!)).toMatchObject({ status: 'sending' })
    // money left once: payouts -> provider
    const sent = await t.ctx.db.selectFrom('ledger_transactions').selectAll().where('payout_id', '=', id).orderBy('created_at').execute()
    expect(sent.map((s) => [s.kind, Number(s.amount_fen)])).toEqual([
      ['payout_requested', 5_000],
      ['payout_sent', 5_000],
    ])
    // twice is refused, nothing more leaves
    const again = await call(t.app, admin, 'POST', `/admin/payouts/${id}/approve`)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('PAYOUT_ALREADY_REVIEWED')
    expect((await call(t.app, admin, 'POST', `/admin/payouts/${id}/refuse`, { reason: '晚了' })).status).toBe(409)
    expect((await walletOf(lin)).paidOutFen).toBe(5_000)
    await ledgerAddsUp()
  })

  it('refusing gives the money back to her withdrawable balance, with the reason she reads', async () => {
    const he = await newLeader('何嫂', 8_640)
    const { body } = await withdraw(he, 6_000)
    const id = body.payout.id
    expect((await call(t.app, admin, 'POST', `/admin/payouts/${id}/refuse`, { reason: '   ' })).status).toBe(400)
    const refused = await call(t.app, admin, 'POST', `/admin/payouts/${id}/refuse`, { reason: '收款人信息有误，请核对后重新申请' })
    expect(refused.status).toBe(200)
    expect(refused.body.payout).toMatchObject({ status: 'refused', refuseReason: '收款人信息有误，请核对后重新申请' })
    const w = await walletOf(he)
    expect(w).toMatchObject({ balanceFen: 8_640, withdrawableFen: 8_640, inFlightFen: 0, paidOutFen: 0, todayRequestedFen: 0 })
    expect(w.entries[0]).toMatchObject({ kind: 'payout_returned', amountFen: 6_000 })
    const [message] = await messagesOf(he.userId)
    expect(message.kind).toBe('payout_failed')
    expect(JSON.parse(message.facts!)).toMatchObject({ amountFen: 6_000, note: '收款人信息有误，请核对后重新申请' })
    const log = await t.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute()
    expect(log.map((l) => l.action)).toEqual(['payout.refuse'])
    // approving a refused payout changes nothing
    expect((await call(t.app, admin, 'POST', `/admin/payouts/${id}/approve`)).status).toBe(409)
    expect((await walletOf(he)).withdrawableFen).toBe(8_640)
    await ledgerAddsUp()
  })

  it('an owner suspended after asking is not paid: the approval is refused', async () => {
    const luo = await newLeader('罗大哥', 8_000)
    const { body } = await withdraw(luo, 2_000)
    await t.ctx.db.updateTable('users').set({ suspended_at: t.clock.now().toISOString() }).where('id', '=', luo.userId).execute()
    const res = await call(t.app, admin, 'POST', `/admin/payouts/${body.payout.id}/approve`)
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('ACCOUNT_SUSPENDED')
    expect((await payoutRows(leaderAccount(luo.userId)))[0].status).toBe('requested')
  })

  it("the list puts those waiting first, with each owner's withdrawable balance; as CSV too", async () => {
    const gao = await newLeader('高姐', 9_000)
    const { body } = await withdraw(gao, 4_000)
    const list = await call(t.app, admin, 'GET', '/admin/payouts')
    expect(list.status).toBe(200)
    const statuses: string[] = list.body.payouts.map((p: { status: string }) => p.status)
    expect(statuses.indexOf('requested')).toBe(0)
    expect(statuses.lastIndexOf('requested')).toBeLessThan(statuses.findIndex((s) => s !== 'requested'))
    expect(list.body.requestedCount).toBe(statuses.filter((s) => s === 'requested').length)
    const mine = list.body.payouts.find((p: { id: string }) => p.id === body.payout.id)
    expect(mine).toMatchObject({ amountFen: 4_000, owner: { name: '高姐', withdrawableFen: 5_000, suspended: false }, confirm: null })
    const onlyRequested = await call(t.app, admin, 'GET', '/admin/payouts?status=requested')
    expect(onlyRequested.body.payouts.every((p: { status: string }) => p.status === 'requested')).toBe(true)
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/admin/payouts?format=csv', headers: { authorization: admin.authorization } })
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body).toContain(body.payout.billNo)
    expect(csv.body).toContain('40.00')
  })
})

describe("a supplier's wallet", () => {
  async function newSupplier(name: string, status: 'approved' | 'pending' | 'suspended' = 'approved') {
    const user = await person(t.app, `${name}负责人`)
    const id = newId()
    const nowIso = t.clock.now().toISOString()
    await t.ctx.db
      .insertInto('suppliers')
      .values({
        id,
        user_id: user.userId,
        name,
        contact_name: '老张',
        phone: '13900000000',
        depot_address: '递铺镇果蔬批发市场 8 号',
        depot_lat: 30.64,
        depot_lng: 119.69,
        status,
        reject_reason: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute()
    return { user, id }
  }

  it('a supplier withdraws what she is owed; the operator sees her by name', async () => {
    const { user, id } = await newSupplier('山前果蔬合作社')
    await credit(supplierAccount(id), 120_000)
    expect(await walletOf(user, 'supplier')).toMatchObject({ ownerKind: 'supplier', withdrawableFen: 120_000 })
    const res = await withdraw(user, 20_000, key(), 'supplier')
    expect(res.status).toBe(201)
    expect(res.body.payout.ownerKind).toBe('supplier')
    const approved = await call(t.app, admin, 'POST', `/admin/payouts/${res.body.payout.id}/approve`)
    expect(approved.body.payout).toMatchObject({ status: 'succeeded', owner: { kind: 'supplier', id, name: '山前果蔬合作社' } })
    expect(await walletOf(user, 'supplier')).toMatchObject({ withdrawableFen: 100_000, paidOutFen: 20_000 })
  })

  it('someone who is not an approved supplier has no supplier wallet; a suspended one cannot withdraw', async () => {
    const { user: pending } = await newSupplier('还在审核的批发部', 'pending')
    expect((await call(t.app, pending, 'GET', '/supplier/wallet')).status).toBe(403)
    expect((await withdraw(pending, 2_000, key(), 'supplier')).status).toBe(403)
    const { user: suspended, id } = await newSupplier('被暂停的粮油店', 'suspended')
    await credit(supplierAccount(id), 10_000)
    expect((await walletOf(suspended, 'supplier')).suspended).toBe(true)
    const res = await withdraw(suspended, 2_000, key(), 'supplier')
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('ACCOUNT_SUSPENDED')
  })
})
