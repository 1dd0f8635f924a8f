import type { DealDetail, DealInput, TierBasis } from '../../../types/api'
import { parseYuan, validateDealInput, type DealInputField } from '@/domain'
import { lt } from '@/i18n/leader'
import { defaultTimes, fromLocalParts, toLocalParts } from './datetime'
import { checkTierRows, rowsFromTiers, type TierRow } from './tier-rows'

interface When {
  date: string
  time: string
}

/** The deal as the leader types it: text everywhere, read once on save. */
export interface DealForm {
  title: string
  name: string
  spec: string
  description: string
  images: string[]
  listPrice: string
  basis: TierBasis
  tiers: TierRow[]
  minToSucceed: string
  stock: string
  perUserLimit: string
  cutoff: When
  pickupStart: When
  pickupEnd: When
  pickupPointIds: string[]
}

export type DealFormErrors = Partial<Record<keyof DealForm, string>>

export function emptyDealForm(nowMs: number, pointIds: string[]): DealForm {
  const t = defaultTimes(nowMs)
  return {
    title: '',
    name: '',
    spec: '',
    description: '',
    images: [],
    listPrice: '',
    basis: 'people',
    tiers: [
      { threshold: '1', price: '' },
      { threshold: '5', price: '' },
    ],
    minToSucceed: '3',
    stock: '',
    perUserLimit: '',
    cutoff: toLocalParts(t.cutoffAt),
    pickupStart: toLocalParts(t.pickupStart),
    pickupEnd: toLocalParts(t.pickupEnd),
    pickupPointIds: pointIds.slice(0, 1),
  }
}

export function dealFormFrom(deal: DealDetail): DealForm {
  return {
    title: deal.title,
    name: deal.product.name,
    spec: deal.product.spec,
    description: deal.product.description ?? '',
    images: deal.product.images ?? [],
    listPrice: (deal.listPriceFen / 100).toFixed(2),
    basis: deal.tierBasis,
    tiers: rowsFromTiers(deal.tiers),
    minToSucceed: String(deal.minToSucceed),
    stock: deal.stockUnits === null ? '' : String(deal.stockUnits),
    perUserLimit: deal.perUserLimit === null ? '' : String(deal.perUserLimit),
    cutoff: toLocalParts(deal.cutoffAt),
    pickupStart: toLocalParts(deal.pickupStart),
    pickupEnd: toLocalParts(deal.pickupEnd),
    pickupPointIds: deal.pickupPoints.map((p) => p.id),
  }
}

/** The form field each of the domain's deal-input fields is shown under. */
const FORM_FIELD: Record<DealInputField, keyof DealForm> = {
  name: 'name',
  spec: 'spec',
  listPriceFen: 'listPrice',
  tiers: 'tiers',
  minToSucceed: 'minToSucceed',
  stockUnits: 'stock',
  perUserLimit: 'perUserLimit',
  cutoffAt: 'cutoff',
  pickupStart: 'pickupStart',
  pickupEnd: 'pickupEnd',
  pickupPointIds: 'pickupPointIds',
}

// what is not a whole number reads as NaN, which the domain's rules refuse like any bad number
const wholeNumber = (text: string): number => (/^\s*\d{1,7}\s*$/.test(text) ? Number(text) : NaN)
const optionalWhole = (text: string): number | null => (text.trim() === '' ? null : wholeNumber(text))

/**
 * Reads the form and checks it with the domain's validateDealInput, the very rules the server runs
 * again; each problem is worded (src/i18n) under the field it is about.
 */
export function checkDealForm(form: DealForm, nowMs: number): { input: DealInput | null; errors: DealFormErrors } {
  const tierCheck = checkTierRows(form.tiers, parseYuan(form.listPrice))
  const input: DealInput = {
    title: form.title.trim() || `${form.name.trim()} ${form.spec.trim()}`,
    product: {
      name: form.name.trim(),
      spec: form.spec.trim(),
      description: form.description.trim(),
      images: form.images,
    },
    listPriceFen: parseYuan(form.listPrice) ?? NaN,
    tierBasis: form.basis,
    // rows that do not read as numbers are the editor's to explain: the ladder is checked once they do
    tiers: tierCheck.tiers ?? [],
    minToSucceed: wholeNumber(form.minToSucceed),
    stockUnits: optionalWhole(form.stock),
    perUserLimit: optionalWhole(form.perUserLimit),
    cutoffAt: fromLocalParts(form.cutoff.date, form.cutoff.time),
    pickupStart: fromLocalParts(form.pickupStart.date, form.pickupStart.time),
    pickupEnd: fromLocalParts(form.pickupEnd.date, form.pickupEnd.time),
    pickupPointIds: form.pickupPointIds,
  }
  const errors: DealFormErrors = {}
  for (const problem of validateDealInput(input, nowMs)) errors[FORM_FIELD[problem.field]] = lt(`dealInput.${problem.code}`)
  if (tierCheck.problems.length) errors.tiers = lt('dealInput.INVALID_TIERS')
  return Object.keys(errors).length ? { input: null, errors } : { input, errors }
}
