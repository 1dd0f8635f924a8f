import { t } from '@/i18n'
import type { OrderStatus } from '../../types/api'

/** How an order status reads to a shopper, in her language. */
export const orderStatusText = (status: OrderStatus): string => t(`status.${status}`)
