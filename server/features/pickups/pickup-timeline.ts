import type { TimelineEntry } from '../../../types/api'
import { TimelineKind } from '../../../types/contract/statuses'
import type { Database } from '../../db/database'
import type { OrderWithDeal } from '../orders/orders.repository'

/**
 * The pickup counter's steps on the order's timeline: the grace period ended with the goods still at the point
 * (the later late hand-out or refund are the pickup and refund steps). Collected by owner or
 * delegate is order-timeline.ts's pickup step, from the order's collected_by.
 */
export async function noShowSteps(_db: Database, o: OrderWithDeal): Promise<TimelineEntry[]> {
  return o.unclaimed_at ? [{ kind: TimelineKind.unclaimed, at: o.unclaimed_at }] : []
}
