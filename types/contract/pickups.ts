import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { CollectedBy, DelegationStatus, OrderStatus } from './statuses'

/**
 * no-shows (unclaimed orders), proxy pickup (代取) and pickup staff (核销员).
 * The verification routes themselves (`/leader/pickups/verify|lookup`) keep their shapes in ./leader.
 */

const pointRef = Type.Object({ id: Type.String(), name: Type.String() })

// no-shows ------------------------------------------------------------------------------------

/** An order never collected by the end of the grace period, as its point's leader sees it. */
export const UnclaimedOrder = Type.Object({
  id: Type.String(),
  dealId: Type.String(),
  dealTitle: Type.String(),
  product: Type.Object({ name: Type.String(), spec: Type.String() }),
  shopper: Type.String({ description: 'masked nickname' }),
  quantity: Type.Integer(),
  pickupPoint: pointRef,
  pickupEnd: Instant(),
  unclaimedAt: Nullable(Instant()),
  refundableFen: Type.Integer({ description: 'what a no-show refund gives back: paid less what was already refunded' }),
})
export const UnclaimedOrdersResponse = Type.Object({ orders: Type.Array(UnclaimedOrder) })

export const LatePickupRequest = Type.Object({ note: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })

/** What became of an unclaimed order the leader acted on. */
export const UnclaimedActionResponse = Type.Object({
  order: Type.Object({
    id: Type.String(),
    status: StringEnum(OrderStatus),
    pickedUpAt: Nullable(Instant()),
    latePickupNote: Nullable(Type.String()),
    refundFen: Type.Integer({ description: 'refunded on this order in all' }),
  }),
})

// proxy pickup (代取) ----------------------------------------------------------------------------

/** The owner's view of her order's proxy pickup: the link to share, and who took it. */
export const OwnerDelegation = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  status: StringEnum(DelegationStatus),
  token: Type.String({ description: "the share link's secret" }),
  path: Type.String({ description: 'the page a neighbour opens: shopper/pages/proxy/index?token=' }),
  delegate: Nullable(Type.String(), { description: "the neighbour's masked nickname, once accepted" }),
  createdAt: Instant(),
  acceptedAt: Nullable(Instant()),
})
export const OwnerDelegationResponse = Type.Object({ delegation: Nullable(OwnerDelegation) })

/**
 * A proxy pickup as the person who opened its link sees it: the goods, the point and the owner
 * (masked); to its delegate alone, the delegated code and QR. Never the owner's own code.
 */
export const DelegationView = Type.Object({
  status: StringEnum(DelegationStatus),
  mine: Type.Boolean({ description: 'the viewer is the delegate' }),
  owner: Type.String({ description: "the order owner's masked nickname" }),
  dealTitle: Type.String(),
  product: Type.Object({ name: Type.String(), spec: Type.String() }),
  quantity: Type.Integer(),
  orderStatus: StringEnum(OrderStatus),
  pickupPoint: Type.Object({ id: Type.String(), name: Type.String(), address: Type.String(), hours: Type.String() }),
  pickupStart: Instant(),
  pickupEnd: Instant(),
  pickupCode: Type.Optional(Type.String({ description: 'the delegated code (the delegate only, until pickup)' })),
  pickupQr: Type.Optional(Type.String({ description: 'its signed QR payload' })),
  pickedUpAt: Nullable(Instant()),
  collectedBy: Type.Unsafe<CollectedBy | null>({ type: ['string', 'null'], enum: [...Object.values(CollectedBy), null] }),
})
export const DelegationViewResponse = Type.Object({ delegation: DelegationView })

export const DelegationTokenParams = Type.Object({ token: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) })

// pickup staff (核销员) --------------------------------------------------------------------------

export const StaffInviteResponse = Type.Object({
  code: Type.String(),
  path: Type.String({ description: 'the page the invitee opens: leader/pages/staff/index?invite=' }),
  pickupPoint: pointRef,
  expiresAt: Instant(),
})

export const StaffInviteParams = Type.Object({ code: Type.String({ minLength: 6, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }) })

/** An invite as its invitee sees it before accepting. */
export const StaffInviteView = Type.Object({
  pickupPoint: Type.Object({ id: Type.String(), name: Type.String(), address: Type.String() }),
  leader: Type.String({ description: "the leader's nickname" }),
  expiresAt: Instant(),
})
export const StaffInviteViewResponse = Type.Object({ invite: StaffInviteView })

export const StaffMember = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  nickname: Type.String(),
  pickupPoint: pointRef,
  createdAt: Instant(),
})
export const StaffListResponse = Type.Object({ staff: Type.Array(StaffMember) })

/** The points a person verifies at (a leader's own, and those she is staff at). */
export const MyCountersResponse = Type.Object({
  points: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), role: Type.Unsafe<'leader' | 'staff'>({ type: 'string', enum: ['leader', 'staff'] }) }),
  ),
})

export const StaffPointResponse = Type.Object({ pickupPoint: pointRef })

export const StaffArrivalRequest = Type.Object({ dealId: IdInput, pickupPointId: IdInput }, { additionalProperties: false })

/** Succeeded deals with orders still waiting for their goods at a point the viewer is staff at. */
export const StaffArrivalsResponse = Type.Object({
  arrivals: Type.Array(Type.Object({ dealId: Type.String(), dealTitle: Type.String(), pickupPoint: pointRef, waitingOrders: Type.Integer() })),
})
