/**
 * The supplier console's `t` (and the leader's help-selling screens'): its own tables, kept out of the
 * shoppers' main package, read the same way as the shoppers' words. Importing this module also
 * teaches the error words the help-selling and receipt codes.
 */
import { useBarTitle } from '../index'
import { addErrorWords } from '../errors'
import { useLocale } from '../store'
import { translator } from '../translator'
import { supplierEn, supplierEnOne } from './en'
import { supplierZhCN, type SupplierKey } from './zh-CN'

export type { SupplierKey } from './zh-CN'

export const st = translator<SupplierKey>({ 'zh-CN': supplierZhCN, en: supplierEn }, supplierEnOne)

addErrorWords(st)

/** Re-renders the component when the language changes; returns the console's `t`. */
export function useSupplierT(): typeof st {
  useLocale((s) => s.locale)
  return st
}

/** The page's navigation-bar title from the console's words. */
export function useSupplierTitle(key: SupplierKey) {
  useLocale((s) => s.locale)
  useBarTitle(st(key))
}

/** A distance in metres as the console says it: metres under 1 km, else km with one decimal. */
export const distanceText = (m: number) => (m < 1000 ? st('common.m', { m }) : st('common.km', { km: (Math.round(m / 100) / 10).toFixed(1) }))

/** basis points as a percentage without trailing zeros: 1000 -> "10", 850 -> "8.5". */
export const rateText = (bps: number) => String(Number((bps / 100).toFixed(2)))
