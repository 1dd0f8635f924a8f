import type { OrderStatus } from '../../types/api'

/** How each order status reads to a shopper. */
export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  pending_payment: '待支付',
  paid: '已支付 · 等待成团',
  confirmed: '已成团 · 等待到货',
  ready: '已到货 · 待提货',
  picked_up: '已提货',
  cancelled: '已取消',
  refunded: '已退款',
  expired: '已过期',
}
