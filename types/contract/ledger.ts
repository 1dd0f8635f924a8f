import { Type } from 'typebox'
import { Instant, Nullable, StringEnum } from './kit'
import { LedgerKind } from './statuses'

/** One entry of the ledger on one account, with what it was for (the wallet's lines are these). */
export const LedgerEntry = Type.Object({
  id: Type.String(),
  kind: StringEnum(LedgerKind),
  amountFen: Type.Integer({ description: 'signed: + into the account, - out of it' }),
  memo: Type.String(),
  dealId: Nullable(Type.String()),
  dealTitle: Nullable(Type.String()),
  orderId: Nullable(Type.String()),
  payoutId: Nullable(Type.String()),
  createdAt: Instant(),
  availableAt: Nullable(Instant({ description: 'a credit withdrawable from then; null: at once' })),
})

/** An account's balance: the sum of its entries, of which credits still held are pending. */
export const LedgerBalance = Type.Object({
  balanceFen: Type.Integer(),
  pendingFen: Type.Integer({ description: 'credits whose available_at is still ahead' }),
  withdrawableFen: Type.Integer({ description: 'balance − pending (negative after a reversal of released credit)' }),
})
