import type { DealDetail, DealSummary, Product, Tier } from '../../../types/api'
import { DealStatus, TierBasis } from '../../../types/api'
import { nextTier, priceAt, tierCount, type LatLng } from '../../../src/domain'
import type { DealsTable } from '../../db/schema'
import { toPickupPoints, type PickupPointRow } from '../pickup-points/pickup-point-view'

/** A deals row with its leader's nickname (and a supplier deal's supplier name) joined in (see `selectDeals` in deals.repository). */
export type DealRow = DealsTable & { leader_nickname: string; supplier_name: string | null }

/**
 * The one mapping from a deal row to the contract's DealSummary, shared by the public reads and the
 * leader's own list. `points` are the deal's pickup points (any order); with a location the nearest
 * one is shown with its distance, otherwise the first.
 *
 * `count` is what the tiers count: distinct shoppers with active orders (people) or units held by
 * active orders (units). A deal that is no longer open shows no next tier — nobody can unlock it —
 * and a succeeded deal shows the price everyone finally paid.
 */
export function toDealSummary(row: DealRow, points: PickupPointRow[], location?: LatLng | null): DealSummary {
  const tiers = parseJson<Tier[]>(row.tiers, [])
  const basis = row.tier_basis === TierBasis.units ? TierBasis.units : TierBasis.people
  const count = tierCount(basis, { people: row.participant_count, units: row.active_units })
  const joinable = row.status === DealStatus.open || row.status === DealStatus.draft
  const settledPrice =
    (row.status === DealStatus.succeeded || row.status === DealStatus.completed) && row.final_unit_price_fen !== null
      ? row.final_unit_price_fen
      : null
  const sorted = toPickupPoints(points, location)
  return {
    id: row.id,
    status: row.status,
    title: row.title,
    product: toProduct(row),
    listPriceFen: row.list_price_fen,
    tierBasis: basis,
    tiers,
    minToSucceed: row.min_to_succeed,
    count,
    currentUnitPriceFen: settledPrice ?? (tiers.length > 0 ? priceAt(tiers, count) : row.list_price_fen),
    nextTier: joinable && tiers.length > 0 ? nextTier(tiers, count) : null,
    stockUnits: row.stock_units,
    soldUnits: row.active_units,
    perUserLimit: row.per_user_limit,
    cutoffAt: row.cutoff_at,
    pickupStart: row.pickup_start,
    pickupEnd: row.pickup_end,
    leader: { id: row.leader_id, nickname: row.leader_nickname },
    nearestPickupPoint: sorted[0] ?? null,
    supplier: row.supplier_id ? { id: row.supplier_id, name: row.supplier_name ?? '' } : null,
  }
}

/** The detail adds every pickup point (nearest first when located) and who invited the reader. */
export function toDealDetail(row: DealRow, points: PickupPointRow[], location?: LatLng | null, inviter?: { nickname: string } | null): DealDetail {
  const detail: DealDetail = { ...toDealSummary(row, points, location), pickupPoints: toPickupPoints(points, location) }
  if (inviter) detail.inviter = { nickname: inviter.nickname }
  return detail
}

function toProduct(row: DealRow): Product {
  const images = parseJson<unknown>(row.product_images, [])
  return {
    name: row.product_name,
    spec: row.product_spec,
    description: row.product_description,
    images: Array.isArray(images) ? images.filter((i): i is string => typeof i === 'string') : [],
    category: row.product_category,
  }
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** Group point rows (carrying the deal id) by deal, for mapping many deals from one query. */
export function pointsByDeal<P extends PickupPointRow & { deal_id: string }>(rows: P[]): Map<string, PickupPointRow[]> {
  const map = new Map<string, PickupPointRow[]>()
  for (const { deal_id, ...point } of rows) {
    const list = map.get(deal_id) ?? []
    list.push(point as PickupPointRow)
    map.set(deal_id, list)
  }
  return map
}
