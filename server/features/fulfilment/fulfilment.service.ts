import type {
  DeliveryResponse,
  DeliveryRoute,
  LeaderReceiptsResponse,
  PackingList,
  PackingPoint,
  PurchaseOrder,
  Receipt,
  ReceiptInput,
  SupplierOwed,
  User,
} from '../../../types/api'
import { DealStatus, LedgerKind, OrderStatus, RefundReason } from '../../../types/api'
import { OrderEvent, formatFen, nextOrderStatus, shanghaiDate } from '../../../src/domain'
import { allocateShortage } from '../../../src/domain/shortage'
import { planRoute } from '../../../src/domain/route'
import { isUniqueViolation } from '../../db/errors'
import type { AppContext } from '../../http/context'
import { badRequest, conflict, notFound } from '../../http/errors'
import { newId } from '../../http/ids'
import { findUserById } from '../auth/auth.repository'
import { toUser } from '../auth/auth.service'
import { markArrived } from '../leader-deals/leader-deals.service'
import { Accounts, balanceOf, post, supplierAccount } from '../ledger/ledger.service'
import { insertMessages } from '../notifications/notifications.repository'
import { lockDeal } from '../orders/holds'
import { processPendingRefunds, recordRefunds } from '../payments/payments.service'
import { settleDueDeals } from '../settlement/settlement.service'
import { isStaffAt } from '../staff/staff.repository'
import type { SupplierRow } from '../suppliers/suppliers.repository'
import { supplierOf } from '../suppliers/suppliers.service'
import * as repo from './fulfilment.repository'

/**
 * After cutoff (采购、分拣、配送、收货): a supplier's day of deliveries, and the receipt at each point.
 * Every supplier read settles what is due first (a deal past its cutoff becomes succeeded or failed),
 * so the units it shows for a settled deal are final.
 */

const DAY_MS = 86_400_000
const supplierRef = (s: SupplierRow) => ({ id: s.id, name: s.name })

/** The day's deals with their per-point units, and the points' details. */
async function dayOf(ctx: AppContext, supplier: SupplierRow, date: string) {
  await settleDueDeals(ctx)
  const deals = await repo.dealsOfDay(ctx.db, supplier.id, date)
  const units = (
    await repo.unitsAtPoints(
      ctx.db,
      deals.map((d) => d.id),
    )
  ).filter((u) => u.units > 0)
  const points = await repo.pointsWithLeaders(ctx.db, [...new Set(units.map((u) => u.pointId))])
  return { deals, units, points }
}

type PointRow = Awaited<ReturnType<typeof repo.pointsWithLeaders>>[number]
const pointInfo = (p: PointRow) => ({ id: p.id, name: p.name, address: p.address, lat: p.lat, lng: p.lng, contact: p.contact })
const leaderInfo = (p: PointRow) => ({ id: p.leader_id, nickname: p.leader_nickname, phone: p.leader_phone })

/** 采购单: units per product (deal) over every point, and what the supplier gets for them once settled. */
export async function purchaseOrder(ctx: AppContext, user: User, date: string): Promise<PurchaseOrder> {
  const supplier = await supplierOf(ctx, user)
  const { deals, units } = await dayOf(ctx, supplier, date)
  const lines = deals.map((d) => {
    const mine = units.filter((u) => u.dealId === d.id)
    const priced = mine.find((u) => u.supplierUnitPriceFen !== null)
    return {
      dealId: d.id,
      title: d.title,
      productName: d.product_name,
      spec: d.product_spec,
      status: d.status,
      units: mine.reduce((s, u) => s + u.units, 0),
      orders: mine.reduce((s, u) => s + u.orders, 0),
      points: mine.length,
      supplierUnitPriceFen: priced?.supplierUnitPriceFen ?? null,
      amountFen: mine.reduce((s, u) => s + u.supplierFen, 0),
    }
  })
  return {
    date,
    supplier: supplierRef(supplier),
    lines,
    totalUnits: lines.reduce((s, l) => s + l.units, 0),
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
  }
}

/** 分拣单: per point (by name), what to pack for it and for how many shoppers. */
export async function packingList(ctx: AppContext, user: User, date: string): Promise<PackingList> {
  const supplier = await supplierOf(ctx, user)
  const { deals, units, points } = await dayOf(ctx, supplier, date)
  const shoppers = await repo.shoppersAtPoints(
    ctx.db,
    deals.map((d) => d.id),
  )
  const delivered = await repo.deliveriesOf(
    ctx.db,
    deals.map((d) => d.id),
  )
  const out: PackingPoint[] = points.map((p) => {
    const here = units.filter((u) => u.pointId === p.id)
    const products = deals
      .map((d) => ({ d, u: here.find((u) => u.dealId === d.id) }))
      .filter((x) => x.u)
      .map(({ d, u }) => ({ dealId: d.id, title: d.title, productName: d.product_name, spec: d.product_spec, units: u!.units, orders: u!.orders }))
    return {
      pickupPoint: pointInfo(p),
      leader: leaderInfo(p),
      products,
      totalUnits: products.reduce((s, x) => s + x.units, 0),
      shoppers: shoppers.get(p.id) ?? 0,
      delivered: here.every((u) => delivered.some((d) => d.deal_id === u.dealId && d.pickup_point_id === p.id)),
    }
  })
  out.sort((a, b) => a.pickupPoint.name.localeCompare(b.pickupPoint.name, 'zh-CN') || a.pickupPoint.id.localeCompare(b.pickupPoint.id))
  return { date, supplier: supplierRef(supplier), points: out }
}

