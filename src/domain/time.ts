import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Instants are stored in UTC and shown in Shanghai time. */
export const DISPLAY_TZ = 'Asia/Shanghai'

type Instant = string | number | Date

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

const two = (n: number) => String(n).padStart(2, '0')

/** "2天 03:12:45", "03:12:45"; the caller shows 已截单 when totalMs is 0 */
export function formatCountdown(c: Countdown): string {
  const clock = `${two(c.hours)}:${two(c.minutes)}:${two(c.seconds)}`
  return c.days > 0 ? `${c.days}天 ${clock}` : clock
}

export function formatShanghai(t: Instant, pattern = 'M月D日 HH:mm'): string {
  return dayjs(ms(t)).tz(DISPLAY_TZ).format(pattern)
}

/** "11月27日 16:00-20:00", or both dates when the window spans days */
export function formatWindow(start: Instant, end: Instant): string {
  const sameDay = formatShanghai(start, 'YYYY-MM-DD') === formatShanghai(end, 'YYYY-MM-DD')
  return sameDay
    ? `${formatShanghai(start)}-${formatShanghai(end, 'HH:mm')}`
    : `${formatShanghai(start)} - ${formatShanghai(end)}`
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
