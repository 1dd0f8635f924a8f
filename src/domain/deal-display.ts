import { DealStatus, OrderStatus, type Tier, type TierBasis } from '../../types/api'
import { PAID_ORDER_STATUSES, isHoldExpired } from './lifecycle'
import { stockLeft } from './limits'
import { priceOnJoin } from './tiers'
import { isPastCutoff, type Instant } from './time'

/**
 * What a deal screen shows, one code per state a shopper or leader can see. The card, the deal page,
 * the join sheet and the leader dashboard all read it from `dealDisplay`, so none of them invites to
 * a deal that cannot be joined.
 */
export const DealDisplay = {
  /** published and before its cutoff, stock left: join, invite, poster */
  joinable: 'joinable',
  /** open, before its cutoff, but every unit is held */
  soldOut: 'sold_out',
  /** its cutoff passed, the settlement has not run yet */
  closedPendingSettlement: 'closed_pending_settlement',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  completed: 'completed',
  /** not published yet (the leader's own view) */
  draft: 'draft',
} as const
export type DealDisplay = (typeof DealDisplay)[keyof typeof DealDisplay]

/** The viewer's own part in the deal. */
export const ViewerPart = {
  /** no live order */
  none: 'none',
  /** an unpaid order whose hold still runs: she should pay */
  unpaid: 'unpaid',
  /** a paid order (paid, confirmed, ready or picked up) */
  joined: 'joined',
} as const
export type ViewerPart = (typeof ViewerPart)[keyof typeof ViewerPart]

export interface DisplayDeal {
  status: DealStatus
  stockUnits: number | null
  soldUnits: number
  cutoffAt: Instant
}

export interface ViewerOrder {
  id: string
  status: OrderStatus
  holdExpiresAt: Instant | null
}

export interface DealView {
  code: DealDisplay
  viewer: ViewerPart
  /** the viewer's unpaid order to pay (its hold still runs), if any */
  unpaidOrder: ViewerOrder | null
  /** units still for sale; null without a stock cap */
  left: number | null
  /** may join (again): the deal is joinable and she is not over her own limit */
  canJoin: boolean
  /** inviting and the poster make sense only while a friend can still join */
  canInvite: boolean
  canPoster: boolean
  /** she has an unpaid order she can still pay */
  canPay: boolean
  /** the "n more unlock a lower price" prompt: only while the deal is joinable */
  showNextTier: boolean
  /** the money of every order went back (failed or cancelled) */
  refunded: boolean
  /** no more joins, ever (or until the deal is published) */
  ended: boolean
}

/** The deal's own state, before the viewer's part. */
export function dealDisplayCode(deal: DisplayDeal, now: Instant): DealDisplay {
  switch (deal.status) {
    case DealStatus.draft:
      return DealDisplay.draft
    case DealStatus.succeeded:
      return DealDisplay.succeeded
    case DealStatus.failed:
      return DealDisplay.failed
    case DealStatus.cancelled:
      return DealDisplay.cancelled
    case DealStatus.completed:
      return DealDisplay.completed
    default:
      if (isPastCutoff(deal.cutoffAt, now)) return DealDisplay.closedPendingSettlement
      return stockLeft(deal.stockUnits, deal.soldUnits) === 0 ? DealDisplay.soldOut : DealDisplay.joinable
  }
}

/** Which of the viewer's orders speaks for her: an unpaid one with a running hold first, then a paid one. */
function viewerPart(orders: readonly ViewerOrder[], now: Instant): { part: ViewerPart; unpaid: ViewerOrder | null } {
  const unpaid = orders.find((o) => o.status === OrderStatus.pendingPayment && !isHoldExpired(o.holdExpiresAt, now)) ?? null
  if (unpaid) return { part: ViewerPart.unpaid, unpaid }
  if (orders.some((o) => PAID_ORDER_STATUSES.includes(o.status))) return { part: ViewerPart.joined, unpaid: null }
  return { part: ViewerPart.none, unpaid: null }
}

/**
 * What the screen shows for a deal and one viewer: the state's code, and which actions are on.
 * `orders` are the viewer's own orders in this deal (any status; none when signed out);
 * `maxMoreUnits` is what the server says she may still buy (undefined: not known, not limiting).
 */
export function dealDisplay(deal: DisplayDeal, now: Instant, orders: readonly ViewerOrder[] = [], maxMoreUnits?: number): DealView {
  const code = dealDisplayCode(deal, now)
  const { part, unpaid } = viewerPart(orders, now)
  const joinable = code === DealDisplay.joinable
  const payable = unpaid !== null && joinable
  // an unpaid order whose deal sold out still holds its units, so she may still pay it
  const payableSoldOut = unpaid !== null && code === DealDisplay.soldOut
  return {
    code,
    viewer: part,
    unpaidOrder: unpaid,
    left: stockLeft(deal.stockUnits, deal.soldUnits),
    canJoin: joinable && part !== ViewerPart.unpaid && (maxMoreUnits === undefined || maxMoreUnits > 0),
    canInvite: joinable,
    canPoster: joinable,
    canPay: payable || payableSoldOut,
    showNextTier: joinable,
    refunded: code === DealDisplay.failed || code === DealDisplay.cancelled,
    ended: code !== DealDisplay.joinable && code !== DealDisplay.soldOut && code !== DealDisplay.draft,
  }
}

export interface QuotedDeal {
  tierBasis: TierBasis
  tiers: Tier[]
  listPriceFen: number
  /** what the tiers count now (people or units, per the basis) */
  count: number
  /** units held by active orders */
  soldUnits: number
}

/**
 * What a join of `quantity` costs before paying: the unit price of the tier reached with it counted
 * (the server's join queue prices it the same way) times the quantity. `heldBefore` are the units
 * she already holds (0: she is one more person).
 */
export function joinQuote(deal: QuotedDeal, heldBefore: number, quantity: number): { unitPriceFen: number; totalFen: number } {
  const totals = deal.tierBasis === 'people' ? { people: deal.count, units: deal.soldUnits } : { people: 0, units: deal.count }
  const unitPriceFen = deal.tiers.length > 0 ? priceOnJoin(deal.tierBasis, deal.tiers, totals, { heldBefore, quantity }) : deal.listPriceFen
  return { unitPriceFen, totalFen: unitPriceFen * quantity }
}
