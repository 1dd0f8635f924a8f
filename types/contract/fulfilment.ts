import { Type } from 'typebox'
import { IdInput, Instant, Nullable, StringEnum } from './kit'
import { DealStatus } from './statuses'

/**
 * After cutoff, for a supplier (供货商): the purchase order per delivery day, a packing list per
 * pickup point, the delivery route from the depot, deliveries (one stop at a time); and for the
 * point's leader (or her pickup staff), the receipt of what arrived, with shortages refunded.
 *
 * Supplier routes are Role.supplier and the caller's own supplier only; another supplier's deal or
 * point is 404. Units are the active orders' (confirmed, ready, picked up) of deals that succeeded.
 */

export const FULFILMENT_NOTE_MAX = 200

const date = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a delivery day, YYYY-MM-DD (Asia/Shanghai)' })

/** `?date=` of the purchase order, the route and the receipts (required on the supplier's). */
export const FulfilmentDateQuery = Type.Object({ date }, { additionalProperties: false })

/** `GET /leader/receipts?date=`: that delivery day's, or (no date) every delivery still awaiting receipt and the last week's. */
export const ReceiptsQuery = Type.Object({ date: Type.Optional(date) }, { additionalProperties: false })

export const PackingListFormat = { json: 'json', csv: 'csv' } as const
/** `GET /supplier/packing-lists?date=&format=csv`: csv is text/csv; charset=utf-8 with a BOM (for Excel), headings in `lang`. */
export const PackingListQuery = Type.Object(
  {
    date,
    format: Type.Optional(StringEnum(PackingListFormat, { description: 'csv: one row per point and product' })),
    lang: Type.Optional(StringEnum({ zh: 'zh-CN', en: 'en' } as const, { description: "the CSV headings' language (default zh-CN)" })),
  },
  { additionalProperties: false },
)

const supplierRef = Type.Object({ id: Type.String(), name: Type.String() })
const pointInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  contact: Type.String({ description: "the point's contact (phone) as the leader gave it" }),
})
const leaderInfo = Type.Object({ id: Type.String(), nickname: Type.String(), phone: Nullable(Type.String()) })

// -- purchase order (采购单) ---------------------------------------------------------------------

/** One product (one deal) of the day: what to buy in and pack. */
export const PurchaseOrderLine = Type.Object({
  dealId: Type.String(),
  title: Type.String(),
  productName: Type.String(),
  spec: Type.String(),
  status: StringEnum(DealStatus, { description: 'succeeded: settled, units final; open: still selling (units live)' }),
  units: Type.Integer({ description: 'units over every opted-in point' }),
  orders: Type.Integer(),
  points: Type.Integer({ description: 'points with orders' }),
  supplierUnitPriceFen: Nullable(Type.Integer({ description: 'what the supplier gets a unit (frozen at settlement); null before' })),
  amountFen: Type.Integer({ description: 'units × supplier unit price (0 before settlement)' }),
})

/** `GET /supplier/purchase-orders?date=`: every deal of mine delivering that day (cancelled and failed ones aside). */
export const PurchaseOrder = Type.Object({
  date: Type.String(),
  supplier: supplierRef,
  lines: Type.Array(PurchaseOrderLine),
  totalUnits: Type.Integer(),
  totalFen: Type.Integer(),
})

// -- packing lists (分拣单), one per pickup point -------------------------------------------------

export const PackingProduct = Type.Object({
  dealId: Type.String(),
  title: Type.String(),
  productName: Type.String(),
  spec: Type.String(),
  units: Type.Integer(),
  orders: Type.Integer(),
})

export const PackingPoint = Type.Object({
  pickupPoint: pointInfo,
  leader: leaderInfo,
  products: Type.Array(PackingProduct),
  totalUnits: Type.Integer(),
  shoppers: Type.Integer({ description: 'distinct shoppers at the point' }),
  delivered: Type.Boolean({ description: 'marked delivered (every deal of the day there)' }),
})

export const PackingList = Type.Object({ date: Type.String(), supplier: supplierRef, points: Type.Array(PackingPoint) })

// -- the delivery route (配送路线) ---------------------------------------------------------------

export const RouteStop = Type.Object({
  sequence: Type.Integer({ description: '1 = the first stop after the depot' }),
  pickupPoint: pointInfo,
  leader: leaderInfo,
  units: Type.Integer(),
  legM: Type.Integer({ description: 'metres from the previous stop (the depot for the first), great-circle' }),
  cumulativeM: Type.Integer({ description: 'metres from the depot to here along the route' }),
  delivered: Type.Boolean(),
  deliveredAt: Nullable(Instant()),
})

/**
 * `GET /supplier/route?date=`: the points with orders that day, in the order to drive them from the
 * depot (nearest neighbour improved by 2-opt, straight-line distances). An open path: the van does
 * not come back, so totalM is the sum of the legs.
 */
