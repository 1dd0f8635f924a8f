import { Type } from 'typebox'
import { IdInput, Instant, Nullable, ServerNow, StringEnum } from './kit'
import { LocationQuery, PickupPoint } from './pickup-points'
import { DealStatus, TierBasis } from './statuses'

export const Tier = Type.Object({
  threshold: Type.Integer({ description: "people or units (per the deal's basis) needed to unlock this price; the first tier is 1" }),
  unitPriceFen: Type.Integer(),
})

export const NextTier = Type.Object({
  ...Tier.properties,
  remaining: Type.Integer({ description: 'how many more people/units unlock it' }),
})

export const Product = Type.Object({
  name: Type.String(),
  spec: Type.String({ description: 'e.g. "500g/盒"' }),
  description: Type.String(),
  images: Type.Array(Type.String(), { description: 'URLs; seeded ones are served by this server under /static/products/' }),
  category: Type.String(),
})

export const DealSummary = Type.Object({
  id: Type.String(),
  status: StringEnum(DealStatus),
  title: Type.String(),
  product: Product,
  listPriceFen: Type.Integer(),
  tierBasis: StringEnum(TierBasis),
  tiers: Type.Array(Tier),
  minToSucceed: Type.Integer(),
  count: Type.Integer({ description: 'distinct participants (people basis) or units (units basis) counting toward the tiers' }),
  currentUnitPriceFen: Type.Integer(),
  nextTier: Nullable(NextTier, { description: 'null at the lowest price, or when the deal can no longer be joined' }),
  stockUnits: Nullable(Type.Integer()),
  soldUnits: Type.Integer(),
  perUserLimit: Nullable(Type.Integer()),
  cutoffAt: Instant(),
  pickupStart: Instant(),
  pickupEnd: Instant(),
  leader: Type.Object({ id: Type.String(), nickname: Type.String() }),
  nearestPickupPoint: Nullable(PickupPoint, { description: "the deal's pickup point nearest to the request's location (or its first one)" }),
  supplier: Nullable(Type.Object({ id: Type.String(), name: Type.String() }), {
    description: '供货商: a supplier deal, help-sold (帮卖) by the leaders of its points; null on a leader’s own deal',
  }),
})

export const DealDetail = Type.Object({
  ...DealSummary.properties,
  pickupPoints: Type.Array(PickupPoint),
  inviter: Type.Optional(Type.Object({ nickname: Type.String() }, { description: 'the friend whose invite code was given' })),
  // the reader's own part, for a signed-in reader only (the rest of the deal reads the same for everyone)
  myUnits: Type.Optional(Type.Integer({ description: "units the signed-in reader holds in this deal's active orders" })),
  maxMoreUnits: Type.Optional(Type.Integer({ description: 'the most the signed-in reader may still buy: min(per-shopper limit left, stock left)' })),
})

export const DealListResponse = Type.Object({ deals: Type.Array(DealSummary), serverNow: ServerNow })
export const DealResponse = Type.Object({ deal: DealDetail, serverNow: ServerNow })

export const DealListQuery = Type.Object({
  ...LocationQuery.properties,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'deals per page: 20 unless asked, at most 60' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'deals to skip: the next page starts after the ones shown' })),
  // a few words typed on home, and a category chip
  q: Type.Optional(
    Type.String({ maxLength: 60, description: 'words in the title or product name (case-insensitive); 1 to 40 characters once trimmed' }),
  ),
  category: Type.Optional(
    Type.String({ minLength: 1, maxLength: 20, description: "a product category as stored (e.g. 水果): only that category's deals" }),
  ),
})

// the categories of open deals, for the chips on home
export const DealCategory = Type.Object({
  category: Type.String({ description: 'as stored on the deal (the app words the known ones)' }),
  count: Type.Integer({ description: 'open deals in it' }),
})
export const DealCategoriesResponse = Type.Object({ categories: Type.Array(DealCategory), serverNow: ServerNow })

export const DealQuery = Type.Object({
  ...LocationQuery.properties,
  invite: Type.Optional(Type.String({ maxLength: 64, description: '邀请码' })),
})

// what a leader may write into a deal
const instant = Type.String({ minLength: 10, maxLength: 40, format: 'date-time' })
const count = Type.Integer({ minimum: 1, maximum: 1_000_000 })
const priceFen = Type.Integer({ minimum: 1, maximum: 100_000_000 })

const productInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 40 }),
    spec: Type.String({ minLength: 1, maxLength: 40 }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    images: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 9 })),
    category: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false },
)

/** A deal's writable parts (a supplier deal takes them without pickupPointIds: see ./suppliers.ts). */
export const dealInputProperties = {
  title: Type.String({ minLength: 1, maxLength: 60 }),
  product: productInput,
  listPriceFen: priceFen,
  tierBasis: StringEnum(TierBasis),
  tiers: Type.Array(Type.Object({ threshold: count, unitPriceFen: priceFen }, { additionalProperties: false }), {
    minItems: 1,
    maxItems: 10,
  }),
  minToSucceed: count,
  stockUnits: Type.Optional(Type.Union([count, Type.Null()])),
  perUserLimit: Type.Optional(Type.Union([count, Type.Null()])),
  cutoffAt: instant,
  pickupStart: instant,
  pickupEnd: instant,
  pickupPointIds: Type.Array(IdInput, { minItems: 1, maxItems: 20 }),
}

export const DealInput = Type.Object(dealInputProperties, { additionalProperties: false })

/** An edit of a draft: any part, the product's fields one by one too. */
export const DealPatch = Type.Partial(Type.Object({ ...dealInputProperties, product: Type.Partial(productInput, { additionalProperties: false }) }), {
  additionalProperties: false,
  minProperties: 1,
})

/** The leader console's answers about its own deals. */
export const LeaderDealResponse = Type.Object({ deal: DealDetail })
export const LeaderDealListResponse = Type.Object({
  deals: Type.Array(DealSummary, { description: 'my own deals (never a supplier deal)' }),
  helpSold: Type.Array(DealSummary, {
    description: '帮卖: supplier deals at my points (their counts are the whole town’s; my orders only under /orders)',
  }),
})
