import type { DealInput, SupplierDealInput } from '../../types/api'
import { SUPPLIER_COMMISSION_MAX_BPS, TierBasis } from '../../types/api'
import { readInstant, shanghaiDate, shanghaiDayRange, type Instant } from './time'
import { validateTiers, type TierProblem } from './tiers'

/** What is wrong with a deal a leader wrote: a code the app words in its own language. */
export const DealInputCode = {
  nameMissing: 'NAME_MISSING',
  specMissing: 'SPEC_MISSING',
  listPriceInvalid: 'LIST_PRICE_INVALID',
  tiersInvalid: 'INVALID_TIERS',
  minNotPositive: 'MIN_NOT_POSITIVE',
  stockNotPositive: 'STOCK_NOT_POSITIVE',
  limitNotPositive: 'LIMIT_NOT_POSITIVE',
  minAboveStock: 'MIN_ABOVE_STOCK',
  // each participant takes at least one unit, so the stock caps how many can ever join
  minPeopleAboveStock: 'MIN_PEOPLE_ABOVE_STOCK',
  timeUnreadable: 'TIME_UNREADABLE',
  cutoffInPast: 'CUTOFF_IN_PAST',
  pickupBeforeCutoff: 'PICKUP_BEFORE_CUTOFF',
  pickupEndNotAfterStart: 'PICKUP_END_NOT_AFTER_START',
  noPickupPoints: 'NO_PICKUP_POINTS',
} as const
export type DealInputCode = (typeof DealInputCode)[keyof typeof DealInputCode]

/** The field of DealInput a problem is shown under. */
export type DealInputField =
  | 'name'
  | 'spec'
  | 'listPriceFen'
  | 'tiers'
  | 'minToSucceed'
  | 'stockUnits'
  | 'perUserLimit'
  | 'cutoffAt'
  | 'pickupStart'
  | 'pickupEnd'
  | 'pickupPointIds'

export interface DealInputProblem {
  field: DealInputField
  code: DealInputCode
  /** for INVALID_TIERS: what is wrong with which tier */
  tiers?: TierProblem[]
}

const positive = (n: number) => Number.isSafeInteger(n) && n >= 1
const optionalPositive = (n: number | null | undefined) => n === null || n === undefined || positive(n)

/**
 * Why a deal could never reach its minimum within its stock and per-shopper limit, or null.
 * By units: the stock must hold the minimum (any number of shoppers may each buy up to the limit).
 * By people: every participant buys at least one unit, so at most `stock` people can ever join
 * (a limit of at least 1 lets each take exactly one). Stock 2, limit 1, minimum 3 people: never.
 */
export function cannotReachMinimum(input: Pick<DealInput, 'tierBasis' | 'minToSucceed' | 'stockUnits' | 'perUserLimit'>): DealInputCode | null {
  const stock = input.stockUnits
  if (stock === null || stock === undefined || !positive(stock)) return null
  if (input.minToSucceed <= stock) return null
  return input.tierBasis === TierBasis.units ? DealInputCode.minAboveStock : DealInputCode.minPeopleAboveStock
}

/** A deal's terms: everything a leader writes but where it is picked up (a supplier deal has no points of its own). */
export type DealTerms = Omit<DealInput, 'pickupPointIds'>

/**
 * Every rule of a deal's input, at most one problem per field, in the order the form shows them.
 * The leader's form checks it before saving and the server again before writing; the server alone
 * also checks that the pickup points are the leader's own (that needs the database).
 */
export function validateDealInput(input: DealInput, now: Instant): DealInputProblem[] {
  const problems = validateDealTerms(input, now)
  if (new Set(input.pickupPointIds).size === 0) problems.push({ field: 'pickupPointIds', code: DealInputCode.noPickupPoints })
  return problems
}

/** The rules of a deal's terms (validateDealInput but the pickup points): the same for a leader's deal and a supplier's. */
export function validateDealTerms(input: DealTerms, now: Instant): DealInputProblem[] {
  const problems: DealInputProblem[] = []
  const add = (field: DealInputField, code: DealInputCode) => problems.push({ field, code })
  if (!input.product.name.trim()) add('name', DealInputCode.nameMissing)
  if (!input.product.spec.trim()) add('spec', DealInputCode.specMissing)
  const listPriceOk = positive(input.listPriceFen)
  if (!listPriceOk) add('listPriceFen', DealInputCode.listPriceInvalid)
  const tiers = validateTiers(input.tiers, listPriceOk ? input.listPriceFen : undefined)
  if (tiers.length > 0) problems.push({ field: 'tiers', code: DealInputCode.tiersInvalid, tiers })
  if (!positive(input.minToSucceed)) add('minToSucceed', DealInputCode.minNotPositive)
  else {
    const cannot = cannotReachMinimum(input)
    if (cannot) add('minToSucceed', cannot)
  }
  if (!optionalPositive(input.stockUnits)) add('stockUnits', DealInputCode.stockNotPositive)
  if (!optionalPositive(input.perUserLimit)) add('perUserLimit', DealInputCode.limitNotPositive)

  const cutoff = readInstant(input.cutoffAt)
  const start = readInstant(input.pickupStart)
  const end = readInstant(input.pickupEnd)
  if (cutoff === null) add('cutoffAt', DealInputCode.timeUnreadable)
  else if (cutoff <= readInstant(now)!) add('cutoffAt', DealInputCode.cutoffInPast)
  if (start === null) add('pickupStart', DealInputCode.timeUnreadable)
  else if (end === null) add('pickupEnd', DealInputCode.timeUnreadable)
  else if (cutoff !== null && start < cutoff) add('pickupStart', DealInputCode.pickupBeforeCutoff)
  else if (end <= start) add('pickupEnd', DealInputCode.pickupEndNotAfterStart)
  return problems
}

// -- a supplier's deal: the same terms, plus the commission offered and the delivery day ----------

/** What is wrong with a supplier deal's own parts (its terms are DealInputCode's). */
export const SupplierDealCode = {
  commissionInvalid: 'COMMISSION_INVALID',
  deliveryDateUnreadable: 'DELIVERY_DATE_UNREADABLE',
  deliveryBeforeCutoff: 'DELIVERY_BEFORE_CUTOFF',
} as const
export type SupplierDealCode = (typeof SupplierDealCode)[keyof typeof SupplierDealCode]

export type SupplierDealProblem = DealInputProblem | { field: 'commissionBps' | 'deliveryDate'; code: SupplierDealCode; tiers?: undefined }

/**
 * A supplier deal's rules: the deal's terms (validateDealTerms, the leader's very rules), a
 * commission of 0 to 30% in whole basis points, and a delivery day (Shanghai, YYYY-MM-DD) on or
 * after the Shanghai day of the cutoff — goods are delivered once the orders are known.
 */
export function validateSupplierDealInput(input: SupplierDealInput, now: Instant): SupplierDealProblem[] {
  const problems: SupplierDealProblem[] = validateDealTerms(input, now)
  const bps = input.commissionBps
  if (!Number.isSafeInteger(bps) || bps < 0 || bps > SUPPLIER_COMMISSION_MAX_BPS) {
    problems.push({ field: 'commissionBps', code: SupplierDealCode.commissionInvalid })
  }
  if (shanghaiDayRange(input.deliveryDate) === null) {
    problems.push({ field: 'deliveryDate', code: SupplierDealCode.deliveryDateUnreadable })
  } else if (readInstant(input.cutoffAt) !== null && input.deliveryDate < shanghaiDate(input.cutoffAt)) {
    problems.push({ field: 'deliveryDate', code: SupplierDealCode.deliveryBeforeCutoff })
  }
  return problems
}