/** 配送路线: the points with orders that day, from the depot, nearest neighbour improved by 2-opt (src/domain/route.ts). */
export async function route(ctx: AppContext, user: User, date: string): Promise<DeliveryRoute> {
  const supplier = await supplierOf(ctx, user)
  const { deals, units, points } = await dayOf(ctx, supplier, date)
  const delivered = await repo.deliveriesOf(
    ctx.db,
    deals.map((d) => d.id),
  )
  const depot = { lat: supplier.depot_lat, lng: supplier.depot_lng }
  const plan = planRoute(depot, points)
  let cumulative = 0
  const stops = plan.order.map((index, k) => {
    const p = points[index]
    const here = units.filter((u) => u.pointId === p.id)
    const done = delivered.filter((d) => d.pickup_point_id === p.id)
    const all = here.every((u) => done.some((d) => d.deal_id === u.dealId))
    cumulative += plan.legsM[k]
    return {
      sequence: k + 1,
      pickupPoint: pointInfo(p),
      leader: leaderInfo(p),
      units: here.reduce((s, u) => s + u.units, 0),
      legM: plan.legsM[k],
      cumulativeM: cumulative,
      delivered: all,
      deliveredAt:
        all && done.length > 0
          ? done
              .map((d) => d.delivered_at)
              .sort()
              .at(-1)!
          : null,
    }
  })
  return { date, depot: { address: supplier.depot_address, lat: depot.lat, lng: depot.lng }, stops, totalM: plan.totalM }
}

/**
 * 送达: the stop delivered, for each of the day's settled deals with orders there (packed = the
 * point's units now). Twice: the first delivery stands and is answered again.
 */
export async function deliver(ctx: AppContext, user: User, date: string, pointId: string): Promise<DeliveryResponse> {
  const supplier = await supplierOf(ctx, user)
  const { deals, units } = await dayOf(ctx, supplier, date)
  const here = units.filter((u) => u.pointId === pointId)
  if (here.length === 0) throw notFound('配送点')
  const settled = here.filter((u) => deals.find((d) => d.id === u.dealId)?.status === DealStatus.succeeded)
  if (settled.length === 0) throw conflict('DEAL_NOT_SUCCEEDED', '这一站的团购还没有截单成团，不能送达')
  const nowIso = ctx.now().toISOString()
  await ctx.db.transaction().execute((trx) =>
    repo.insertDeliveries(
      trx,
      settled.map((u) => ({ deal_id: u.dealId, pickup_point_id: pointId, packed_units: u.units, delivered_by: user.id, delivered_at: nowIso })),
    ),
  )
  const rows = (
    await repo.deliveriesOf(
      ctx.db,
      settled.map((u) => u.dealId),
    )
  ).filter((d) => d.pickup_point_id === pointId)
  return {
    date,
    pickupPointId: pointId,
    deliveries: rows.map((d) => ({
      dealId: d.deal_id,
      title: deals.find((x) => x.id === d.deal_id)!.title,
      pickupPointId: pointId,
      packedUnits: d.packed_units,
      deliveredAt: d.delivered_at,
    })),
  }
}

/** The point, if the caller may receive goods there: its leader, or pickup staff at it; otherwise 404. */
async function receivingPoint(ctx: AppContext, user: User, pointId: string) {
  const point = await repo.findPoint(ctx.db, pointId)
  if (!point || (point.leader_id !== user.id && !(await isStaffAt(ctx.db, user.id, pointId)))) throw notFound('自提点')
  return point
}

function toReceipt(
  row: {
    deal_id: string
    pickup_point_id: string
    expected_units: number
    received_units: number
    missing_units: number
    spoiled_units: number
    note: string
    received_at: string
  },
  facts: { refundedOrders: number; refundFen: number; readyOrders: number },
): Receipt {
  return {
    dealId: row.deal_id,
    pickupPointId: row.pickup_point_id,
    expectedUnits: row.expected_units,
    receivedUnits: row.received_units,
    missingUnits: row.missing_units,
    spoiledUnits: row.spoiled_units,
    note: row.note,
    receivedAt: row.received_at,
    ...facts,
  }
}

