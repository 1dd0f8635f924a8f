import type { DealDetail, DealInput, TierBasis } from '../../../types/api'
import { parseYuan } from '@/domain'
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

const positiveInt = (text: string): number | null => (/^\s*[1-9]\d{0,6}\s*$/.test(text) ? Number(text) : null)

/** Reads the form; each problem is keyed by the field it is shown under. */
export function checkDealForm(form: DealForm, nowMs: number): { input: DealInput | null; errors: DealFormErrors } {
  const errors: DealFormErrors = {}
  if (!form.name.trim()) errors.name = '请填写商品名称'
  if (!form.spec.trim()) errors.spec = '请填写规格，如 500g/盒'
  const listPriceFen = parseYuan(form.listPrice)
  if (listPriceFen === null || listPriceFen < 1) errors.listPrice = '请填写原价，如 29.90'
  const tierCheck = checkTierRows(form.tiers, listPriceFen)
  if (tierCheck.problems.length) errors.tiers = '阶梯价还有问题，见上方提示'
  const min = positiveInt(form.minToSucceed)
  if (min === null) errors.minToSucceed = '成团数须为正整数'
  const stock = form.stock.trim() === '' ? null : positiveInt(form.stock)
  if (form.stock.trim() !== '' && stock === null) errors.stock = '库存须为正整数，不限请留空'
  const limit = form.perUserLimit.trim() === '' ? null : positiveInt(form.perUserLimit)
  if (form.perUserLimit.trim() !== '' && limit === null) errors.perUserLimit = '限购须为正整数，不限请留空'
  if (stock !== null && min !== null && form.basis === 'units' && min > stock) errors.minToSucceed = '成团件数不能超过库存'

  const cutoffAt = fromLocalParts(form.cutoff.date, form.cutoff.time)
  const pickupStart = fromLocalParts(form.pickupStart.date, form.pickupStart.time)
  const pickupEnd = fromLocalParts(form.pickupEnd.date, form.pickupEnd.time)
  if (Date.parse(cutoffAt) <= nowMs) errors.cutoff = '截单时间须晚于现在'
  if (pickupStart < cutoffAt) errors.pickupStart = '提货须在截单之后'
  else if (pickupEnd <= pickupStart) errors.pickupEnd = '提货结束须晚于开始'
  if (form.pickupPointIds.length === 0) errors.pickupPointIds = '至少选择一个自提点'

  if (Object.keys(errors).length) return { input: null, errors }
  return {
    input: {
      title: form.title.trim() || `${form.name.trim()} ${form.spec.trim()}`,
      product: {
        name: form.name.trim(),
        spec: form.spec.trim(),
        description: form.description.trim(),
        images: form.images,
      },
      listPriceFen: listPriceFen!,
      tierBasis: form.basis,
      tiers: tierCheck.tiers!,
      minToSucceed: min!,
      stockUnits: stock,
      perUserLimit: limit,
      cutoffAt,
      pickupStart,
      pickupEnd,
      pickupPointIds: form.pickupPointIds,
    },
    errors,
  }
}
