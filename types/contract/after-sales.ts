import { Type } from 'typebox'
import { Instant, Nullable, StringEnum } from './kit'
import { AfterSalesDecision, AfterSalesReason, AfterSalesStatus, AfterSalesStep } from './statuses'

/**
 * a shopper asks for part or all of a picked-up order back; the
 * point's leader approves in full or in part, or refuses; one escalation to the operator.
 */

/** `POST /orders/:id/after-sales`: the photos are this server's upload paths (POST /uploads), at most 6. */
export const CreateAfterSalesRequest = Type.Object(
  {
    quantity: Type.Integer({ minimum: 0, maximum: 100000, description: 'units affected (1 to what was bought)' }),
    reason: StringEnum(AfterSalesReason),
    note: Type.String({ maxLength: 500, default: '' }),
    photos: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 20, default: [], description: 'paths from POST /uploads (at most 6)' }),
  },
  { additionalProperties: false },
)

/** `POST /after-sales/:id/escalate`: the shopper disagrees with the refusal (once per order). */
export const EscalateAfterSalesRequest = Type.Object({ note: Type.String({ maxLength: 500, default: '' }) }, { additionalProperties: false })

/** `POST /leader/after-sales/:id/approve`: without an amount, in full; with one, that part (at most what is left). */
export const ApproveAfterSalesRequest = Type.Object(
  { amountFen: Type.Optional(Type.Integer({ description: 'a part: 1 fen to what is left to refund on the order' })) },
  { additionalProperties: false },
)

/** `POST /leader/after-sales/:id/refuse`. */
export const RefuseAfterSalesRequest = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })

/** `POST /admin/after-sales/:id/decide`: refund (an amount, or in full without one) or uphold the refusal. Final. */
export const DecideAfterSalesRequest = Type.Object(
  {
    decision: StringEnum(AfterSalesDecision),
    amountFen: Type.Optional(Type.Integer({ description: 'refund: 1 fen to what is left; absent: in full' })),
    note: Type.String({ maxLength: 500, default: '' }),
  },
  { additionalProperties: false },
)

export const AfterSalesTimelineStep = Type.Object({
  kind: StringEnum(AfterSalesStep),
  at: Instant(),
  by: StringEnum({ shopper: 'shopper', leader: 'leader', admin: 'admin', system: 'system' }),
  status: StringEnum(AfterSalesStatus, { description: "the request's status after this step" }),
  amountFen: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
})

/** One request, as the shopper, the point's leader and the operator see it. */
export const AfterSalesView = Type.Object({
  id: Type.String(),
  orderId: Type.String(),
  status: StringEnum(AfterSalesStatus),
  quantity: Type.Integer(),
  reason: StringEnum(AfterSalesReason),
  note: Type.String(),
  photos: Type.Array(Type.String()),
  askedFen: Type.Integer({ description: "the affected units' share of the order's final value, capped by what was left" }),
  approvedFen: Nullable(Type.Integer(), { description: 'what the approval or the decision refunds' }),
  leaderReason: Nullable(Type.String(), { description: "the leader's reason for a refusal" }),
  escalationNote: Nullable(Type.String()),
  decision: Type.Unsafe<AfterSalesDecision | null>({ type: ['string', 'null'], enum: [...Object.values(AfterSalesDecision), null] }),
  decisionNote: Nullable(Type.String()),
  canEscalate: Type.Boolean({ description: 'the shopper may still escalate this refusal' }),
  createdAt: Instant(),
  answeredAt: Nullable(Instant()),
  escalatedAt: Nullable(Instant()),
  decidedAt: Nullable(Instant()),
  order: Type.Object({
    dealTitle: Type.String(),
    productName: Type.String(),
    productSpec: Type.String(),
    quantity: Type.Integer({ description: 'units bought' }),
    paidFen: Type.Integer(),
    refundFen: Type.Integer({ description: 'refunded on the order so far, of every kind' }),
    refundableFen: Type.Integer({ description: 'what is left to refund on the order' }),
    pointName: Type.String(),
    shopper: Type.String({ description: 'masked nickname' }),
    pickedUpAt: Nullable(Instant()),
  }),
  timeline: Type.Array(AfterSalesTimelineStep),
})

export const AfterSalesResponse = Type.Object({ request: AfterSalesView })
export const AfterSalesListResponse = Type.Object({ requests: Type.Array(AfterSalesView) })

/** `GET /orders/:id/after-sales`: the order's requests (newest first) and whether a new one may be made. */
export const OrderAfterSalesResponse = Type.Object({
  requests: Type.Array(AfterSalesView),
  canRequest: Type.Boolean(),
  /** why not, as the refusal code a request would get (null when one may be made) */
  refusal: Nullable(Type.String()),
  windowEndsAt: Nullable(Instant({ description: 'the last moment to ask (pickup + the window)' })),
  refundableFen: Type.Integer(),
  maxPhotos: Type.Integer(),
})
