import { Type } from 'typebox'
import { IdInput, Instant } from './kit'
import { Order, PaymentInstruction } from './orders'

/** several deals for tomorrow's pickup, checked out together and paid in one transaction. */

export const BasketItemInput = Type.Object(
  {
    dealId: IdInput,
    quantity: Type.Integer({ minimum: 1, maximum: 999 }),
    inviteCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
)

export const BasketCheckoutRequest = Type.Object(
  {
    pickupPointId: IdInput,
    items: Type.Array(BasketItemInput, { minItems: 1, maxItems: 10, description: 'distinct deals' }),
  },
  { additionalProperties: false },
)

export const BasketRemoved = Type.Object({
  dealId: Type.String(),
  code: Type.String({ description: 'why it could not be joined, e.g. SOLD_OUT, DEAL_CLOSED' }),
})

export const Basket = Type.Object({
  id: Type.String(),
  pickupPointId: Type.String(),
  orders: Type.Array(Order, { description: "each item's own order (its own join, tier, limit and guarantee)" }),
  removed: Type.Array(BasketRemoved, { description: 'items that could not be joined any more: not ordered' }),
  totalFen: Type.Integer({ description: 'what one payment takes: the sum of the orders still held or paid' }),
  paidFen: Type.Integer({ description: "the sum of the orders' paid amounts" }),
  createdAt: Instant(),
})

export const BasketResponse = Type.Object({ basket: Basket })
export const BasketPayResponse = Type.Object({ basket: Basket, payment: PaymentInstruction })
