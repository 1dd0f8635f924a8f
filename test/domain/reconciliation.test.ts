import fc from 'fast-check'
import { LedgerKind } from '../../types/contract/statuses'
import {
  ReconciliationCode,
  ReconciliationSubject,
  buildStatement,
  compareRecords,
  daysBefore,
  isCalendarDay,
  providerDifferences,
  type LedgerTxn,
  type PaymentRecord,
  type PayoutRecord,
  type RefundRecord,
} from '../../src/domain/reconciliation'

// the ledger's moves (round18-spec: the ledger): kind -> from, to
const MOVES: Record<string, (owner: string) => [string, string]> = {
  [LedgerKind.payment]: () => ['shoppers', 'platform'],
  [LedgerKind.refund]: () => ['platform', 'shoppers'],
  [LedgerKind.commission]: (o) => ['platform', `leader:${o}`],
  [LedgerKind.commissionReversal]: (o) => [`leader:${o}`, 'platform'],
  [LedgerKind.supplierPayable]: (o) => ['platform', `supplier:${o}`],
  [LedgerKind.payoutRequested]: (o) => [`leader:${o}`, 'payouts'],
  [LedgerKind.payoutSent]: () => ['payouts', 'provider'],
  [LedgerKind.payoutReturned]: (o) => ['payouts', `supplier:${o}`],
}

let ids = 0
function txn(kind: string, amountFen: number, recordId = `r${++ids}`, owner = 'u1'): LedgerTxn {
  const [from, to] = MOVES[kind](owner)
  return {
    id: `t${++ids}`,
    kind,
    dedupeKey: `${kind}:${recordId}`,
    amountFen,
    orderId: `o-${recordId}`,
    refundId: kind === LedgerKind.refund ? recordId : null,
    payoutId: kind.startsWith('payout') ? recordId : null,
    entries: [
      { accountId: from, amountFen: -amountFen },
      { accountId: to, amountFen },
    ],
  }
}

const arbitraryTxn = fc
  .tuple(fc.constantFrom(...Object.keys(MOVES)), fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('a', 'b', 'c'))
  .map(([kind, amount, owner]) => txn(kind, amount, undefined, owner))

describe('the day statement', () => {
  it('adds the lines up: ¥100 paid, ¥20 refunded, ¥8 commission (¥1 reversed), ¥50 to the supplier, ¥6 paid out', () => {
    const s = buildStatement('2026-12-02', [
      txn(LedgerKind.payment, 10_000),
      txn(LedgerKind.refund, 2_000),
      txn(LedgerKind.commission, 800),
      txn(LedgerKind.commissionReversal, 100),
      txn(LedgerKind.supplierPayable, 5_000),
      txn(LedgerKind.payoutRequested, 600),
      txn(LedgerKind.payoutSent, 600),
    ])
    expect(s).toEqual({
      day: '2026-12-02',
      paymentsInFen: 10_000,
      refundsOutFen: 2_000,
      commissionsFen: 700,
      supplierPayablesFen: 5_000,
      payoutsFen: 600,
      platformMarginFen: 2_300,
      transactionCount: 7,
      balanced: true,
    })
  })

  it('an empty day balances at zero', () => {
    expect(buildStatement('2026-12-02', [])).toMatchObject({ paymentsInFen: 0, platformMarginFen: 0, balanced: true, transactionCount: 0 })
  })

  it('always balances when every transaction is a pair of entries, and the margin is payments − refunds − commissions − payables', () => {
    fc.assert(
      fc.property(fc.array(arbitraryTxn, { maxLength: 60 }), (txns) => {
        const s = buildStatement('2026-12-02', txns)
        expect(s.balanced).toBe(true)
        expect(s.platformMarginFen).toBe(s.paymentsInFen - s.refundsOutFen - s.commissionsFen - s.supplierPayablesFen)
        expect(s.transactionCount).toBe(txns.length)
      }),
      { numRuns: 300 },
    )
  })

  it('does not balance once any entry is off by a fen, or a payment lands in the wrong account', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryTxn, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.integer({ min: -500, max: 500 }).filter((d) => d !== 0),
        (txns, pick, delta) => {
          const i = pick % txns.length
          const tampered = txns.map((t, k) =>
            k === i ? { ...t, entries: [t.entries[0], { ...t.entries[1], amountFen: t.entries[1].amountFen + delta }] } : t,
          )
          expect(buildStatement('2026-12-02', tampered).balanced).toBe(false)
        },
      ),
      { numRuns: 300 },
    )
    const misrouted = txn(LedgerKind.payment, 1_000)
    const intoLeader = { ...misrouted, entries: [misrouted.entries[0], { accountId: 'leader:u1', amountFen: 1_000 }] }
    expect(buildStatement('2026-12-02', [intoLeader]).balanced).toBe(false)
  })
})

