import type { AdminPayout, AdminPayoutList, MessageFacts, Payout, PayoutStatus, Wallet, WalletEntry } from '../../../types/api'
import { LedgerKind, MessageKind } from '../../../types/contract/statuses'
import { formatFen, shanghaiDate } from '../../../src/domain'
import {
  IN_FLIGHT_AT_PROVIDER,
  PayoutRefusalCode,
  capLeftFen,
  isFinalPayout,
  payoutLedgerEffect,
  payoutMove,
  payoutRefusal,
  transferStateEvent,
} from '../../../src/domain/payouts'
import type { Database } from '../../db/database'
import type { AppContext } from '../../http/context'
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../http/errors'
import { newId } from '../../http/ids'
import { backoffMs } from '../../jobs/backoff'
import { audit } from '../audit/audit'
import { Accounts, balanceOf, entriesOf, leaderAccount, lockAccount, post, supplierAccount } from '../ledger/ledger.service'
import { insertMessages } from '../notifications/notifications.repository'
import * as repo from './payouts.repository'
import type { PayoutRow } from './payouts.repository'
import { TransferRefused, transferProvider, type TransferState } from './transfer-provider'

/**
 * Withdrawals (提现). A leader (or a supplier) asks for part of her withdrawable balance: in one
 * transaction that first locks her ledger account, the rules are checked against the balance as it
 * is then (so two requests racing for one balance cannot both win) and the amount moves into the
 * payouts account. The operator approves (it is sent by its bill number, retried with the same one)
 * or refuses (the money comes back). The provider's answer — at once, by query or by signed
 * notification — moves it on, and the ledger follows: payout_sent once, or payout_returned once.
 */

export type OwnerKind = 'leader' | 'supplier'

/** Whose wallet a request is about. */
export interface Owner {
  kind: OwnerKind
  /** the leader's user id, or the supplier's id */
  id: string
  userId: string
  accountId: string
  name: string
  suspended: boolean
}

const WALLET_ENTRIES = 50
const WALLET_PAYOUTS = 30
/** how soon to ask the provider again about a transfer in flight (a confirmation can take a day) */
const QUERY_AFTER_MS: Partial<Record<PayoutStatus, number>> = {
  sending: 60_000,
  transferring: 60_000,
  wait_user_confirm: 10 * 60_000,
}

/** The leader behind this request (routes make sure she is one). */
export async function leaderOwner(db: Database, userId: string): Promise<Owner> {
  const user = await repo.userFacts(db, userId)
  if (!user) throw notFound('用户')
  return { kind: 'leader', id: userId, userId, accountId: leaderAccount(userId), name: user.nickname, suspended: user.suspended_at != null }
}

/** The supplier this user runs (approved, or suspended: a suspended one sees her wallet but cannot withdraw). */
export async function supplierOwner(db: Database, userId: string): Promise<Owner> {
  const [user, supplier] = await Promise.all([repo.userFacts(db, userId), repo.supplierOfUser(db, userId)])
  if (!user || !supplier || (supplier.status !== 'approved' && supplier.status !== 'suspended')) {
    throw forbidden('仅供货商可用')
  }
  return {
    kind: 'supplier',
    id: supplier.id,
    userId,
    accountId: supplierAccount(supplier.id),
    name: supplier.name,
    suspended: supplier.status === 'suspended' || user.suspended_at != null,
  }
}

async function ownerOf(db: Database, row: PayoutRow): Promise<Owner> {
  if (row.owner_kind === 'leader') return leaderOwner(db, row.owner_id)
  const supplier = await repo.supplierById(db, row.owner_id)
  const user = await repo.userFacts(db, row.user_id)
  return {
    kind: 'supplier',
    id: row.owner_id,
    userId: row.user_id,
    accountId: row.account_id,
    name: supplier?.name ?? user?.nickname ?? '',
    suspended: supplier?.status === 'suspended' || user?.suspended_at != null,
  }
}

// -- views -----------------------------------------------------------------------------------------

function toPayout(ctx: AppContext, row: PayoutRow, forOwner: boolean): Payout {
  const identity = forOwner && row.status === 'wait_user_confirm' && row.package_info ? transferProvider(ctx).confirmIdentity() : null
  return {
    id: row.id,
    billNo: row.bill_no,
    ownerKind: row.owner_kind,
    amountFen: row.amount_fen,
    status: row.status,
    provider: row.provider,
    providerState: row.provider_state,
    failReason: row.fail_reason,
    refuseReason: row.refuse_reason,
    requestedAt: row.requested_at,
    reviewedAt: row.reviewed_at,
    sentAt: row.sent_at,
    finishedAt: row.finished_at,
    confirm: identity && row.package_info ? { ...identity, package: row.package_info } : null,
  }
}