export const DeliveryRoute = Type.Object({
  date: Type.String(),
  depot: Type.Object({ address: Type.String(), lat: Type.Number(), lng: Type.Number() }),
  stops: Type.Array(RouteStop),
  totalM: Type.Integer(),
})

// -- deliveries (送达) ---------------------------------------------------------------------------

/** `POST /supplier/deliveries`: this stop delivered, for each of the day's deals with orders there. Twice: the same answer. */
export const DeliveryRequest = Type.Object({ date, pickupPointId: IdInput }, { additionalProperties: false })

export const Delivery = Type.Object({
  dealId: Type.String(),
  title: Type.String(),
  pickupPointId: Type.String(),
  packedUnits: Type.Integer({ description: "the point's units when it was delivered" }),
  deliveredAt: Instant(),
})

export const DeliveryResponse = Type.Object({ date: Type.String(), pickupPointId: Type.String(), deliveries: Type.Array(Delivery) })

// -- receipts (收货) by the point's leader or her pickup staff ------------------------------------

/**
 * `POST /leader/receipts`: what arrived of one deal at one point. receivedUnits are the good ones,
 * spoiledUnits came unusable; the rest never came (missing = packed − received − spoiled). Missing and
 * spoiled units are refunded (see src/domain/shortage.ts for which orders lose them), then the point's
 * orders become ready as on 到货. 400 RECEIPT_OVER_PACKED when received + spoiled > packed; 404 at a
 * point that is not mine (403 STAFF_WRONG_POINT for staff elsewhere); 409 RECEIPT_ALREADY_RECORDED the
 * second time (nothing refunded again); 409 NOT_DELIVERED before the supplier marked it delivered.
 */
export const ReceiptInput = Type.Object(
  {
    dealId: IdInput,
    pickupPointId: IdInput,
    receivedUnits: Type.Integer({ minimum: 0, description: 'good units that arrived' }),
    spoiledUnits: Type.Integer({ minimum: 0, description: 'units that arrived spoiled (refunded like missing ones)' }),
    note: Type.Optional(Type.String({ maxLength: FULFILMENT_NOTE_MAX })),
  },
  { additionalProperties: false },
)

export const Receipt = Type.Object({
  dealId: Type.String(),
  pickupPointId: Type.String(),
  expectedUnits: Type.Integer({ description: 'packed' }),
  receivedUnits: Type.Integer(),
  missingUnits: Type.Integer(),
  spoiledUnits: Type.Integer(),
  note: Type.String(),
  receivedAt: Instant(),
  refundedOrders: Type.Integer({ description: 'orders that lost units' }),
  refundFen: Type.Integer({ description: 'refunded for the shortage' }),
  readyOrders: Type.Integer({ description: "the point's orders ready for pickup" }),
})

export const ReceiptResponse = Type.Object({ receipt: Receipt })

/** A delivery at one of my points (or one I am staff at), with its receipt once recorded. */
export const ReceiptTask = Type.Object({
  dealId: Type.String(),
  title: Type.String(),
  productName: Type.String(),
  spec: Type.String(),
  supplier: supplierRef,
  pickupPoint: Type.Object({ id: Type.String(), name: Type.String() }),
  deliveryDate: Type.String(),
  packedUnits: Type.Integer(),
  deliveredAt: Instant(),
  receipt: Nullable(Receipt, { description: 'null: awaiting receipt' }),
})

export const LeaderReceiptsResponse = Type.Object({ receipts: Type.Array(ReceiptTask) })

// -- what the supplier is owed (应收) ------------------------------------------------------------

export const OwedDeal = Type.Object({
  dealId: Type.String(),
  title: Type.String(),
  deliveryDate: Nullable(Type.String()),
  supplierUnitPriceFen: Nullable(Type.Integer()),
  deliveredUnits: Type.Integer({ description: 'packed at the points delivered' }),
  shortUnits: Type.Integer({ description: 'missing + spoiled at the points received' }),
  keptUnits: Type.Integer({ description: 'received good at the points received' }),
  owedFen: Type.Integer({ description: "credited to the supplier's account: kept units × supplier unit price" }),
  awaitingFen: Type.Integer({ description: 'delivered but not yet received: packed × supplier unit price (before shortages)' }),
  points: Type.Integer({ description: 'points delivered' }),
  receivedPoints: Type.Integer(),
})

/** `GET /supplier/owed`: per deal delivered (newest delivery day first), and what the supplier's ledger account holds. */
export const SupplierOwed = Type.Object({
  deals: Type.Array(OwedDeal),
  owedFen: Type.Integer({ description: 'Σ owedFen' }),
  awaitingFen: Type.Integer({ description: 'Σ awaitingFen' }),
  account: Type.Object({
    balanceFen: Type.Integer(),
    pendingFen: Type.Integer({ description: 'still held (received less than the hold ago)' }),
    withdrawableFen: Type.Integer(),
  }),
})