/** A clean day: every succeeded payment, refund and succeeded payout with its transaction. */
interface World {
  payments: PaymentRecord[]
  refunds: RefundRecord[]
  payouts: PayoutRecord[]
  ledger: LedgerTxn[]
}

const arbitraryWorld: fc.Arbitrary<World> = fc
  .record({
    payments: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
    refunds: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 }),
    payouts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 4 }),
    // rows that must have no transaction: payments not succeeded, payouts not paid
    closedPayments: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 3 }),
    failedPayouts: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 3 }),
  })
  .map((w) => {
    const world: World = { payments: [], refunds: [], payouts: [], ledger: [] }
    w.payments.forEach((a, i) => {
      world.payments.push({ id: `pay${i}`, orderId: `o${i}`, amountFen: a, status: 'succeeded' })
      world.ledger.push(txn(LedgerKind.payment, a, `pay${i}`))
    })
    w.closedPayments.forEach((a, i) => world.payments.push({ id: `closed${i}`, orderId: `oc${i}`, amountFen: a, status: 'closed' }))
    w.refunds.forEach((a, i) => {
      world.refunds.push({ id: `ref${i}`, orderId: `o${i}`, amountFen: a, status: i % 2 ? 'succeeded' : 'pending' })
      world.ledger.push(txn(LedgerKind.refund, a, `ref${i}`))
    })
    w.payouts.forEach((a, i) => {
      world.payouts.push({ id: `po${i}`, amountFen: a, status: 'succeeded' })
      world.ledger.push(txn(LedgerKind.payoutRequested, a, `po${i}`), txn(LedgerKind.payoutSent, a, `po${i}`))
    })
    w.failedPayouts.forEach((a, i) => {
      world.payouts.push({ id: `pf${i}`, amountFen: a, status: 'failed' })
      world.ledger.push(txn(LedgerKind.payoutRequested, a, `pf${i}`), txn(LedgerKind.payoutReturned, a, `pf${i}`))
    })
    return world
  })

type Injection = { code: ReconciliationCode; ref: string; apply: (w: World) => void }

/** Every way to break the day, one per (code, record); each touches one record only. */
function injections(w: World): Injection[] {
  const out: Injection[] = []
  const ledgerOf = (kind: string, id: string, x: World = w) => x.ledger.findIndex((t) => t.kind === kind && t.dedupeKey === `${kind}:${id}`)
  const drop = (kind: string, id: string) => (x: World) => void x.ledger.splice(ledgerOf(kind, id, x), 1)
  const bump = (kind: string, id: string) => (x: World) => {
    const i = ledgerOf(kind, id, x)
    x.ledger[i] = txn(kind, x.ledger[i].amountFen + 1, id)
  }
  for (const p of w.payments.filter((q) => q.status === 'succeeded')) {
    out.push({ code: ReconciliationCode.paymentWithoutLedger, ref: p.id, apply: drop(LedgerKind.payment, p.id) })
    out.push({ code: ReconciliationCode.paymentAmountMismatch, ref: p.id, apply: bump(LedgerKind.payment, p.id) })
    out.push({
      code: ReconciliationCode.ledgerWithoutPayment,
      ref: p.id,
      apply: (x) =>
        void x.payments.splice(
          x.payments.findIndex((q) => q.id === p.id),
          1,
        ),
    })
    out.push({
      code: ReconciliationCode.unbalancedTransaction,
      ref: w.ledger[ledgerOf(LedgerKind.payment, p.id)].id,
      apply: (x) => {
        const i = ledgerOf(LedgerKind.payment, p.id, x)
        x.ledger[i] = { ...x.ledger[i], entries: [x.ledger[i].entries[0]] }
      },
    })
  }
  for (const p of w.payments.filter((q) => q.status === 'closed')) {
    out.push({
      code: ReconciliationCode.ledgerWithoutPayment,
      ref: p.id,
      apply: (x) => void x.ledger.push(txn(LedgerKind.payment, p.amountFen, p.id)),
    })
  }
  for (const r of w.refunds) {
    out.push({ code: ReconciliationCode.refundWithoutLedger, ref: r.id, apply: drop(LedgerKind.refund, r.id) })
    out.push({ code: ReconciliationCode.refundAmountMismatch, ref: r.id, apply: bump(LedgerKind.refund, r.id) })
    out.push({
      code: ReconciliationCode.ledgerWithoutRefund,
      ref: r.id,
      apply: (x) =>
        void x.refunds.splice(
          x.refunds.findIndex((q) => q.id === r.id),
          1,
        ),
    })
  }
  for (const p of w.payouts.filter((q) => q.status === 'succeeded')) {
    out.push({ code: ReconciliationCode.payoutWithoutLedger, ref: p.id, apply: drop(LedgerKind.payoutSent, p.id) })
    out.push({ code: ReconciliationCode.payoutAmountMismatch, ref: p.id, apply: bump(LedgerKind.payoutSent, p.id) })
  }
  for (const p of w.payouts.filter((q) => q.status === 'failed')) {
    out.push({
      code: ReconciliationCode.ledgerWithoutPayout,
      ref: p.id,
      apply: (x) => void x.ledger.push(txn(LedgerKind.payoutSent, p.amountFen, p.id)),
    })
  }
  return out
}

