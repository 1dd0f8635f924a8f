import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { DISPLAY_TZ } from '@/domain'

dayjs.extend(utc)
dayjs.extend(timezone)

/** An instant as the date and time pickers show it, in Shanghai time. */
export function toLocalParts(iso: string): { date: string; time: string } {
  const t = dayjs(iso).tz(DISPLAY_TZ)
  return { date: t.format('YYYY-MM-DD'), time: t.format('HH:mm') }
}

/** The pickers' date and time (Shanghai) back to a UTC instant. */
export function fromLocalParts(date: string, time: string): string {
  return dayjs.tz(`${date}T${time}:00`, DISPLAY_TZ).toISOString()
}

/** Today's date in Shanghai, given the server's now. */
export const shanghaiToday = (nowMs: number) => dayjs(nowMs).tz(DISPLAY_TZ).format('YYYY-MM-DD')

export const addDays = (date: string, days: number) => dayjs.tz(`${date}T12:00:00`, DISPLAY_TZ).add(days, 'day').format('YYYY-MM-DD')

/** Sensible defaults for a new deal: cutoff tonight 20:00 (or tomorrow's if past), pickup the next day 9-18. */
export function defaultTimes(nowMs: number): { cutoffAt: string; pickupStart: string; pickupEnd: string } {
  const today = shanghaiToday(nowMs)
  let cutoffAt = fromLocalParts(today, '20:00')
  if (Date.parse(cutoffAt) - nowMs < 60 * 60_000) cutoffAt = fromLocalParts(addDays(today, 1), '20:00')
  const pickupDay = addDays(toLocalParts(cutoffAt).date, 1)
  return { cutoffAt, pickupStart: fromLocalParts(pickupDay, '09:00'), pickupEnd: fromLocalParts(pickupDay, '18:00') }
}
