import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { CollectedBy, DealStatus, OrderStatus, PaymentProvider, RefundReason } from './statuses'
import { TimelineEntry } from './order-timeline'

export const Refund = Type.Object({
  id: Type.String(),
  amountFen: Type.Integer(),
  reason: StringEnum(RefundReason),
  createdAt: Instant(),
})

export const Order = Type.Object({
  id: Type.String(),
  dealId: Type.String(),
  dealTitle: Type.String(),
  dealStatus: StringEnum(DealStatus),
  userId: Type.String(),
  status: StringEnum(OrderStatus),
  quantity: Type.Integer(),
  shortUnits: Type.Optional(Type.Integer({ description: 'units that never reached the point (a shortage on receipt), refunded: not handed out' })),
  unitPriceFen: Type.Integer({ description: 'the unit price paid at joining' }),
  finalUnitPriceFen: Nullable(Type.Integer(), { description: 'set at settlement: min(paid, final tier price)' }),
  paidFen: Type.Integer(),
  refundFen: Type.Integer(),
  pickupPointId: Type.String(),
  pickupCode: Type.Optional(Type.String()),
  pickupQr: Type.Optional(Type.String({ description: 'signed payload for the pickup QR code (owner only, once paid)' })),
  inviterId: Nullable(Type.String()),
  createdAt: Instant(),
  paidAt: Nullable(Instant()),
  holdExpiresAt: Nullable(Instant(), { description: 'an unpaid order holds its place until then' }),
  refunds: Type.Array(Refund),
  // when and by whom it was collected (the owner's code, or a neighbour's delegated one), and a late hand-out's note
  pickedUpAt: Type.Optional(Nullable(Instant())),
  collectedBy: Type.Optional(Type.Unsafe<CollectedBy | null>({ type: ['string', 'null'], enum: [...Object.values(CollectedBy), null] })),
  latePickupNote: Type.Optional(Nullable(Type.String())),
  // only on GET /orders/:id (the owner's own order)
  timeline: Type.Optional(Type.Array(TimelineEntry, { description: 'every step with its time, oldest first' })),
  againDealId: Type.Optional(
    Nullable(Type.String(), { description: "a finished order: the same product's deal open now (same leader, same product name), else null" }),
  ),
})

export const PaymentInstruction = Type.Object({
  provider: StringEnum(PaymentProvider),
  amountFen: Type.Integer(),
  params: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'WeChat Pay: the parameters Taro.requestPayment needs' })),
})

export const CreateOrderRequest = Type.Object(
  {
    quantity: Type.Integer({ minimum: 1, maximum: 999 }),
    pickupPointId: IdInput,
    inviteCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  },
  { additionalProperties: false },
)

export const CreateOrderResponse = Type.Object({ order: Order, payment: PaymentInstruction })
export const OrderResponse = Type.Object({ order: Order })
export const OrderListResponse = Type.Object({ orders: Type.Array(Order) })

export const InviteResponse = Type.Object({ code: Type.String(), path: Type.String({ description: 'the share path into the app' }) })

export const MyInvitesResponse = Type.Object({
  invites: Type.Array(
    Type.Object({
      dealId: Type.String(),
      dealTitle: Type.String(),
      code: Type.String(),
      friends: Type.Integer({ description: 'friends who joined through it' }),
    }),
  ),
})
