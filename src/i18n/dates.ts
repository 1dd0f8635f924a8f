/**
 * Dates in words, in either language, from the domain's Shanghai parts. No Taro and no store: the
 * app's labels (./index) pass the current locale, and the server words its Chinese fallbacks with
 * the same tables.
 */
import { shanghaiDate, shanghaiParts, type Instant } from '../domain/time'
import type { Locale } from './store'
import { en } from './en'
import { zhCN } from './zh-CN'

type DateKey = 'date.dateTime' | 'date.monthNames' | 'date.window.sameDay' | 'date.window.days'

const TABLES: Record<Locale, Record<DateKey, string>> = { 'zh-CN': zhCN, en }

const two = (n: number) => String(n).padStart(2, '0')
const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))

/** "16:00", Shanghai time (the same in both languages). */
export function clockIn(at: Instant): string {
  const p = shanghaiParts(at)
  return `${two(p.hour)}:${two(p.minute)}`
}

/** "11月27日 16:00" / "Nov 27 16:00", Shanghai time. */
export function dateTimeIn(locale: Locale, at: Instant): string {
  const table = TABLES[locale] ?? TABLES['zh-CN']
  const p = shanghaiParts(at)
  const monthName = table['date.monthNames'].split(' ')[p.month - 1]
  return fill(table['date.dateTime'], { monthName, day: p.day, time: clockIn(at) })
}

/** "11月27日 16:00-20:00" / "Nov 27 16:00-20:00"; both dates when the window spans days. */
export function windowIn(locale: Locale, start: Instant, end: Instant): string {
  const table = TABLES[locale] ?? TABLES['zh-CN']
  return shanghaiDate(start) === shanghaiDate(end)
    ? fill(table['date.window.sameDay'], { start: dateTimeIn(locale, start), endTime: clockIn(end) })
    : fill(table['date.window.days'], { start: dateTimeIn(locale, start), end: dateTimeIn(locale, end) })
}
