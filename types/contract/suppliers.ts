import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { DealDetail, DealSummary, dealInputProperties } from './deals'
import { SUPPLIER_COMMISSION_MAX_BPS, SupplierStatus } from './statuses'

/** Longest texts a supplier's application or profile may have (characters). */
export const SUPPLIER_LIMITS = { name: 30, contactName: 20, depotAddress: 100, reason: 200 } as const

const supplierFields = {
  name: Type.String({ minLength: 1, maxLength: SUPPLIER_LIMITS.name, description: '供货商名称, e.g. 山前果蔬合作社' }),
  contactName: Type.String({ minLength: 1, maxLength: SUPPLIER_LIMITS.contactName }),
  phone: Type.String({ minLength: 11, maxLength: 11 }),
  depotAddress: Type.String({ minLength: 1, maxLength: SUPPLIER_LIMITS.depotAddress, description: 'where deliveries start' }),
  depotLat: Type.Number({ minimum: -90, maximum: 90 }),
  depotLng: Type.Number({ minimum: -180, maximum: 180 }),
}

/** `POST /supplier-applications`: become a supplier (one per person; again after a rejection). */
export const SupplierApplicationInput = Type.Object(supplierFields, { additionalProperties: false })

/** `PATCH /supplier/profile`: any of the same fields. */
export const SupplierProfilePatch = Type.Partial(Type.Object(supplierFields), { additionalProperties: false, minProperties: 1 })

/** A supplier (供货商), as its owner and the operator see it. */
export const Supplier = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  nickname: Type.String({ description: "the applicant's WeChat nickname" }),
  name: Type.String(),
  contactName: Type.String(),
  phone: Type.String(),
  depotAddress: Type.String(),
  depotLat: Type.Number(),
  depotLng: Type.Number(),
  status: StringEnum(SupplierStatus),
  /** a suspended supplier (or a suspended user) cannot publish deals */
  suspended: Type.Boolean({ description: 'suspended by the operator (status suspended, or the user is)' }),
  rejectReason: Nullable(Type.String()),
  createdAt: Instant(),
  reviewedAt: Nullable(Instant()),
})

/** `GET /me/supplier`, and the answer to apply / profile / approve / reject. */
export const SupplierResponse = Type.Object({ supplier: Supplier })
export const MySupplierResponse = Type.Object({ supplier: Nullable(Supplier) })

/** `GET /admin/suppliers?status=` (newest first). */
export const SupplierListQuery = Type.Object({ status: Type.Optional(StringEnum(SupplierStatus)) }, { additionalProperties: false })
export const SupplierListResponse = Type.Object({ suppliers: Type.Array(Supplier) })

/** `POST /admin/suppliers/:id/reject`. */
export const RejectSupplierRequest = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: SUPPLIER_LIMITS.reason, description: 'the applicant will read it' }) },
  { additionalProperties: false },
)

// -- supplier deals ------------------------------------------------------------------------------

// every part of a leader's deal but its pickup points (leaders opt theirs in)
const supplierDealBase = Object.fromEntries(Object.entries(dealInputProperties).filter(([key]) => key !== 'pickupPointIds')) as Omit<
  typeof dealInputProperties,
  'pickupPointIds'
>

const supplierDealExtra = {
  commissionBps: Type.Integer({
    minimum: 0,
    maximum: SUPPLIER_COMMISSION_MAX_BPS,
    description: 'commission offered to each help-selling leader on the orders at her points (basis points, 0-3000)',
  }),
  deliveryDate: Type.String({
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    description: 'the Shanghai day the supplier delivers (YYYY-MM-DD): on or after the cutoff’s Shanghai day',
  }),
}

/**
 * `POST /supplier/deals`: the leader's DealInput without pickup points (leaders opt their points in),
 * plus the commission offered and the delivery day.
 */
export const SupplierDealInput = Type.Object({ ...supplierDealBase, ...supplierDealExtra }, { additionalProperties: false })

/** `PATCH /supplier/deals/:id`: an edit of a draft (any part; the product's fields one by one). */
export const SupplierDealPatch = Type.Partial(
  Type.Object({
    ...supplierDealBase,
    ...supplierDealExtra,
    product: Type.Partial(dealInputProperties.product, { additionalProperties: false }),
  }),
  { additionalProperties: false, minProperties: 1 },
)

/** One opted-in pickup point of a supplier deal: whose it is and what has been bought there. */
export const SupplierDealPoint = Type.Object({
  pickupPoint: Type.Object({ id: Type.String(), name: Type.String(), address: Type.String(), lat: Type.Number(), lng: Type.Number() }),
  leader: Type.Object({ id: Type.String(), nickname: Type.String(), phone: Nullable(Type.String()) }),
  optedInAt: Nullable(Instant()),
  orders: Type.Integer({ description: 'active orders there (held, paid, confirmed, ready, picked up): live before cutoff' }),
  units: Type.Integer({ description: 'their units' }),
})

const supplierDealFacts = {
  commissionBps: Type.Integer({ description: 'offered to help-selling leaders' }),
  deliveryDate: Type.String({ description: 'YYYY-MM-DD (Shanghai)' }),
}

/** A supplier's deal in its own list. */
export const SupplierDealSummary = Type.Object({
  ...DealSummary.properties,
  ...supplierDealFacts,
  pointCount: Type.Integer({ description: 'pickup points opted in' }),
  orderCount: Type.Integer({ description: 'active orders over all points' }),
})

/** A supplier's deal, with its points (who sells it where, and how much). */
export const SupplierDeal = Type.Object({
  ...DealDetail.properties,
  ...supplierDealFacts,
  points: Type.Array(SupplierDealPoint),
})

export const SupplierDealResponse = Type.Object({ deal: SupplierDeal })
export const SupplierDealListResponse = Type.Object({ deals: Type.Array(SupplierDealSummary) })

// -- help-selling (帮卖): a leader opts her points into a supplier's deal ---------------------------

/** One of the reading leader's own pickup points, against one supplier deal. */
export const HelpSellingPoint = Type.Object({
  id: Type.String(),
  name: Type.String(),
  optedIn: Type.Boolean(),
  orders: Type.Integer({ description: 'active orders at this point' }),
  units: Type.Integer(),
  canOptOut: Type.Boolean({ description: 'opted in, the deal open and no orders there yet' }),
})

/** `GET /leader/supplier-deals`: open supplier deals on offer (`supplier` set), with which of my points are in. */
export const LeaderSupplierDeal = Type.Object({
  ...DealSummary.properties,
  ...supplierDealFacts,
  myPoints: Type.Array(HelpSellingPoint),
  pointCount: Type.Integer({ description: 'points opted in over the town' }),
})

export const LeaderSupplierDealListResponse = Type.Object({ deals: Type.Array(LeaderSupplierDeal) })
export const LeaderSupplierDealResponse = Type.Object({ deal: LeaderSupplierDeal })

/** `POST /leader/supplier-deals/:id/points`: opt my point in (the deal open, the point mine, not twice). */
export const OptInRequest = Type.Object({ pickupPointId: IdInput }, { additionalProperties: false })

/** `DELETE /leader/supplier-deals/:id/points/:pointId`: opt it out (409 POINT_HAS_ORDERS once orders exist there). */
export const OptOutParams = Type.Object({ id: IdInput, pointId: IdInput })
