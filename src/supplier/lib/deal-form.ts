import type { SupplierDeal, SupplierDealInput } from '../../../types/api'
import { validateSupplierDealInput } from '@/domain'
import { st } from '@/i18n/supplier'
import { fromLocalParts } from '@/leader/lib/datetime'
import { checkDealForm, dealFormFrom, emptyDealForm, type DealForm, type DealFormErrors } from '@/leader/lib/deal-form'

/** The leader's deal form (product, photos, tiers, minimum, stock, limit, times) plus what a supplier offers. */
export interface SupplierDealForm extends DealForm {
  /** the commission offered to help-selling leaders, in percent as typed ("10", "8.5") */
  commission: string
  /** YYYY-MM-DD, Shanghai */
  deliveryDate: string
}

export type SupplierDealFormErrors = DealFormErrors & { commission?: string; deliveryDate?: string }

export function emptySupplierDealForm(nowMs: number): SupplierDealForm {
  const form = emptyDealForm(nowMs, [])
  // delivered the morning the neighbours collect
  return { ...form, commission: '10', deliveryDate: form.pickupStart.date }
}

export function supplierDealFormFrom(deal: SupplierDeal): SupplierDealForm {
  return {
    ...dealFormFrom(deal),
    pickupPointIds: [],
    commission: String(Number((deal.commissionBps / 100).toFixed(2))),
    deliveryDate: deal.deliveryDate,
  }
}

/** "8.5" -> 850 basis points; what does not read as a percentage with at most two decimals is NaN. */
export const percentToBps = (text: string): number => (/^\s*\d{1,3}(\.\d{1,2})?\s*$/.test(text) ? Math.round(Number(text) * 100) : NaN)

/**
 * Reads the form with the leader's checkDealForm (a supplier deal has no pickup points of its own:
 * leaders opt theirs in, so that one rule is left out), then the supplier's own rules with the
 * domain's validateSupplierDealInput — the very rules the server runs again.
 */
export function checkSupplierDealForm(form: SupplierDealForm, nowMs: number): { input: SupplierDealInput | null; errors: SupplierDealFormErrors } {
  const terms = checkDealForm({ ...form, pickupPointIds: ['supplier-deal'] }, nowMs)
  const commissionBps = percentToBps(form.commission)
  const cutoffAt = terms.input?.cutoffAt ?? fromLocalParts(form.cutoff.date, form.cutoff.time)
  // the terms' own problems are the leader form's to word; here only the supplier's two fields
  const base = terms.input ?? {
    title: '',
    product: { name: '', spec: '', description: '', images: [] },
    listPriceFen: 0,
    tierBasis: form.basis,
    tiers: [],
    minToSucceed: 0,
    stockUnits: null,
    perUserLimit: null,
    cutoffAt,
    pickupStart: cutoffAt,
    pickupEnd: cutoffAt,
  }
  const { pickupPointIds: _points, ...dealTerms } = { pickupPointIds: [], ...base }
  const input: SupplierDealInput = { ...dealTerms, commissionBps, deliveryDate: form.deliveryDate }
  const errors: SupplierDealFormErrors = { ...terms.errors }
  delete errors.pickupPointIds
  for (const problem of validateSupplierDealInput(input, nowMs)) {
    if (problem.field === 'commissionBps') errors.commission = st('dealInput.COMMISSION_INVALID')
    if (problem.field === 'deliveryDate')
      errors.deliveryDate = st(`dealInput.${problem.code as 'DELIVERY_BEFORE_CUTOFF' | 'DELIVERY_DATE_UNREADABLE'}`)
  }
  return terms.input && Object.keys(errors).length === 0 ? { input, errors } : { input: null, errors }
}
