import { Type } from 'typebox'
import { Instant, StringEnum } from './kit'
import { CollectedBy, RefundStatus, TimelineKind } from './statuses'

/**
 * One step of an order's life with its time, and the facts that step is about (only those of its
 * kind are present). Built by server/features/orders/order-timeline.ts from the rows each feature
 * keeps; a feature adding a kind adds its facts here, one optional field each.
 */
export const TimelineEntry = Type.Object({
  kind: StringEnum(TimelineKind),
  at: Instant(),
  // placed
  quantity: Type.Optional(Type.Integer()),
  unitPriceFen: Type.Optional(Type.Integer({ description: 'placed: the unit price agreed at joining' })),
  // paid, refund
  amountFen: Type.Optional(Type.Integer({ description: 'paid: the amount paid; refund: the amount going back' })),
  // settled
  finalUnitPriceFen: Type.Optional(Type.Integer({ description: 'settled: min(price paid, final tier price)' })),
  refundFen: Type.Optional(Type.Integer({ description: 'settled: the difference coming back (0 when none)' })),
  // refund
  reason: Type.Optional(Type.String({ description: "refund: why (the refund's reason code)" })),
  status: Type.Optional(StringEnum(RefundStatus, { description: 'refund: where it is at the payment provider' })),
  // arrived
  pointName: Type.Optional(Type.String({ description: 'arrived: the pickup point the goods reached' })),
  // picked_up
  collectedBy: Type.Optional(StringEnum(CollectedBy, { description: 'picked_up: the owner, or the neighbour it was delegated to' })),
  collectorNickname: Type.Optional(Type.String({ description: 'picked_up by a delegate: who' })),
  // after-sales and pickup-counter facts (one optional field each)
  note: Type.Optional(Type.String({ description: "a person's note on this step, when there is one" })),
})
