import type { Order, Refund } from '../../../types/api'
import { OrderStatus as S } from '../../../types/api'
import { PAID_ORDER_STATUSES } from '../../../src/domain'
import type { RefundRow } from '../payments/payments.service'
import { signPickupQr } from '../pickups/pickup-qr'
import type { OrderWithDeal } from './orders.repository'

/** A code is shown only on a paid order not given back: while it can still be used (or was just used). */
const CODE_VISIBLE: readonly string[] = PAID_ORDER_STATUSES

/** The contract's Order, for its owner only: the pickup code and the signed QR are the owner's secret. */
export function toOrder(row: OrderWithDeal, refunds: RefundRow[], pickupSecret: string): Order {
  const order: Order = {
    id: row.id,
    dealId: row.deal_id,
    dealTitle: row.deal_title,
    dealStatus: row.deal_status,
    userId: row.user_id,
    status: row.status,
    quantity: row.quantity,
    shortUnits: row.short_units ?? 0,
    unitPriceFen: row.unit_price_fen,
    finalUnitPriceFen: row.final_unit_price_fen,
    paidFen: row.paid_fen,
    refundFen: row.refund_fen,
    pickupPointId: row.pickup_point_id,
    inviterId: row.inviter_id,
    createdAt: row.created_at,
    paidAt: row.paid_at,
    holdExpiresAt: row.status === S.pendingPayment ? row.hold_expires_at : null,
    refunds: refunds.filter((r) => r.order_id === row.id).map(toRefund),
  }
  // once collected, when and with whose code (hers, or her neighbour's), or the leader's late note
  if (row.picked_up_at) {
    order.pickedUpAt = row.picked_up_at
    order.collectedBy = row.collected_by ?? null
    order.latePickupNote = row.late_pickup_note ?? null
  }
  if (row.pickup_code && CODE_VISIBLE.includes(row.status)) {
    order.pickupCode = row.pickup_code
    order.pickupQr = signPickupQr(pickupSecret, row.id, row.pickup_code)
  }
  return order
}

export function toRefund(r: RefundRow): Refund {
  return { id: r.id, amountFen: r.amount_fen, reason: r.reason, createdAt: r.created_at }
}
