import { Type } from 'typebox'
import { Instant, Nullable, ServerNow, StringEnum } from './kit'
import { NextTier } from './deals'
import { DealStatus } from './statuses'

/** What a live deal page needs to move as people join: the counts, prices and state, nothing else. */
export const LiveDeal = Type.Object({
  id: Type.String(),
  status: StringEnum(DealStatus),
  count: Type.Integer(),
  minToSucceed: Type.Integer(),
  currentUnitPriceFen: Type.Integer(),
  nextTier: Nullable(NextTier),
  stockUnits: Nullable(Type.Integer()),
  soldUnits: Type.Integer(),
  lastJoin: Nullable(Type.Object({ nickname: Type.String({ description: 'masked, e.g. "小*"' }), at: Instant() }), {
    description: 'the latest shopper to join (a paid order)',
  }),
})

/**
 * Frames the server sends on `GET /deals/:id/live` (WebSocket): `deal` on connecting and after every
 * committed change to the deal; the client may send `{"type":"ping"}` and gets `{"type":"pong"}`.
 */
export const LiveFrame = Type.Union([
  Type.Object({ type: Type.Literal('deal'), deal: LiveDeal, serverNow: ServerNow }),
  Type.Object({ type: Type.Literal('pong'), serverNow: ServerNow }),
])

export const LiveDealResponse = Type.Object({ deal: LiveDeal, serverNow: ServerNow })