function toEntry(e: Awaited<ReturnType<typeof entriesOf>>[number], nowIso: string): WalletEntry {
  const availableAt = e.availableAt ?? null
  return {
    id: e.id,
    kind: e.kind,
    amountFen: e.amountFen,
    memo: e.memo ?? '',
    orderId: e.orderId ?? null,
    dealId: e.dealId ?? null,
    dealTitle: e.dealTitle ?? null,
    payoutId: e.payoutId ?? null,
    createdAt: e.createdAt,
    availableAt,
    pending: availableAt !== null && availableAt > nowIso,
  }
}

/** `GET /leader/wallet`, `GET /supplier/wallet`. */
export async function wallet(ctx: AppContext, owner: Owner): Promise<Wallet> {
  const now = ctx.now()
  const nowIso = now.toISOString()
  const [balance, totals, today, entries, payouts] = await Promise.all([
    balanceOf(ctx.db, owner.accountId, nowIso),
    repo.payoutTotals(ctx.db, owner.accountId),
    repo.requestedOnDayFen(ctx.db, owner.accountId, shanghaiDate(now)),
    entriesOf(ctx.db, owner.accountId, { limit: WALLET_ENTRIES }),
    repo.payoutsOfAccount(ctx.db, owner.accountId, WALLET_PAYOUTS),
  ])
  return {
    ownerKind: owner.kind,
    balanceFen: balance.balanceFen,
    pendingFen: balance.pendingFen,
    withdrawableFen: balance.withdrawableFen,
    inFlightFen: totals.inFlightFen,
    paidOutFen: totals.paidOutFen,
    minPayoutFen: ctx.config.payoutMinFen,
    dailyCapFen: ctx.config.payoutDailyCapFen,
    todayRequestedFen: today,
    suspended: owner.suspended,
    provider: ctx.config.paymentProvider,
    entries: entries.map((e) => toEntry(e, nowIso)),
    payouts: payouts.map((p) => toPayout(ctx, p, true)),
  }
}

// -- asking ------------------------------------------------------------------------------------------

const REFUSALS: Record<PayoutRefusalCode, (p: { minFen: number; withdrawableFen: number; capLeftFen: number }) => AppError> = {
  [PayoutRefusalCode.suspended]: () => new AppError(403, PayoutRefusalCode.suspended, '账号已被暂停，暂不能提现'),
  [PayoutRefusalCode.belowMinimum]: (p) =>
    new AppError(400, PayoutRefusalCode.belowMinimum, `单笔提现至少 ${formatFen(p.minFen)}`, { minFen: p.minFen }),
  [PayoutRefusalCode.overBalance]: (p) =>
    new AppError(409, PayoutRefusalCode.overBalance, `可提现余额只有 ${formatFen(Math.max(0, p.withdrawableFen))}`, {
      withdrawableFen: Math.max(0, p.withdrawableFen),
    }),
  [PayoutRefusalCode.dailyCap]: (p) =>
    new AppError(409, PayoutRefusalCode.dailyCap, `今天还能提现 ${formatFen(p.capLeftFen)}`, { capLeftFen: p.capLeftFen }),
}

const keyReused = () => unprocessable('IDEMPOTENCY_KEY_REUSED', '这个请求编号已用于另一笔提现，请刷新后重试')

/**
 * `POST /leader/payouts`, `POST /supplier/payouts`: ask to withdraw. The same Idempotency-Key again
 * answers the same payout. A refusal changes nothing.
 */
