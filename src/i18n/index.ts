/**
 * A tiny i18n layer: message tables per locale, `t(key, params)` for the current locale, and
 * English forms of the domain's Chinese labels and dates (the domain itself stays Chinese-only).
 */
import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { formatCountdown, formatFen, formatShanghai, formatWindow, nextTierLabel, type Countdown } from '@/domain'
import type { Message, MessageKind } from '../../types/api'
import { en, enOne } from './en'
import { useLocale, type Locale } from './store'
import { zhCN, type MessageKey } from './zh-CN'

export { useLocale, type Locale } from './store'
export type { MessageKey } from './zh-CN'

const TABLES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en }

export type Params = Record<string, string | number>

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, params?: Params): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** The message in the current locale (Chinese when a table lacks it). */
export function t(key: MessageKey, params?: Params): string {
  const locale = useLocale.getState().locale
  const table = TABLES[locale] ?? zhCN
  const one = locale === 'en' && params?.n === 1 ? enOne[key] : undefined
  return format(one ?? table[key] ?? zhCN[key] ?? key, params)
}

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
    quietly(() => Taro.setNavigationBarTitle({ title: t(key) }))
    if (tabPage) TABS.forEach((tab, index) => quietly(() => Taro.setTabBarItem({ index, text: t(tab) })))
  }
  useEffect(apply, [locale])
  useDidShow(apply)
}

export const isEnglish = () => useLocale.getState().locale === 'en'

/** "再邀2人 享¥8.80" in Chinese (the domain's own words), "2 more unlock ¥8.80" in English. */
export function tierLabel(
  basis: 'people' | 'units',
  next: { remaining: number; unitPriceFen: number } | null,
): string | null {
  if (!next) return null
  if (!isEnglish()) return nextTierLabel(basis, next as Parameters<typeof nextTierLabel>[1])
  const price = formatFen(next.unitPriceFen)
  return t(basis === 'people' ? 'tier.nextPeople' : 'tier.nextUnits', { n: next.remaining, price })
}

/** "1天 03:12:45" / "1d 03:12:45". */
export function countdownLabel(c: Countdown): string {
  if (!isEnglish()) return formatCountdown(c)
  const two = (n: number) => String(n).padStart(2, '0')
  const clock = `${two(c.hours)}:${two(c.minutes)}:${two(c.seconds)}`
  return c.days > 0 ? t('countdown.days', { days: c.days, clock }) : clock
}

/** "3件" / "3 pcs". */
export const units = (n: number) => t('common.units', { n })

type Instant = Parameters<typeof formatShanghai>[0]

/** dayjs's default (English) month names; Shanghai time like the Chinese form. */
const EN_DATE_TIME = 'MMM D HH:mm'

/** "11月27日 16:00" / "Nov 27 16:00", in Shanghai time. */
export function dateTimeLabel(at: Instant): string {
  return isEnglish() ? formatShanghai(at, EN_DATE_TIME) : formatShanghai(at)
}

/** "11月27日 16:00-20:00" / "Nov 27 16:00-20:00"; both dates when the window spans days. */
export function windowLabel(start: Instant, end: Instant): string {
  if (!isEnglish()) return formatWindow(start, end)
  const sameDay = formatShanghai(start, 'YYYY-MM-DD') === formatShanghai(end, 'YYYY-MM-DD')
  return sameDay
    ? `${formatShanghai(start, EN_DATE_TIME)}-${formatShanghai(end, 'HH:mm')}`
    : `${formatShanghai(start, EN_DATE_TIME)} - ${formatShanghai(end, EN_DATE_TIME)}`
}

const MESSAGE_TITLES: Record<MessageKind, MessageKey> = {
  deal_succeeded: 'messages.kind.deal_succeeded',
  deal_failed: 'messages.kind.deal_failed',
  goods_arrived: 'messages.kind.goods_arrived',
  pickup_reminder: 'messages.kind.pickup_reminder',
}

const cancelled = (m: Pick<Message, 'kind' | 'facts'>) => m.kind === 'deal_failed' && m.facts?.reason === 'deal_cancelled'

/**
 * A message's title: the server's own (Chinese) words in Chinese; in English, chosen by its kind
 * (a deal the leader cancelled says so), or the server's title for a kind this app does not know.
 */
export function messageTitle(m: Pick<Message, 'kind' | 'title' | 'facts'>): string {
  const key = cancelled(m) ? 'messages.kind.deal_cancelled' : (MESSAGE_TITLES as Record<string, MessageKey | undefined>)[m.kind]
  return isEnglish() && key ? t(key) : m.title
}

/**
 * A message's text: the server's own in Chinese; in English, told again from its facts (deal,
 * point, amounts, times) — or the server's text for a message written before facts were kept, or a
 * kind this app does not know.
 */
export function messageBody(m: Pick<Message, 'kind' | 'body' | 'facts'>): string {
  const f = m.facts
  if (!isEnglish() || !f) return m.body
  const fen = (value: number | null) => formatFen(value ?? 0)
  const at = (value: string | null) => (value ? dateTimeLabel(value) : '')
  switch (m.kind) {
    case 'deal_succeeded': {
      const difference = f.refundFen ? t('messages.body.difference', { amount: fen(f.refundFen) }) : ''
      const window = f.pickupStart && f.pickupEnd ? windowLabel(f.pickupStart, f.pickupEnd) : ''
      return t('messages.body.deal_succeeded', { deal: f.deal, amount: fen(f.amountFen), difference, window, point: f.point })
    }
    case 'deal_failed':
      return t(cancelled(m) ? 'messages.body.deal_cancelled' : 'messages.body.deal_failed', { deal: f.deal, amount: fen(f.amountFen) })
    case 'goods_arrived':
      return t('messages.body.goods_arrived', { deal: f.deal, point: f.point, time: at(f.pickupEnd) })
    case 'pickup_reminder':
      return t('messages.body.pickup_reminder', { deal: f.deal, point: f.point, time: at(f.pickupEnd) })
    default:
      return m.body
  }
}
