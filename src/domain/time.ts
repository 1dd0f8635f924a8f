import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Instants are stored in UTC and shown in Shanghai time. */
export const DISPLAY_TZ = 'Asia/Shanghai'

export type Instant = string | number | Date

/** "2026-11-27 08:00:00" or "2026-11-27T08:00": a date-time with no zone, which we store only in UTC */
const ZONELESS = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/

/**
 * Milliseconds since the epoch. A string without a zone is read as UTC (Date.parse would read it in
 * the device's zone, eight hours off on a phone in China); an unreadable instant throws rather than
 * becoming NaN, which would make a cutoff never pass.
 */
const ms = (t: Instant): number => {
  let value: number
  if (t instanceof Date) value = t.getTime()
  else if (typeof t === 'number') value = t
  else {
    const m = ZONELESS.exec(t.trim())
    value = Date.parse(m ? `${m[1]}T${m[2]}Z` : t)
  }
  if (!Number.isFinite(value)) throw new RangeError(`not an instant: ${String(t)}`)
  return value
}

/** Milliseconds since the epoch, or null for an unreadable instant (a leader's typo, a bad request). */
export function readInstant(t: Instant): number | null {
  try {
    return ms(t)
  } catch {
    return null
  }
}

export function isPastCutoff(cutoffAt: Instant, now: Instant): boolean {
  return ms(now) >= ms(cutoffAt)
}

export interface Countdown {
  totalMs: number
  days: number
  hours: number
  minutes: number
  seconds: number
}

export function countdown(until: Instant, now: Instant): Countdown {
  const totalMs = Math.max(0, ms(until) - ms(now))
  const s = Math.floor(totalMs / 1000)
  return {
    totalMs,
    days: Math.floor(s / 86_400),
    hours: Math.floor((s % 86_400) / 3600),
    minutes: Math.floor((s % 3600) / 60),
    seconds: s % 60,
  }
}

/** An instant's wall-clock parts in Shanghai time (month 1-12): what src/i18n words as a date. */
export interface ShanghaiParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export function shanghaiParts(t: Instant): ShanghaiParts {
  const d = shanghaiWall(t)
  return { year: d.year(), month: d.month() + 1, day: d.date(), hour: d.hour(), minute: d.minute() }
}

/**
 * Asia/Shanghai has kept UTC+8 all year since 1991 (no daylight saving), so its wall clock is UTC
 * plus eight hours: read that way, without a time-zone lookup per instant (a leader's earnings
 * place thousands of orders in their week; dayjs's tz plugin asks Intl for each one).
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000
const shanghaiWall = (t: Instant) => dayjs.utc(ms(t) + SHANGHAI_OFFSET_MS)

/**
 * An instant in Shanghai time by a numeric dayjs pattern ("HH:mm", "YYYY-MM-DD HH:mm"): for machines
 * and clocks. Dates in words ("Nov 27" and its Chinese form) are src/i18n's.
 */
export function formatShanghai(t: Instant, pattern: string): string {
  return shanghaiWall(t).format(pattern)
}

/** The Shanghai calendar date of an instant, "YYYY-MM-DD" (a picking list's delivery date). */
export function shanghaiDate(t: Instant): string {
  return formatShanghai(t, 'YYYY-MM-DD')
}

/** [start, end) in UTC of a Shanghai calendar date "YYYY-MM-DD". */
export function shanghaiDayRange(date: string): { start: Date; end: Date } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const start = dayjs.tz(date, DISPLAY_TZ)
  if (!start.isValid() || start.format('YYYY-MM-DD') !== date) return null
  return { start: start.toDate(), end: start.add(1, 'day').toDate() }
}

/** Server clock minus client clock, measured when a response carrying serverNow arrives. */
export function clockOffsetMs(serverNow: Instant, clientNow: Instant): number {
  return ms(serverNow) - ms(clientNow)
}
