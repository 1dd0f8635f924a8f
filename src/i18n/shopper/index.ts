/**
 * The shopper subpackage's `t`: the shoppers' words (../zh-CN.ts, in the main package) and the words
 * only this subpackage shows (./zh-CN.ts: an order, its timeline, proxy pickup, after-sales, pickup
 * points, the basket), read as one table. Imported only from the shopper subpackage and the
 * components only it uses, so the weapp main package does not carry these words.
 */
import { useBarTitle } from '../index'
import { en, enOne } from '../en'
import { useLocale } from '../store'
import { translator } from '../translator'
import { zhCN, type MessageKey as MainKey } from '../zh-CN'
import { shopperEn, shopperEnOne } from './en'
import { shopperZhCN, type ShopperKey } from './zh-CN'

export type { ShopperKey } from './zh-CN'
/** A key of either table. */
export type MessageKey = MainKey | ShopperKey

export const t = translator<MessageKey>({ 'zh-CN': { ...zhCN, ...shopperZhCN }, en: { ...en, ...shopperEn } }, { ...enOne, ...shopperEnOne })

/** Re-renders the component when the language changes; returns `t`. */
export function useT(): typeof t {
  useLocale((s) => s.locale)
  return t
}

/** The page's navigation-bar title from these words (see usePageTitle in ..). */
export function usePageTitle(key: MessageKey) {
  useLocale((s) => s.locale)
  useBarTitle(t(key))
}
