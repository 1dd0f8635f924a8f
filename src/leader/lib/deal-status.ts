import type { DealStatus } from '../../../types/api'

// the words of every status are in src/i18n (orderStatusText / dealStatusText in
// src/components/order-status.ts); here only how a deal's badge looks
export const dealBadge = (status: DealStatus) =>
  status === 'open'
    ? 'lc-badge--open'
    : status === 'draft'
      ? 'lc-badge--draft'
      : status === 'succeeded' || status === 'completed'
        ? 'lc-badge--succeeded'
        : 'lc-badge--bad'
