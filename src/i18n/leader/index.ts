/**
 * The leader console's `t`: its own tables (kept out of the shoppers' main package), read the same
 * way as the shoppers' words. Importing this module also teaches the error words the console's own
 * codes (a wrong pickup code, a draft that is no longer a draft, ...).
 */
import { useBarTitle } from '../index'
import { addErrorWords } from '../errors'
import { useLocale } from '../store'
import { translator } from '../translator'
import { leaderEn, leaderEnOne } from './en'
import { leaderZhCN, type LeaderKey } from './zh-CN'

export type { LeaderKey } from './zh-CN'

export const lt = translator<LeaderKey>({ 'zh-CN': leaderZhCN, en: leaderEn }, leaderEnOne)

addErrorWords(lt)

/** Re-renders the component when the language changes; returns the console's `t`. */
export function useLeaderT(): typeof lt {
  useLocale((s) => s.locale)
  return lt
}

/** The page's navigation-bar title from the console's words. */
export function useLeaderTitle(key: LeaderKey) {
  useLocale((s) => s.locale)
  useBarTitle(lt(key))
}

/** "人" / "people" or "件" / "pcs": what a deal's tiers count ("person" / "pc" for a count of one). */
export const unitWord = (basis: 'people' | 'units', n?: number) =>
  lt(basis === 'people' ? 'common.unit.people' : 'common.unit.units', n === undefined ? undefined : { n })