/** How a recorded receipt turned out: the shortage refunds at that point and the orders ready there. */
async function receiptFacts(ctx: AppContext, dealId: string, pointId: string) {
  const refunds = await repo.shortageRefunds(ctx.db, dealId, pointId)
  return {
    refundedOrders: refunds.length,
    refundFen: refunds.reduce((s, r) => s + r.amount_fen, 0),
    readyOrders: await repo.countReady(ctx.db, dealId, pointId),
  }
}

/**
 * 收货: the point's leader (or her staff) counts what arrived of one deal. The units short (missing and
 * spoiled) are taken from the point's orders by allocateShortage's rule and refunded (reason shortage,
 * source `<dealId>:<pointId>`), the shoppers told; orders left with nothing are closed as refunded;
 * the supplier is credited the units kept; then the rest become ready as on 到货. The receipts row
 * (primary key: deal, point) is written first in the transaction, so of two at once one records and
 * the other is 409 with nothing refunded twice.
 */
export async function recordReceipt(ctx: AppContext, user: User, input: ReceiptInput): Promise<{ receipt: Receipt }> {
  const point = await receivingPoint(ctx, user, input.pickupPointId)
  const deal = await repo.findDeal(ctx.db, input.dealId)
  if (!deal || !deal.supplier_id) throw notFound('团购')
  const delivery = await repo.findDelivery(ctx.db, deal.id, point.id)
  if (!delivery) throw conflict('NOT_DELIVERED', '供货商还没有把这个团购送达该自提点')
  const already = () => conflict('RECEIPT_ALREADY_RECORDED', '这个自提点的收货已经登记过了')
  if (await repo.findReceipt(ctx.db, deal.id, point.id)) throw already()
  if (input.receivedUnits + input.spoiledUnits > delivery.packed_units) {
    throw badRequest('RECEIPT_OVER_PACKED', `收到和损坏的件数合计不能超过送达的 ${delivery.packed_units} 件`)
  }
  const supplierId = deal.supplier_id
  const shortUnits = delivery.packed_units - input.receivedUnits
  const nowIso = ctx.now().toISOString()
  const source = `${deal.id}:${point.id}`
  const row = {
    deal_id: deal.id,
    pickup_point_id: point.id,
    expected_units: delivery.packed_units,
    received_units: input.receivedUnits,
    missing_units: shortUnits - input.spoiledUnits,
    spoiled_units: input.spoiledUnits,
    note: input.note ?? '',
    received_by: user.id,
    received_at: nowIso,
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await lockDeal(trx, deal.id)
      await repo.insertReceipt(trx, row)
      const orders = await repo.shortageOrders(trx, deal.id, point.id)
      const { losses } = allocateShortage(
        orders.map((o) => ({
          id: o.id,
          quantity: o.quantity,
          unitPriceFen: o.final_unit_price_fen ?? o.unit_price_fen,
          paidFen: o.paid_fen,
          refundFen: o.refund_fen,
          createdAt: o.created_at,
        })),
        shortUnits,
      )
      await recordRefunds(
        trx,
        losses.map((l) => ({ orderId: l.orderId, amountFen: l.refundFen })),
        RefundReason.shortage,
        nowIso,
        source,
      )
      await repo.addShortUnits(trx, losses, nowIso)
      // nothing left to hand out: closed as refunded, never made ready
      await repo.closeAsRefunded(
        trx,
        losses.filter((l) => l.wholeOrder).map((l) => l.orderId),
        nextOrderStatus(OrderStatus.confirmed, OrderEvent.shortRefund),
        nowIso,
      )
      await insertMessages(
        trx,
        losses.map((l) => {
          const o = orders.find((x) => x.id === l.orderId)!
          return {
            id: newId(),
            user_id: o.user_id,
            kind: 'shortage_refunded' as const,
            title: '缺货退款',
            body: `「${deal.title}」到自提点「${point.name}」时少了 ${l.units} 件，已退款 ${formatFen(l.refundFen)}，将原路退回`,
            facts: JSON.stringify({
              deal: deal.title,
              point: point.name,
              amountFen: l.refundFen,
              refundFen: l.refundFen,
              pickupStart: null,
              pickupEnd: null,
              reason: null,
              note: String(l.units),
            }),
            deal_id: deal.id,
            order_id: l.orderId,
            dedupe_key: `shortage_refunded:${l.orderId}:${source}`,
            created_at: nowIso,
            read_at: null,
          }
        }),
      )
      // the supplier is owed the units kept, at each order's frozen supplier unit price
      const lost = new Map(losses.map((l) => [l.orderId, l.units]))
      const payableFen = orders.reduce((s, o) => s + (o.quantity - (lost.get(o.id) ?? 0)) * (o.supplier_unit_price_fen ?? 0), 0)
      await post(trx, {
        kind: LedgerKind.supplierPayable,
        dedupeKey: `supplier_payable:${source}`,
        from: Accounts.platform,
        to: supplierAccount(supplierId),
        amountFen: payableFen,
        dealId: deal.id,
        memo: `${deal.title} · ${point.name}`,
        availableAt: new Date(Date.parse(nowIso) + ctx.config.commissionHoldDays * DAY_MS).toISOString(),
        nowIso,
      })
    })
  } catch (error) {
    if (isUniqueViolation(error) && (await repo.findReceipt(ctx.db, deal.id, point.id))) throw already()
    throw error
  }
  await processPendingRefunds(ctx)
  // the rest of the point's orders: ready, as on 到货 (the point's leader's arrival, also for her staff)
  // (a deal already completed has nothing left to make ready)
  if ((await repo.findDeal(ctx.db, deal.id))?.status === DealStatus.succeeded) {
    const leader = await findUserById(ctx.db, point.leader_id)
    await markArrived(ctx, toUser(leader!), deal.id, point.id)
  }
  return { receipt: toReceipt(row, await receiptFacts(ctx, deal.id, point.id)) }
}