const clone = (w: World): World => ({ payments: [...w.payments], refunds: [...w.refunds], payouts: [...w.payouts], ledger: [...w.ledger] })

describe('comparing the ledger with the records', () => {
  it('a clean day has no differences', () => {
    fc.assert(
      fc.property(arbitraryWorld, (w) => {
        expect(compareRecords(w)).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('finds a difference for every injected mismatch, and nothing else', () => {
    fc.assert(
      fc.property(
        arbitraryWorld.chain((w) => {
          // at most one injection per record, so one does not undo another
          const byRecord = new Map<string, Injection[]>()
          for (const inj of injections(w)) {
            const record = inj.code === ReconciliationCode.unbalancedTransaction ? `unbalanced` : inj.ref
            byRecord.set(record, [...(byRecord.get(record) ?? []), inj])
          }
          const choices = [...byRecord.values()]
          return fc.tuple(
            fc.constant(w),
            fc
              .subarray(
                choices.map((_, i) => i),
                { minLength: 1 },
              )
              .chain((picked) => fc.tuple(...picked.map((i) => fc.constantFrom(...choices[i])))),
          )
        }),
        ([w, picked]) => {
          // an unbalanced payment transaction and another change to the same payment would overlap
          const refs = new Set(picked.filter((p) => p.code !== ReconciliationCode.unbalancedTransaction).map((p) => p.ref))
          const unbalancedOf = picked.find((p) => p.code === ReconciliationCode.unbalancedTransaction)
          const chosen =
            unbalancedOf && [...refs].some((r) => w.ledger.some((t) => t.id === unbalancedOf.ref && t.dedupeKey.endsWith(`:${r}`)))
              ? picked.filter((p) => p !== unbalancedOf)
              : picked
          const broken = clone(w)
          for (const inj of chosen) inj.apply(broken)
          const found = compareRecords(broken).map((d) => `${d.code} ${d.ref}`)
          expect(found.sort()).toEqual(chosen.map((c) => `${c.code} ${c.ref}`).sort())
        },
      ),
      { numRuns: 300 },
    )
  })

  it('a payment at 23:59:59 posted after midnight matches its transaction on the next day; only the day’s own transactions must balance', () => {
    const late = txn(LedgerKind.payment, 1280, 'p1')
    const otherDay = { ...txn(LedgerKind.payment, 500, 'p2'), entries: [] }
    const payments = [{ id: 'p1', orderId: 'o1', amountFen: 1280, status: 'succeeded' }]
    expect(compareRecords({ ledger: [], counterparts: [late, otherDay], payments, refunds: [], payouts: [] })).toEqual([
      expect.objectContaining({ code: ReconciliationCode.ledgerWithoutPayment, ref: 'p2' }),
    ])
    expect(compareRecords({ ledger: [], counterparts: [late], payments, refunds: [], payouts: [] })).toEqual([])
  })

  it('a payment without its transaction says what the row holds', () => {
    const [d] = compareRecords({
      ledger: [],
      payments: [{ id: 'p1', orderId: 'o1', amountFen: 1280, status: 'succeeded' }],
      refunds: [],
      payouts: [],
    })
    expect(d).toEqual({
      kind: ReconciliationSubject.payment,
      code: ReconciliationCode.paymentWithoutLedger,
      ref: 'p1',
      orderId: 'o1',
      ledgerFen: null,
      recordFen: 1280,
      providerFen: null,
      note: 'succeeded',
    })
  })

  it('a tampered payment amount shows both amounts', () => {
    const [d] = compareRecords({
      ledger: [txn(LedgerKind.payment, 1300, 'p1')],
      payments: [{ id: 'p1', orderId: 'o1', amountFen: 1280, status: 'succeeded' }],
      refunds: [],
      payouts: [],
    })
    expect(d).toMatchObject({ code: 'PAYMENT_AMOUNT_MISMATCH', ref: 'p1', ledgerFen: 1300, recordFen: 1280 })
  })
})

describe("the payment provider's states", () => {
  const payment = (status: string, state: string | null, extra: Partial<{ totalFen: number | null; hasRefunds: boolean }> = {}) => ({
    paymentId: 'p1',
    orderId: 'o1',
    status,
    expectedTotalFen: 1280,
    hasRefunds: false,
    state,
    totalFen: 1280,
    ...extra,
  })
  const refund = (status: string, state: string | null, refundFen: number | null = 500) => ({
    refundId: 'r1',
    orderId: 'o1',
    status,
    amountFen: 500,
    state,
    refundFen,
  })
  const codes = (ds: ReturnType<typeof providerDifferences>) => ds.map((d) => `${d.kind} ${d.note}`)

  it('a payment we hold succeeded agrees with SUCCESS, and with REFUND once we refunded some of it', () => {
    expect(providerDifferences([payment('succeeded', 'SUCCESS'), payment('succeeded', 'REFUND', { hasRefunds: true })], [])).toEqual([])
  })

  it('a payment we hold succeeded that WeChat says is closed, unpaid, unknown or refunded without us is a mismatch', () => {
    for (const state of ['CLOSED', 'NOTPAY', 'NOT_FOUND', 'REFUND']) {
      const [d] = providerDifferences([payment('succeeded', state)], [])
      expect(d).toMatchObject({ kind: 'payment', code: 'PROVIDER_STATE_MISMATCH', ref: 'p1', note: state, recordFen: 1280 })
    }
  })

  it('WeChat took another amount than ours', () => {
    expect(providerDifferences([payment('succeeded', 'SUCCESS', { totalFen: 1 })], [])).toMatchObject([{ providerFen: 1, recordFen: 1280 }])
  })

  it('a payment we closed that WeChat says was paid is a mismatch; closed there too is not', () => {
    expect(codes(providerDifferences([payment('closed', 'SUCCESS')], []))).toEqual(['payment SUCCESS'])
    expect(providerDifferences([payment('closed', 'CLOSED'), payment('closed', 'NOT_FOUND')], [])).toEqual([])
  })

  it('no answer (WeChat unreachable) is listed as such, never as agreeing', () => {
    const ds = providerDifferences([{ ...payment('succeeded', null), error: 'NETWORK' }], [refund('succeeded', null)])
    expect(ds.map((d) => `${d.kind} ${d.code} ${d.note}`)).toEqual(['payment PROVIDER_UNREACHABLE NETWORK', 'refund PROVIDER_UNREACHABLE '])
  })

  it('refunds: ours and WeChat’s state must agree, and the amount', () => {
    expect(providerDifferences([], [refund('succeeded', 'SUCCESS'), refund('processing', 'SUCCESS'), refund('pending', 'NOT_FOUND')])).toEqual([])
    expect(codes(providerDifferences([], [refund('succeeded', 'ABNORMAL')]))).toEqual(['refund ABNORMAL'])
    expect(codes(providerDifferences([], [refund('succeeded', 'NOT_FOUND')]))).toEqual(['refund NOT_FOUND'])
    expect(providerDifferences([], [refund('succeeded', 'SUCCESS', 499)])).toMatchObject([{ providerFen: 499, recordFen: 500 }])
  })
})

describe('days', () => {
  it('only real calendar days', () => {
    expect(isCalendarDay('2026-12-02')).toBe(true)
    expect(isCalendarDay('2028-02-29')).toBe(true)
    for (const bad of ['2026-02-29', '2026-13-01', '2026-12-32', '2026-1-02', 'yesterday', '', '2026-12-02T00:00'])
      expect(isCalendarDay(bad)).toBe(false)
  })

  it('counts back across months and years', () => {
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28')
    expect(daysBefore('2027-01-01', 1)).toBe('2026-12-31')
    expect(daysBefore('2026-12-02', 0)).toBe('2026-12-02')
  })
})
