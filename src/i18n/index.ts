/**
 * A tiny i18n layer: message tables per locale, `t(key, params)` for the current locale, and the
 * words for what the domain returns as codes and numbers (next tier, countdown, dates).
 */
import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { formatFen, type Countdown, type Instant } from '@/domain'
import { clockIn, dateTimeIn, windowIn } from './dates'
import { en, enOne } from './en'
import { useLocale } from './store'
import { translator } from './translator'
import { zhCN, type MessageKey } from './zh-CN'

export { useLocale, type Locale } from './store'
export type { MessageKey } from './zh-CN'

export { format, type Params } from './translator'

/** The shoppers' words (the leader console has its own tables in ./leader). */
export const t = translator<MessageKey>({ 'zh-CN': zhCN, en }, enOne)

/** Re-renders the component when the language changes; returns `t`. */
export function useT(): typeof t {
  useLocale((s) => s.locale)
  return t
}

const TABS: MessageKey[] = ['tab.home', 'tab.orders', 'tab.me']

/**
 * The page's navigation-bar title and the tab bar in the current language (their Chinese defaults
 * live in the page configs); again whenever the page shows or the language changes.
 */
export function usePageTitle(key: MessageKey, tabPage = false) {
  useBarTitle(t(key), tabPage)
}

/** usePageTitle for any words (the leader console's titles come from its own tables). */
export function useBarTitle(title: string, tabPage = false) {
  const locale = useLocale((s) => s.locale)
  const apply = () => {
    // a page without a navigation bar or tab bar (a test, a custom bar) simply keeps its defaults
    const quietly = (call: () => Promise<unknown> | undefined) => {
      try {
        void call()?.catch(() => undefined)
      } catch {
        // not available here
      }
    }
    quietly(() => Taro.setNavigationBarTitle({ title }))
    if (tabPage) TABS.forEach((tab, index) => quietly(() => Taro.setTabBarItem({ index, text: t(tab) })))
  }
  useEffect(apply, [locale, title, tabPage])
  useDidShow(apply)
}

export const isEnglish = () => useLocale.getState().locale === 'en'

/** Taro.showModal with its buttons in the reader's language (H5 draws "确定"/"取消" by default). */
export const showModal = (options: Taro.showModal.Option) =>
  Taro.showModal({ confirmText: t('common.ok'), cancelText: t('common.cancel'), ...options })

/** "再邀2人 享¥8.80" / "2 more unlock ¥8.80": the domain's next tier in words; null at the lowest price. */
export function tierLabel(basis: 'people' | 'units', next: { remaining: number; unitPriceFen: number } | null): string | null {
  if (!next) return null
  const price = formatFen(next.unitPriceFen)
  return t(basis === 'people' ? 'tier.nextPeople' : 'tier.nextUnits', { n: next.remaining, price })
}

/** "1天 03:12:45" / "1d 03:12:45", "03:12:45": the domain's countdown in words. */
export function countdownLabel(c: Countdown): string {
  const two = (n: number) => String(n).padStart(2, '0')
  const clock = `${two(c.hours)}:${two(c.minutes)}:${two(c.seconds)}`
  return c.days > 0 ? t('countdown.days', { days: c.days, clock }) : clock
}

/** "3件" / "3 pcs". */
export const units = (n: number) => t('common.units', { n })

/** "11月27日 16:00" / "Nov 27 16:00", in Shanghai time. */
export function dateTimeLabel(at: Instant): string {
  return dateTimeIn(useLocale.getState().locale, at)
}

/** "11月27日 16:00-20:00" / "Nov 27 16:00-20:00"; both dates when the window spans days. */
export function windowLabel(start: Instant, end: Instant): string {
  return windowIn(useLocale.getState().locale, start, end)
}

/** "16:00", Shanghai time. */
export const clockLabel = (at: Instant) => clockIn(at)
