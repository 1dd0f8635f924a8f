import type { DealStatus } from '../../../types/api'

export const DEAL_STATUS_TEXT: Record<DealStatus, string> = {
  draft: '草稿',
  open: '进行中',
  succeeded: '已成团',
  failed: '未成团',
  cancelled: '已取消',
  completed: '已完成',
}

export const dealBadge = (status: DealStatus) =>
  status === 'open'
    ? 'lc-badge--open'
    : status === 'draft'
      ? 'lc-badge--draft'
      : status === 'succeeded' || status === 'completed'
        ? 'lc-badge--succeeded'
        : 'lc-badge--bad'

export const ORDER_STATUS_TEXT: Record<string, string> = {
  pending_payment: '待支付',
  paid: '已支付',
  confirmed: '已成团',
  ready: '待提货',
  picked_up: '已提货',
  cancelled: '已取消',
  refunded: '已退款',
  expired: '已过期',
}
