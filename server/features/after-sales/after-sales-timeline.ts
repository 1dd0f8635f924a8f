import type { TimelineEntry } from '../../../types/api'
import { AfterSalesStep, TimelineKind } from '../../../types/contract/statuses'
import type { Database } from '../../db/database'
import * as repo from './after-sales.repository'

const KIND: Partial<Record<AfterSalesStep, TimelineEntry['kind']>> = {
  asked: TimelineKind.afterSalesAsked,
  answered: TimelineKind.afterSalesAnswered,
  escalated: TimelineKind.afterSalesEscalated,
  decided: TimelineKind.afterSalesDecided,
  // `refunded` is the refund row's own `refund` step (reason after_sales), with its provider status
}

/**
 * The order's after-sales steps for its timeline (a source of server/features/orders/order-timeline.ts):
 * asked (units, reason, amount asked), answered (an amount when approved, the reason when refused),
 * escalated, decided (an amount when refunded).
 */
export async function afterSalesSteps(db: Database, order: { id: string }): Promise<TimelineEntry[]> {
  const events = await repo.eventsOfOrder(db, order.id)
  const steps: TimelineEntry[] = []
  for (const e of events) {
    const kind = KIND[e.kind]
    if (!kind) continue
    const step: TimelineEntry = { kind, at: e.created_at }
    if (e.amount_fen !== null) step.amountFen = e.amount_fen
    if (e.note) step.note = e.note
    if (kind === TimelineKind.afterSalesAsked) {
      step.quantity = e.quantity
      step.reason = e.reason
    }
    steps.push(step)
  }
  return steps
}
