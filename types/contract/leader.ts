import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { CollectedBy, DealStatus, OrderStatus } from './statuses'

const pointRef = Type.Object({ id: Type.String(), name: Type.String() })

/** One order as the leader sees it: the shopper's name masked. */
export const LeaderOrder = Type.Object({
  id: Type.String(),
  shopper: Type.String(),
  quantity: Type.Integer(),
  status: StringEnum(OrderStatus),
  pickupPoint: pointRef,
  unitPriceFen: Type.Integer(),
  finalUnitPriceFen: Nullable(Type.Integer()),
  paidFen: Type.Integer(),
  refundFen: Type.Integer(),
  invited: Type.Boolean(),
  createdAt: Instant(),
  paidAt: Nullable(Instant()),
  pickedUpAt: Nullable(Instant()),
})

export const LeaderOrdersResponse = Type.Object({ orders: Type.Array(LeaderOrder) })

export const ArrivalRequest = Type.Object({ pickupPointId: IdInput }, { additionalProperties: false })

export const ArrivalResult = Type.Object({
  dealId: Type.String(),
  pickupPointId: Type.String(),
  arrivedAt: Instant(),
  readyOrders: Type.Integer(),
})

export const PickingPoint = Type.Object({
  pickupPoint: Type.Object({ id: Type.String(), name: Type.String(), address: Type.String() }),
  products: Type.Array(
    Type.Object({
      dealId: Type.String(),
      title: Type.String(),
      name: Type.String(),
      spec: Type.String(),
      quantity: Type.Integer(),
      pickedUpQuantity: Type.Integer(),
    }),
    { description: 'totals per product' },
  ),
  shoppers: Type.Array(
    Type.Object({
      orderId: Type.String(),
      shopper: Type.String(),
      dealId: Type.String(),
      product: Type.String(),
      quantity: Type.Integer(),
      status: StringEnum(OrderStatus),
    }),
    { description: 'shoppers (masked) with what they take' },
  ),
})

/** `GET /leader/picking-list?date=`: what to hand out on that day, per pickup point. */
export const PickingList = Type.Object({ date: Type.String(), pickupPoints: Type.Array(PickingPoint) })

export const PickingListQuery = Type.Object({ date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a Shanghai date' }) })

/** A typed six-digit code or a scanned QR payload. */
export const PickupCodeRequest = Type.Object({ code: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })

/** The order a pickup code belongs to (picked up once verified). */
export const VerifiedPickup = Type.Object({
  id: Type.String(),
  dealId: Type.String(),
  dealTitle: Type.String(),
  product: Type.Object({ name: Type.String(), spec: Type.String() }),
  shopper: Type.String(),
  quantity: Type.Integer(),
  status: StringEnum(OrderStatus),
  pickupPoint: pointRef,
  finalUnitPriceFen: Type.Optional(Nullable(Type.Integer())),
  pickedUpAt: Nullable(Instant()),
  // whose code was shown (the owner's own, or a neighbour's delegated one)
  collectedBy: Type.Optional(Type.Unsafe<CollectedBy | null>({ type: ['string', 'null'], enum: [...Object.values(CollectedBy), null] })),
})

export const VerifiedPickupResponse = Type.Object({ order: VerifiedPickup })

export const EarningsDeal = Type.Object({
  dealId: Type.String(),
  title: Type.String(),
  dealStatus: StringEnum(DealStatus),
  pendingValueFen: Type.Integer({ description: 'final value of orders still to be handed out (confirmed, ready)' }),
  pendingFen: Type.Integer({ description: 'its commission' }),
  earnedValueFen: Type.Integer({ description: 'final value of picked-up orders' }),
  earnedFen: Type.Integer({ description: 'the commission earned on it' }),
})

/** Commission per calendar week (starting Monday) or month in Shanghai time. */
export const EarningsPeriod = Type.Object({
  period: Type.String({ description: 'week: its Monday, YYYY-MM-DD; month: YYYY-MM' }),
  earnedFen: Type.Integer(),
  pendingFen: Type.Integer(),
})

export const Earnings = Type.Object({
  commissionBps: Type.Integer(),
  deals: Type.Array(EarningsDeal),
  totals: Type.Object({ pendingFen: Type.Integer(), earnedFen: Type.Integer() }),
  weeks: Type.Array(EarningsPeriod),
  months: Type.Array(EarningsPeriod),
})

/** `POST /uploads` (multipart, one image, leaders only) -> where it is served. */
export const UploadResponse = Type.Object({ url: Type.String() })
/** An uploaded photo's bytes, as GET /uploads/:name serves them. */
export const UploadedImage = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'the photo' })
