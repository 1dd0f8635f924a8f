/**
 * A tiny i18n layer: message tables per locale, `t(key, params)` for the current locale, and the
 * words for what the domain returns as codes and numbers (next tier, countdown, dates).
 */
import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { formatFen, type Countdown, type Instant } from '@/domain'
import { clockIn, dateTimeIn, windowIn } from './dates'
import type { Message, MessageKind } from '../../types/api'
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

const MESSAGE_TITLES: Record<MessageKind, MessageKey> = {
  deal_succeeded: 'messages.kind.deal_succeeded',
  deal_failed: 'messages.kind.deal_failed',
  goods_arrived: 'messages.kind.goods_arrived',
  pickup_reminder: 'messages.kind.pickup_reminder',
  pickup_grace_reminder: 'messages.kind.pickup_grace_reminder',
  order_unclaimed: 'messages.kind.order_unclaimed',
  after_sales_requested: 'messages.kind.after_sales_requested',
  after_sales_approved: 'messages.kind.after_sales_approved',
  after_sales_refused: 'messages.kind.after_sales_refused',
  after_sales_escalated: 'messages.kind.after_sales_escalated',
  after_sales_decided: 'messages.kind.after_sales_decided',
  // the answer to a leader application
  leader_application_approved: 'messages.kind.leader_application_approved',
  leader_application_rejected: 'messages.kind.leader_application_rejected',
  supplier_application_approved: 'messages.kind.supplier_application_approved',
  supplier_application_rejected: 'messages.kind.supplier_application_rejected',
  shortage_refunded: 'messages.kind.shortage_refunded',
  payout_succeeded: 'messages.kind.payout_succeeded',
  payout_failed: 'messages.kind.payout_failed',
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
    // pickupEnd carries the end of the grace period
    case 'pickup_grace_reminder':
    case 'order_unclaimed':
      return t(`messages.body.${m.kind}`, { deal: f.deal, point: f.point, time: at(f.pickupEnd) })
    case 'after_sales_requested':
    case 'after_sales_approved':
      return t(`messages.body.${m.kind}`, { deal: f.deal, amount: fen(f.amountFen) })
    case 'after_sales_refused':
    case 'after_sales_escalated':
      return t(`messages.body.${m.kind}`, { deal: f.deal })
    case 'after_sales_decided':
      return f.amountFen
        ? t('messages.body.after_sales_decided_refund', { deal: f.deal, amount: fen(f.amountFen) })
        : t('messages.body.after_sales_decided', { deal: f.deal })
    // the admin's reason is shown as written
    case 'leader_application_approved':
      return t('messages.body.leader_application_approved', { point: f.point })
    case 'leader_application_rejected':
      return t('messages.body.leader_application_rejected', { reason: f.note ?? '' })
    case 'supplier_application_approved':
      return t('messages.body.supplier_application_approved')
    case 'supplier_application_rejected':
      return t('messages.body.supplier_application_rejected', { reason: f.note ?? '' })
    // amountFen: what is refunded; note: how many units were short
    case 'shortage_refunded':
      return t('messages.body.shortage_refunded', { deal: f.deal, point: f.point, n: f.note ?? '', amount: fen(f.amountFen) })
    case 'payout_succeeded':
      return t('messages.body.payout_succeeded', { amount: fen(f.amountFen) })
    case 'payout_failed':
      return t('messages.body.payout_failed', { amount: fen(f.amountFen), reason: f.note ?? '' })
    default:
      return m.body
  }
}
