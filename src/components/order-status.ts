import { t } from '@/i18n'
import type { DealStatus, OrderStatus } from '../../types/api'

/** How an order status reads, in the reader's language: the one table for shoppers and leaders. */
export const orderStatusText = (status: OrderStatus): string => t(`orderStatus.${status}`)

/** How a deal status reads (the same table; the leader console's badges use it too). */
export const dealStatusText = (status: DealStatus): string => t(`dealStatus.${status}`)
