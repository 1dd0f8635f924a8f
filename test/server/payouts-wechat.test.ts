import crypto from 'node:crypto'
import { Accounts, leaderAccount, post } from '../../server/features/ledger/ledger.service'
import { sweepPayouts } from '../../server/features/payouts/payouts.service'
import { call, person, type Auth } from './engine-api'
import type { FakeWechatPay, SignedNotification } from './fakes/wechatpay-server'
import { startWechatTown, type WechatShopper, type WechatTown } from './fakes/wechat-town'
import { login, type TestApp } from './helpers'

// Withdrawals paid by WeChat Pay's merchant transfer (商家转账), against the local fake with real
// signatures and encryption: sent by bill number, confirmed by the leader in WeChat, finished by a
// signed notification or a query; a forged or replayed notification changes nothing.
jest.setTimeout(60_000)

let town: WechatTown
let pay: FakeWechatPay
let t: TestApp
let admin: Auth

beforeAll(async () => {
  town = await startWechatTown()
  ;({ pay, t } = town)
  admin = await login(t.app, `wxpayout-admin-${process.pid}`, 'admin', '平台运营')
})
afterAll(() => town.close())

let credits = 0
/** A leader who signed in with WeChat (so her openid is known), holding withdrawable commission. */
async function wechatLeader(withdrawableFen: number): Promise<WechatShopper> {
  const she = await town.wechatShopper()
  await t.ctx.db.updateTable('users').set({ roles: 'shopper,leader', commission_bps: 1000 }).where('id', '=', she.userId).execute()
  const nowIso = t.clock.now().toISOString()
  await t.ctx.db.transaction().execute((trx) =>
    post(trx, {
      kind: 'commission',
      dedupeKey: `commission:wx-seeded-${++credits}`,
      from: Accounts.platform,
      to: leaderAccount(she.userId),
      amountFen: withdrawableFen,
      memo: '团购佣金',
      nowIso,
    }),
  )
  return she
}

let keys = 0
async function askAndApprove(leader: Auth, amountFen: number) {
  const asked = await call(t.app, leader, 'POST', '/leader/payouts', { amountFen }, { 'idempotency-key': `wxpayout-${process.pid}-${++keys}` })
  expect(asked.status).toBe(201)
  const approved = await call(t.app, admin, 'POST', `/admin/payouts/${asked.body.payout.id}/approve`)
  expect(approved.status).toBe(200)
  return { id: asked.body.payout.id as string, billNo: asked.body.payout.billNo as string, approved: approved.body.payout }
}

const notify = (n: SignedNotification, headers: Record<string, string> = n.headers, body = n.body) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/payments/wechat/transfer-notify',
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  })

const walletOf = async (who: Auth) => (await call(t.app, who, 'GET', '/leader/wallet')).body
const row = (id: string) => t.ctx.db.selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const ledgerOf = async (id: string) =>
  (await t.ctx.db.selectFrom('ledger_transactions').selectAll().where('payout_id', '=', id).orderBy('created_at').execute()).map((x) => x.kind)
const messagesOf = (userId: string) => t.ctx.db.selectFrom('messages').selectAll().where('user_id', '=', userId).execute()