export async function requestPayout(ctx: AppContext, owner: Owner, amountFen: number, key: string): Promise<{ payout: Payout; created: boolean }> {
  const earlier = await repo.findByKey(ctx.db, owner.userId, key)
  if (earlier) {
    if (earlier.amount_fen !== amountFen || earlier.account_id !== owner.accountId) throw keyReused()
    return { payout: toPayout(ctx, earlier, true), created: false }
  }
  const now = ctx.now()
  const nowIso = now.toISOString()
  const day = shanghaiDate(now)
  const id = newId()
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // first the lock: whoever holds it reads the balance every earlier request has already left
      await lockAccount(trx, owner.accountId, nowIso)
      const fresh = owner.kind === 'leader' ? await leaderOwner(trx, owner.id) : await supplierOwner(trx, owner.userId)
      const balance = await balanceOf(trx, owner.accountId, nowIso)
      const left = capLeftFen(ctx.config.payoutDailyCapFen, await repo.requestedOnDayFen(trx, owner.accountId, day))
      const refusal = payoutRefusal(amountFen, balance.withdrawableFen, ctx.config.payoutMinFen, left, fresh.suspended)
      if (refusal) throw REFUSALS[refusal]({ minFen: ctx.config.payoutMinFen, withdrawableFen: balance.withdrawableFen, capLeftFen: left })
      await repo.insertPayout(trx, {
        id,
        bill_no: newId(),
        account_id: owner.accountId,
        owner_kind: owner.kind,
        owner_id: owner.id,
        user_id: owner.userId,
        amount_fen: amountFen,
        status: 'requested',
        provider: ctx.config.paymentProvider,
        idempotency_key: key,
        transfer_bill_no: null,
        provider_state: null,
        package_info: null,
        fail_reason: null,
        refuse_reason: null,
        reviewed_by: null,
        reviewed_at: null,
        attempts: 0,
        next_attempt_at: null,
        last_error: null,
        day,
        requested_at: nowIso,
        sent_at: null,
        finished_at: null,
        updated_at: nowIso,
      })
      await post(trx, {
        kind: LedgerKind.payoutRequested,
        dedupeKey: `payout_requested:${id}`,
        from: owner.accountId,
        to: Accounts.payouts,
        amountFen,
        payoutId: id,
        memo: owner.kind === 'leader' ? '佣金提现' : '货款提现',
        nowIso,
      })
    })
  } catch (error) {
    if (error instanceof AppError) throw error
    // the same key at the same moment: the other request made it
    const raced = await repo.findByKey(ctx.db, owner.userId, key)
    if (raced) {
      if (raced.amount_fen !== amountFen || raced.account_id !== owner.accountId) throw keyReused()
      return { payout: toPayout(ctx, raced, true), created: false }
    }
    throw error
  }
  return { payout: toPayout(ctx, (await repo.findPayout(ctx.db, id))!, true), created: true }
}

// -- the provider's answers ---------------------------------------------------------------------------

function ownerMessage(row: PayoutRow, to: PayoutStatus, reason: string | null, nowIso: string) {
  const ok = to === 'succeeded'
  const amount = formatFen(row.amount_fen)
  const facts: MessageFacts = {
    deal: '',
    point: '',
    amountFen: row.amount_fen,
    refundFen: null,
    pickupStart: null,
    pickupEnd: null,
    reason: null,
    ...(ok ? {} : { note: reason ?? '' }),
  }
  return {
    id: newId(),
    user_id: row.user_id,
    kind: ok ? MessageKind.payoutSucceeded : MessageKind.payoutFailed,
    title: ok ? '提现已到账' : '提现未成功',
    body: ok ? `你的提现 ${amount} 已到账微信零钱` : `你的提现 ${amount} 未成功（${reason ?? ''}），金额已退回可提现余额`,
    facts: JSON.stringify(facts),
    deal_id: null,
    order_id: null,
    dedupe_key: `payout:${row.id}`,
    created_at: nowIso,
    read_at: null,
  }
}

/** WeChat's reasons (fail_reason) in the words a leader reads. */
const FAIL_REASONS: Record<string, string> = {
  PAYEE_ACCOUNT_ABNORMAL: '收款账户异常',
  ACCOUNT_FROZEN: '账户已冻结',
  REAL_NAME_CHECK_FAIL: '收款人未实名',
  NAME_NOT_CORRECT: '收款人姓名不符',
  OPENID_INVALID: '收款账户无效',
  NO_OPENID: '请先在微信中打开小程序',
  TRANSFER_QUOTA_EXCEED: '超出转账额度',
  DAY_RECEIVED_QUOTA_EXCEED: '超出当日收款额度',
  OVERDUE_CLOSE: '超时未确认收款',
  CANCELLED: '已撤销',
}

export function reasonWords(code: string | null): string {
  if (!code) return ''
  return FAIL_REASONS[code] ?? code
}

export type ApplyOutcome = 'moved' | 'same' | 'unknown_state' | 'amount_mismatch' | 'final'