/** 收货: deliveries at my points (or where I am staff), awaiting receipt first. */
export async function receipts(ctx: AppContext, user: User, date: string | undefined): Promise<LeaderReceiptsResponse> {
  const points = await repo.pointsServedBy(ctx.db, user.id)
  const since = shanghaiDate(new Date(ctx.now().getTime() - 7 * DAY_MS).toISOString())
  const rows = await repo.deliveriesAtPoints(ctx.db, points, date ?? null, since)
  const recorded = await repo.receiptsOf(ctx.db, [...new Set(rows.map((r) => r.deal_id))])
  const out = []
  for (const r of rows) {
    const receipt = recorded.find((x) => x.deal_id === r.deal_id && x.pickup_point_id === r.pickup_point_id)
    out.push({
      dealId: r.deal_id,
      title: r.title,
      productName: r.product_name,
      spec: r.product_spec,
      supplier: { id: r.supplier_id ?? '', name: r.supplier_name ?? '' },
      pickupPoint: { id: r.pickup_point_id, name: r.point_name },
      deliveryDate: r.delivery_date ?? '',
      packedUnits: r.packed_units,
      deliveredAt: r.delivered_at,
      receipt: receipt ? toReceipt(receipt, await receiptFacts(ctx, r.deal_id, r.pickup_point_id)) : null,
    })
  }
  // awaiting receipt first
  out.sort((a, b) => Number(a.receipt !== null) - Number(b.receipt !== null))
  return { receipts: out }
}

/** 应收: per deal delivered, units delivered and kept, what the ledger credited, and what awaits receipt. */
export async function owed(ctx: AppContext, user: User): Promise<SupplierOwed> {
  const supplier = await supplierOf(ctx, user)
  const account = supplierAccount(supplier.id)
  const deals = await repo.deliveredDeals(ctx.db, supplier.id)
  const ids = deals.map((d) => d.id)
  const [deliveries, receiptRows, units, credited] = await Promise.all([
    repo.deliveriesOf(ctx.db, ids),
    repo.receiptsOf(ctx.db, ids),
    repo.unitsAtPoints(ctx.db, ids),
    repo.payablesPerDeal(ctx.db, account, ids),
  ])
  const rows = deals.map((d) => {
    const delivered = deliveries.filter((x) => x.deal_id === d.id)
    const received = receiptRows.filter((x) => x.deal_id === d.id)
    const price = units.find((u) => u.dealId === d.id && u.supplierUnitPriceFen !== null)?.supplierUnitPriceFen ?? null
    const awaitingUnits = delivered
      .filter((x) => !received.some((r) => r.pickup_point_id === x.pickup_point_id))
      .reduce((s, x) => s + x.packed_units, 0)
    return {
      dealId: d.id,
      title: d.title,
      deliveryDate: d.delivery_date ?? null,
      supplierUnitPriceFen: price,
      deliveredUnits: delivered.reduce((s, x) => s + x.packed_units, 0),
      shortUnits: received.reduce((s, r) => s + r.missing_units + r.spoiled_units, 0),
      keptUnits: received.reduce((s, r) => s + r.received_units, 0),
      owedFen: credited.get(d.id) ?? 0,
      awaitingFen: awaitingUnits * (price ?? 0),
      points: delivered.length,
      receivedPoints: received.length,
    }
  })
  return {
    deals: rows,
    owedFen: rows.reduce((s, r) => s + r.owedFen, 0),
    awaitingFen: rows.reduce((s, r) => s + r.awaitingFen, 0),
    account: await balanceOf(ctx.db, account, ctx.now().toISOString()),
  }
}