describe('a withdrawal through WeChat Pay merchant transfer', () => {
  it('approving sends a bill signed by the merchant; it waits for her 确认收款 with what requestMerchantTransfer needs', async () => {
    const mei = await wechatLeader(8_640)
    const { id, billNo, approved } = await askAndApprove(mei, 5_000)
    expect(approved).toMatchObject({ status: 'wait_user_confirm', providerState: 'WAIT_USER_CONFIRM', provider: 'wechatpay', confirm: null })

    const bill = pay.transfers.get(billNo)!
    expect(bill.body).toMatchObject({
      appid: town.wechat.appId,
      out_bill_no: billNo,
      transfer_scene_id: '1005',
      openid: mei.openid,
      transfer_amount: 5_000,
      notify_url: 'https://linli.example.com/api/v1/payments/wechat/transfer-notify',
    })
    expect([...bill.body.transfer_remark].length).toBeLessThanOrEqual(32)
    expect(bill.body.transfer_scene_report_infos.length).toBeGreaterThan(0)
    expect(pay.transferRequestsOf(billNo).every((r) => r.authorized)).toBe(true)

    // only she is given the package, and only while WeChat waits for her
    const w = await walletOf(mei)
    expect(w.payouts[0]).toMatchObject({
      id,
      status: 'wait_user_confirm',
      confirm: { mchId: pay.mchId, appId: town.wechat.appId, package: bill.package_info },
    })
    expect(w).toMatchObject({ withdrawableFen: 3_640, inFlightFen: 5_000, paidOutFen: 0 })
  })

  it("she confirms: WeChat's signed notification pays it once; the same notification again is refused and changes nothing", async () => {
    const lan = await wechatLeader(8_000)
    const { id, billNo } = await askAndApprove(lan, 3_000)
    const n = pay.confirmTransfer(billNo)
    expect((await notify(n)).statusCode).toBe(204)
    expect(await row(id)).toMatchObject({
      status: 'succeeded',
      provider_state: 'SUCCESS',
      transfer_bill_no: pay.transfers.get(billNo)!.transfer_bill_no,
    })
    expect(await walletOf(lan)).toMatchObject({ withdrawableFen: 5_000, inFlightFen: 0, paidOutFen: 3_000 })
    expect(await ledgerOf(id)).toEqual(['payout_requested', 'payout_sent'])
    expect((await messagesOf(lan.userId)).map((m) => m.kind)).toEqual(['payout_succeeded'])

    // replayed (the same bytes, the same signature, inside the time window)
    t.clock.advance(20_000)
    const replay = await notify(n)
    expect(replay.statusCode).toBeGreaterThanOrEqual(400)
    expect(replay.statusCode).toBeLessThan(500)
    expect(replay.json().code).toBe('FAIL')
    expect(await ledgerOf(id)).toEqual(['payout_requested', 'payout_sent'])
    expect(await walletOf(lan)).toMatchObject({ withdrawableFen: 5_000, paidOutFen: 3_000 })
    expect(await messagesOf(lan.userId)).toHaveLength(1)
  })

  it('a forged, stale, tampered or mismatched notification is refused with a 4xx and changes nothing', async () => {
    const ju = await wechatLeader(8_000)
    const { id, billNo } = await askAndApprove(ju, 4_000)
    pay.finishTransfer(billNo, 'FAIL')
    const before = await row(id)

    const forged = pay.transferNotification(billNo, { signWith: pay.otherPlatform.privateKey })
    const unknownKey = pay.transferNotification(billNo, { serial: pay.otherPlatform.serial, signWith: pay.otherPlatform.privateKey })
    const stale = pay.transferNotification(billNo, { timestamp: Math.floor(t.clock.now().getTime() / 1000) - 600 })
    const wrongKey = pay.transferNotification(billNo, { apiV3Key: crypto.randomBytes(16).toString('hex') })
    const otherAmount = pay.transferNotification(billNo, { overrides: { transfer_amount: 400_000 } })
    const otherMerchant = pay.transferNotification(billNo, { overrides: { mchid: '1900000999' } })
    const unknownBill = pay.transferNotification(billNo, { overrides: { out_bill_no: 'NOSUCHBILL0001' } })
    const good = pay.transferNotification(billNo)
    const tampered = { headers: good.headers, body: good.body.replace('"MCHTRANSFER.BILL.FINISHED"', '"MCHTRANSFER.BILL.FINISHED" ') }

    for (const [what, n, status] of [
      ['forged', forged, 401],
      ['unknown key', unknownKey, 401],
      ['stale', stale, 401],
      ['tampered body', tampered, 401],
      ['wrong APIv3 key', wrongKey, 400],
      ['amount', otherAmount, 400],
      ['merchant', otherMerchant, 400],
      ['unknown bill', unknownBill, 400],
    ] as const) {
      const res = await notify(n)
      expect([what, res.statusCode]).toEqual([what, status])
      expect(res.json().code).toBe('FAIL')
    }
    expect((await notify(good, {})).statusCode).toBe(401)
    expect(await row(id)).toEqual(before)
    expect(await ledgerOf(id)).toEqual(['payout_requested'])
    expect(await messagesOf(ju.userId)).toHaveLength(0)

    // the genuine one still goes through afterwards (the refusals recorded nothing)
    expect((await notify(good)).statusCode).toBe(204)
    expect((await row(id)).status).toBe('failed')
  })

  it('FAIL gives the money back to her withdrawable balance, and she reads why', async () => {
    const xia = await wechatLeader(8_000)
    const { id, billNo } = await askAndApprove(xia, 5_000)
    expect((await notify(pay.finishTransfer(billNo, 'FAIL', 'PAYEE_ACCOUNT_ABNORMAL'))).statusCode).toBe(204)
    expect(await row(id)).toMatchObject({ status: 'failed', fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' })
    expect(await walletOf(xia)).toMatchObject({ withdrawableFen: 8_000, inFlightFen: 0, paidOutFen: 0 })
    expect(await ledgerOf(id)).toEqual(['payout_requested', 'payout_returned'])
    const [message] = await messagesOf(xia.userId)
    expect(message.kind).toBe('payout_failed')
    expect(message.body).toContain('收款账户异常')
    // a later SUCCESS for the same bill cannot pay a failed payout
    expect((await notify(pay.finishTransfer(billNo, 'SUCCESS'))).statusCode).toBe(204)
    expect(await ledgerOf(id)).toEqual(['payout_requested', 'payout_returned'])
  })

  it('a transfer whose answer was lost is sent again with the same out_bill_no, and paid once', async () => {
    const qiu = await wechatLeader(9_000)
    pay.dropTransferAnswers = 1
    const { id, billNo, approved } = await askAndApprove(qiu, 6_000)
    // WeChat took the bill, but we never heard: still sending, to be tried again
    expect(approved.status).toBe('sending')
    expect(approved.lastError).toMatch(/NETWORK|cannot reach/)
    expect(pay.transfers.has(billNo)).toBe(true)

    await sweepPayouts(t.ctx)
    expect(pay.transferRequestsOf(billNo)).toHaveLength(1) // not due yet: no hammering
    t.clock.advance(31_000)
    await sweepPayouts(t.ctx)
    const sends = pay.transferRequestsOf(billNo)
    expect(sends).toHaveLength(2)
    expect(sends[1].body).toBe(sends[0].body)
    expect(await row(id)).toMatchObject({ status: 'wait_user_confirm', attempts: 2 })

    // she confirms in WeChat; back in the app the server asks WeChat (no notification needed)
    pay.finishTransfer(billNo, 'SUCCESS')
    const confirmed = await call(t.app, qiu, 'POST', `/leader/payouts/${id}/confirm`)
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.payout.status).toBe('succeeded')
    expect([...pay.transfers.keys()].filter((k) => k === billNo)).toHaveLength(1)
    expect(await ledgerOf(id)).toEqual(['payout_requested', 'payout_sent'])
    expect(await walletOf(qiu)).toMatchObject({ withdrawableFen: 3_000, paidOutFen: 6_000 })
    // another leader cannot poke at her payout
    const other = await person(t.app, '隔壁团长', 'leader')
    expect((await call(t.app, other, 'POST', `/leader/payouts/${id}/confirm`)).status).toBe(404)
  })

  it('the sweeper asks WeChat about a transfer nobody told us about: cancelled gives the money back', async () => {
    const tao = await wechatLeader(7_000)
    const { id, billNo } = await askAndApprove(tao, 2_000)
    pay.finishTransfer(billNo, 'CANCELLED')
    t.clock.advance(11 * 60_000)
    await sweepPayouts(t.ctx)
    expect((await row(id)).status).toBe('cancelled')
    expect(await walletOf(tao)).toMatchObject({ withdrawableFen: 7_000, inFlightFen: 0 })
    expect(await ledgerOf(id)).toEqual(['payout_requested', 'payout_returned'])
  })

  it('a leader WeChat cannot pay (never opened the mini-program in WeChat) gets her money back at once', async () => {
    const dev = await person(t.app, '没有微信的团长', 'leader')
    await t.ctx.db.transaction().execute((trx) =>
      post(trx, {
        kind: 'commission',
        dedupeKey: `commission:wx-seeded-${++credits}`,
        from: Accounts.platform,
        to: leaderAccount(dev.userId),
        amountFen: 5_000,
        nowIso: t.clock.now().toISOString(),
      }),
    )
    const { id } = await askAndApprove(dev, 2_000)
    expect(await row(id)).toMatchObject({ status: 'failed', fail_reason: 'NO_OPENID' })
    expect((await walletOf(dev)).withdrawableFen).toBe(5_000)
  })
})