/**
 * Apply a provider state to a payout, in the caller's transaction: the move from the table, its
 * ledger posting (sent or returned, each once by its dedupe key) and the owner's message. A state
 * that is no move (repeated, or the payout is final) changes no money.
 */
export async function applyTransferStateIn(trx: Database, payoutId: string, st: TransferState, nowIso: string): Promise<ApplyOutcome> {
  for (let tries = 0; tries < 5; tries++) {
    const row = await repo.findPayout(trx, payoutId)
    if (!row) throw notFound('提现')
    if (st.amountFen !== null && st.amountFen !== row.amount_fen) return 'amount_mismatch'
    const event = transferStateEvent(st.state)
    if (!event) {
      if (!isFinalPayout(row.status)) await repo.notePayout(trx, row.id, { provider_state: st.state, updated_at: nowIso })
      return 'unknown_state'
    }
    const to = payoutMove(row.status, event)
    const facts = {
      provider_state: st.state,
      transfer_bill_no: st.transferBillNo ?? row.transfer_bill_no,
      package_info: st.packageInfo ?? row.package_info,
      updated_at: nowIso,
    }
    if (!to) {
      if (isFinalPayout(row.status)) return 'final'
      await repo.notePayout(trx, row.id, { ...facts, next_attempt_at: nextQueryAt(row.status, nowIso) })
      return 'same'
    }
    const final = isFinalPayout(to)
    const failReason = to === 'failed' ? (st.failReason ?? 'FAIL') : to === 'cancelled' ? (st.failReason ?? 'CANCELLED') : null
    const moved = await repo.movePayout(trx, row.id, row.status, {
      ...facts,
      status: to,
      fail_reason: failReason,
      sent_at: row.sent_at ?? nowIso,
      finished_at: final ? nowIso : null,
      next_attempt_at: final ? null : nextQueryAt(to, nowIso),
      last_error: null,
    })
    if (!moved) continue
    await settleLedger(trx, row, to, nowIso)
    if (final) await insertMessages(trx, [ownerMessage(row, to, reasonWords(failReason), nowIso)])
    return 'moved'
  }
  throw new Error(`payout ${payoutId}: could not apply ${st.state}`)
}

function nextQueryAt(status: PayoutStatus, nowIso: string): string | null {
  const after = QUERY_AFTER_MS[status]
  return after === undefined ? null : new Date(Date.parse(nowIso) + after).toISOString()
}

/** The ledger after a move: the money left (payouts -> provider) or came back (payouts -> owner). */
async function settleLedger(trx: Database, row: PayoutRow, to: PayoutStatus, nowIso: string): Promise<void> {
  const effect = payoutLedgerEffect(to)
  if (effect === 'sent') {
    await post(trx, {
      kind: LedgerKind.payoutSent,
      dedupeKey: `payout_sent:${row.id}`,
      from: Accounts.payouts,
      to: Accounts.provider,
      amountFen: row.amount_fen,
      payoutId: row.id,
      memo: row.bill_no,
      nowIso,
    })
  } else if (effect === 'returned') {
    await post(trx, {
      kind: LedgerKind.payoutReturned,
      dedupeKey: `payout_returned:${row.id}`,
      from: Accounts.payouts,
      to: row.account_id,
      amountFen: row.amount_fen,
      payoutId: row.id,
      memo: to === 'refused' ? '提现被拒绝，已退回' : '提现未成功，已退回',
      nowIso,
    })
  }
}

async function applyTransferState(ctx: AppContext, payoutId: string, st: TransferState): Promise<ApplyOutcome> {
  const nowIso = ctx.now().toISOString()
  return ctx.db.transaction().execute((trx) => applyTransferStateIn(trx, payoutId, st, nowIso))
}

/**
 * Hand an approved payout to the provider, once at a time (claimed by its next attempt). Sending
 * again is safe: the provider knows the bill by its number. A lost answer leaves it `sending` for
 * the sweeper; a refusal for good (the provider has no such bill) gives the money back.
 */
