/**
 * The operator console's `t`: its own tables (kept out of the shoppers' main package), read the same
 * way as the shoppers' words. Importing this module also teaches the error words the console's codes.
 */
import { useBarTitle } from '../index'
import { addErrorWords } from '../errors'
import { useLocale } from '../store'
import { translator } from '../translator'
import { adminEn, adminEnOne } from './en'
import { adminZhCN, type AdminKey } from './zh-CN'

export type { AdminKey } from './zh-CN'

export const at = translator<AdminKey>({ 'zh-CN': adminZhCN, en: adminEn }, adminEnOne)

addErrorWords(at)

/** Re-renders the component when the language changes; returns the console's `t`. */
export function useAdminT(): typeof at {
  useLocale((s) => s.locale)
  return at
}

/** The page's navigation-bar title from the console's words. */
export function useAdminTitle(key: AdminKey) {
  useLocale((s) => s.locale)
  useBarTitle(at(key))
}
