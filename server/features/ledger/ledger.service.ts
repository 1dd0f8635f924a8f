import { LedgerAccountKind, type LedgerBalance, type LedgerEntry, type LedgerKind } from '../../../types/api'
import { assertFen, shanghaiDate } from '../../../src/domain'
import type { Database } from '../../db/database'
import { newId } from '../../http/ids'
import * as repo from './ledger.repository'

/**
 * The double-entry ledger (复式记账): every movement of money is a transaction of `amountFen > 0`
 * from one account to another, two entries summing to zero, posted once by its dedupe_key.
 * Append-only: nothing is updated or deleted; a balance is the sum of its entries.
 * Call `post` inside the same database transaction as the state change it records.
 */

/** The shared accounts; each leader's and each supplier's have their own ids. */
export const Accounts = {
  /** shoppers' money: payments leave it, refunds return to it */
  shoppers: 'shoppers',
  /** the platform's own account: takes payments, pays refunds, commissions and supplier payables */
  platform: 'platform',
  /** money that left through the payment provider (payouts sent) */
  provider: 'provider',
  /** withdrawals in flight */
  payouts: 'payouts',
} as const

export const leaderAccount = (userId: string): string => `${LedgerAccountKind.leader}:${userId}`
export const supplierAccount = (supplierId: string): string => `${LedgerAccountKind.supplier}:${supplierId}`

/** An account id's kind and owner: 'leader:u1' -> leader, u1; 'platform' -> platform, null. */
function accountKindOf(accountId: string): { kind: LedgerAccountKind; ownerId: string | null } {
  const colon = accountId.indexOf(':')
  if (colon < 0) {
    if (!(Object.values(Accounts) as string[]).includes(accountId)) throw new Error(`unknown ledger account: ${accountId}`)
    return { kind: accountId as LedgerAccountKind, ownerId: null }
  }
  const kind = accountId.slice(0, colon)
  if (kind !== LedgerAccountKind.leader && kind !== LedgerAccountKind.supplier) throw new Error(`unknown ledger account: ${accountId}`)
  return { kind, ownerId: accountId.slice(colon + 1) }
}

export interface Posting {
  kind: LedgerKind
  /** what makes it happen once: `payment:<paymentId>`, `refund:<refundId>`, `commission:<orderId>` ... */
  dedupeKey: string
  from: string
  to: string
  amountFen: number
  orderId?: string | null
  dealId?: string | null
  refundId?: string | null
  payoutId?: string | null
  memo?: string
  /** when the credit to `to` may be withdrawn (commission: pickup + the hold); absent: at once */
  availableAt?: string | null
  nowIso: string
}

/**
 * Posts one transaction: `from` gives amountFen, `to` gains it. Creates the accounts on first use.
 * Idempotent by dedupeKey: false (and nothing written) when already posted, or when amountFen <= 0.
 */
export async function post(trx: Database, p: Posting): Promise<boolean> {
  return (await postMany(trx, [p])) === 1
}

/**
 * Posts many transactions in a few multi-row statements (a deal of ten thousand refunds): the same
 * rows as one `post` each. Returns how many were new.
 */
export async function postMany(trx: Database, postings: readonly Posting[]): Promise<number> {
  const rows: { p: Posting; id: string }[] = []
  const seen = new Set<string>()
  for (const p of postings) {
    assertFen(p.amountFen)
    if (p.amountFen <= 0 || seen.has(p.dedupeKey)) continue
    if (p.from === p.to) throw new Error(`a ledger transaction moves money between two accounts, got ${p.from} twice`)
    seen.add(p.dedupeKey)
    rows.push({ p, id: newId() })
  }
  if (rows.length === 0) return 0
  const inserted = await repo.insertTransactionsOnce(
    trx,
    rows.map(({ p, id }) => ({
      id,
      kind: p.kind,
      dedupe_key: p.dedupeKey,
      amount_fen: p.amountFen,
      order_id: p.orderId ?? null,
      deal_id: p.dealId ?? null,
      refund_id: p.refundId ?? null,
      payout_id: p.payoutId ?? null,
      memo: p.memo ?? '',
      day: shanghaiDate(p.nowIso),
      created_at: p.nowIso,
    })),
  )
  const posted = rows.filter((r) => inserted.has(r.id))
  if (posted.length === 0) return 0
  const accounts = new Map<string, { id: string; kind: LedgerAccountKind; owner_id: string | null }>()
  for (const { p } of posted) {
    for (const a of [p.from, p.to]) {
      if (accounts.has(a)) continue
      const { kind, ownerId } = accountKindOf(a)
      accounts.set(a, { id: a, kind, owner_id: ownerId })
    }
  }
  await repo.ensureAccounts(trx, [...accounts.values()], posted[0].p.nowIso)
  await repo.insertEntries(
    trx,
    posted.flatMap(({ p, id }) => [
      { id: newId(), transaction_id: id, account_id: p.from, amount_fen: -p.amountFen, available_at: null, created_at: p.nowIso },
      { id: newId(), transaction_id: id, account_id: p.to, amount_fen: p.amountFen, available_at: p.availableAt ?? null, created_at: p.nowIso },
    ]),
  )
  return posted.length
}

/**
 * Locks the account until the transaction ends (PostgreSQL SELECT … FOR UPDATE; SQLite's write
 * transactions are already serial), creating it first if it is not there. Call it before reading a
 * balance you are about to spend, so two withdrawals cannot both spend it.
 */
export async function lockAccount(trx: Database, accountId: string, nowIso: string = new Date().toISOString()): Promise<void> {
  const { kind, ownerId } = accountKindOf(accountId)
  await repo.ensureAccount(trx, accountId, kind, ownerId, nowIso)
  await repo.lockAccountRow(trx, accountId)
}

/** The account's balance (sum of its entries), of which pending (credits still held at nowIso), and withdrawable. */
export async function balanceOf(db: Database, accountId: string, nowIso: string): Promise<LedgerBalance> {
  const { balance, pending } = await repo.accountSums(db, accountId, nowIso)
  return { balanceFen: balance, pendingFen: pending, withdrawableFen: balance - pending }
}

/** The account's entries, newest first; `before` is the id of the last entry already shown. */
export async function entriesOf(db: Database, accountId: string, options: { limit: number; before?: string }): Promise<LedgerEntry[]> {
  const limit = Math.max(1, Math.min(500, Math.floor(options.limit)))
  const rows = await repo.accountEntries(db, accountId, limit, options.before)
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    amountFen: Number(r.amount_fen),
    memo: r.memo,
    dealId: r.deal_id,
    dealTitle: r.deal_title,
    orderId: r.order_id,
    payoutId: r.payout_id,
    createdAt: r.created_at,
    availableAt: r.available_at,
  }))
}