export async function sendPayout(ctx: AppContext, payoutId: string): Promise<void> {
  const now = ctx.now()
  const nowIso = now.toISOString()
  const row = await repo.findPayout(ctx.db, payoutId)
  if (!row || row.status !== 'sending') return
  const provider = transferProvider(ctx)
  if (provider.name !== row.provider) {
    await repo.recordSendError(ctx.db, row.id, `asked with ${row.provider}, the server now uses ${provider.name}`, nowIso)
    return
  }
  if (!(await repo.claimSend(ctx.db, row.id, nowIso, new Date(now.getTime() + backoffMs(row.attempts + 1)).toISOString()))) return
  const user = await repo.userFacts(ctx.db, row.user_id)
  let state: TransferState
  try {
    state = await provider.send({
      billNo: row.bill_no,
      amountFen: row.amount_fen,
      openid: user?.openid ?? null,
      remark: row.owner_kind === 'leader' ? '邻里团团长佣金提现' : '邻里团供货货款提现',
      ownerKind: row.owner_kind,
    })
  } catch (error) {
    if (error instanceof TransferRefused) {
      await applyTransferState(ctx, row.id, { state: 'FAIL', failReason: error.code, transferBillNo: null, packageInfo: null, amountFen: null })
      return
    }
    await repo.recordSendError(ctx.db, row.id, error instanceof Error ? error.message : String(error), nowIso)
    return
  }
  await applyTransferState(ctx, row.id, state)
}

/** Ask the provider about a payout it holds, and apply the answer. */
export async function refreshPayout(ctx: AppContext, row: PayoutRow): Promise<void> {
  const provider = transferProvider(ctx)
  if (provider.name !== row.provider || !IN_FLIGHT_AT_PROVIDER.includes(row.status)) return
  const nowIso = ctx.now().toISOString()
  let state: TransferState | null
  try {
    state = await provider.query(row.bill_no)
  } catch (error) {
    await repo.recordSendError(ctx.db, row.id, error instanceof Error ? error.message : String(error), nowIso)
    await repo.notePayout(ctx.db, row.id, { next_attempt_at: nextQueryAt(row.status, nowIso) })
    return
  }
  // never taken (a send that did not arrive): the sweeper sends it again, with the same bill
  if (!state) {
    if (row.status === 'sending') return
    await repo.notePayout(ctx.db, row.id, { next_attempt_at: nextQueryAt(row.status, nowIso) })
    return
  }
  await applyTransferState(ctx, row.id, state)
}

/**
 * The sweeper's step: send approved payouts that are due (a first send, or a retry with the same
 * bill), then ask about those the provider holds. Safe from several instances at once.
 */
export async function sweepPayouts(ctx: AppContext, limit = 20): Promise<{ sent: number; queried: number }> {
  const nowIso = ctx.now().toISOString()
  const due = await repo.duePayouts(ctx.db, ['sending'], nowIso, limit)
  for (const row of due) await sendPayout(ctx, row.id)
  const held = await repo.duePayouts(ctx.db, ['wait_user_confirm', 'transferring'], nowIso, limit)
  for (const row of held) await refreshPayout(ctx, row)
  return { sent: due.length, queried: held.length }
}

/** `POST /leader/payouts/:id/confirm`: back from 确认收款, the server asks the provider where it is now. */
export async function confirmPayout(ctx: AppContext, owner: Owner, payoutId: string): Promise<Payout> {
  const row = await repo.findPayout(ctx.db, payoutId)
  if (!row || row.user_id !== owner.userId || row.account_id !== owner.accountId) throw notFound('提现')
  if (row.status === 'sending') await sendPayout(ctx, row.id)
  else await refreshPayout(ctx, row)
  return toPayout(ctx, (await repo.findPayout(ctx.db, row.id))!, true)
}

// -- the operator ---------------------------------------------------------------------------------------

async function toAdminPayout(ctx: AppContext, row: PayoutRow, nowIso: string, owner?: Owner): Promise<AdminPayout> {
  const who = owner ?? (await ownerOf(ctx.db, row))
  const balance = await balanceOf(ctx.db, row.account_id, nowIso)
  return {
    ...toPayout(ctx, row, false),
    owner: {
      kind: row.owner_kind,
      id: row.owner_id,
      userId: row.user_id,
      name: who.name,
      suspended: who.suspended,
      withdrawableFen: balance.withdrawableFen,
    },
    reviewedBy: row.reviewed_by,
    attempts: row.attempts,
    lastError: row.last_error,
  }
}

export async function adminList(
  ctx: AppContext,
  q: { status?: PayoutStatus; ownerKind?: OwnerKind; offset?: number; limit?: number },
): Promise<AdminPayoutList> {
  const offset = q.offset ?? 0
  const limit = q.limit ?? 50
  const nowIso = ctx.now().toISOString()
  const rows = await repo.adminPayouts(ctx.db, { status: q.status, ownerKind: q.ownerKind, offset, limit })
  const page = rows.slice(0, limit)
  // one balance per account on the page
  const balances = new Map<string, number>()
  for (const r of page) {
    if (!balances.has(r.account_id)) balances.set(r.account_id, (await balanceOf(ctx.db, r.account_id, nowIso)).withdrawableFen)
  }
  return {
    payouts: page.map((r) => ({
      ...toPayout(ctx, r, false),
      owner: {
        kind: r.owner_kind,
        id: r.owner_id,
        userId: r.user_id,
        name: r.owner_kind === 'supplier' ? (r.supplier_name ?? r.nickname) : r.nickname,
        suspended: r.suspended_at != null || r.supplier_status === 'suspended',
        withdrawableFen: balances.get(r.account_id) ?? 0,
      },
      reviewedBy: r.reviewed_by,
      attempts: r.attempts,
      lastError: r.last_error,
    })),
    requestedCount: await repo.countRequested(ctx.db),
    nextOffset: rows.length > limit ? offset + limit : null,
  }
}

const alreadyReviewed = (row: PayoutRow) =>
  conflict('PAYOUT_ALREADY_REVIEWED', row.status === 'refused' ? '这笔提现已经被拒绝了' : '这笔提现已经审核过了', { status: row.status })

const auditView = (r: PayoutRow) => ({ status: r.status, amountFen: r.amount_fen, billNo: r.bill_no, refuseReason: r.refuse_reason })

/** `POST /admin/payouts/:id/approve`: it is sent at once (and retried by the sweeper if the provider does not answer). */
export async function approve(ctx: AppContext, adminId: string, payoutId: string): Promise<AdminPayout> {
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findPayout(trx, payoutId)
    if (!row) throw notFound('提现')
    if (row.status !== 'requested') throw alreadyReviewed(row)
    const owner = await ownerOf(trx, row)
    if (owner.suspended) throw conflict(PayoutRefusalCode.suspended, '申请人的账号已被暂停：请拒绝这笔提现')
    const patch = { status: 'sending' as const, reviewed_by: adminId, reviewed_at: nowIso, next_attempt_at: null, updated_at: nowIso }
    if (!(await repo.movePayout(trx, row.id, 'requested', patch))) throw alreadyReviewed((await repo.findPayout(trx, payoutId))!)
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'payout.approve',
        targetKind: 'payout',
        targetId: row.id,
        before: auditView(row),
        after: auditView({ ...row, ...patch }),
      },
      nowIso,
    )
  })
  // the first send right away; a provider that does not answer is asked again by the sweeper
  try {
    await sendPayout(ctx, payoutId)
  } catch (error) {
    await repo.recordSendError(ctx.db, payoutId, error instanceof Error ? error.message : String(error), nowIso)
  }
  return toAdminPayout(ctx, (await repo.findPayout(ctx.db, payoutId))!, ctx.now().toISOString())
}

/** `POST /admin/payouts/:id/refuse { reason }`: the money goes back to the owner's balance, and she reads why. */
export async function refuse(ctx: AppContext, adminId: string, payoutId: string, reason: string): Promise<AdminPayout> {
  const clean = reason.trim()
  if (clean === '') throw badRequest('VALIDATION_FAILED', '请写明拒绝原因')
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findPayout(trx, payoutId)
    if (!row) throw notFound('提现')
    if (row.status !== 'requested') throw alreadyReviewed(row)
    const patch = {
      status: 'refused' as const,
      refuse_reason: clean,
      reviewed_by: adminId,
      reviewed_at: nowIso,
      finished_at: nowIso,
      updated_at: nowIso,
    }
    if (!(await repo.movePayout(trx, row.id, 'requested', patch))) throw alreadyReviewed((await repo.findPayout(trx, payoutId))!)
    await settleLedger(trx, row, 'refused', nowIso)
    await insertMessages(trx, [ownerMessage(row, 'refused', clean, nowIso)])
    await audit(
      trx,
      {
        actorId: adminId,
        action: 'payout.refuse',
        targetKind: 'payout',
        targetId: row.id,
        before: auditView(row),
        after: auditView({ ...row, ...patch }),
      },
      nowIso,
    )
  })
  return toAdminPayout(ctx, (await repo.findPayout(ctx.db, payoutId))!, ctx.now().toISOString())
}
