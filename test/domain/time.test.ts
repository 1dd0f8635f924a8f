import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utcPlugin from 'dayjs/plugin/utc'
import fc from 'fast-check'
import { DISPLAY_TZ, clockOffsetMs, countdown, formatShanghai, isPastCutoff, shanghaiDate, shanghaiDayRange, shanghaiParts } from '@/domain'

dayjs.extend(utcPlugin)
dayjs.extend(timezone)

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const cutoff = '2026-11-27T12:00:00.000Z' // 20:00 in Shanghai
const cutoffMs = Date.parse(cutoff)

/**
 * Run as a phone in China would: there Date.parse reads a date-time without a zone as +08:00.
 * (process.env.TZ cannot be changed from inside a jest sandbox, so we stand in for the engine.)
 */
function onAPhoneInShanghai(run: () => void): void {
  const realParse = Date.parse
  const spy = jest
    .spyOn(Date, 'parse')
    .mockImplementation((text: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? realParse(`${text}+08:00`) : realParse(text),
    )
  try {
    run()
  } finally {
    spy.mockRestore()
  }
}

/** The countdown's clock parts (the app words it: src/i18n countdownLabel). */
const clock = (c: { days: number; hours: number; minutes: number; seconds: number }) => [c.days, c.hours, c.minutes, c.seconds]

describe('the countdown to 截单', () => {
  it('2 days 3 h 12 min 45 s before cutoff is 2 days and 03:12:45', () => {
    const now = cutoffMs - (2 * DAY + 3 * HOUR + 12 * MINUTE + 45 * SECOND)
    const c = countdown(cutoff, now)
    expect(c).toEqual({ totalMs: 2 * DAY + 3 * HOUR + 12 * MINUTE + 45 * SECOND, days: 2, hours: 3, minutes: 12, seconds: 45 })
  })

  it('under a day has no days', () => {
    expect(clock(countdown(cutoff, cutoffMs - (5 * HOUR + 7 * SECOND)))).toEqual([0, 5, 0, 7])
    expect(clock(countdown(cutoff, cutoffMs - 59 * SECOND))).toEqual([0, 0, 0, 59])
  })

  it('exactly one day is one day', () => {
    expect(clock(countdown(cutoff, cutoffMs - DAY))).toEqual([1, 0, 0, 0])
  })

  it('a part second left still shows whole seconds, and is not yet zero', () => {
    const c = countdown(cutoff, cutoffMs - 1500)
    expect(c.totalMs).toBe(1500)
    expect(clock(c)).toEqual([0, 0, 0, 1])
  })

  it('at and after cutoff nothing is left', () => {
    for (const now of [cutoffMs, cutoffMs + 1, cutoffMs + 3 * DAY]) {
      const c = countdown(cutoff, now)
      expect(c).toEqual({ totalMs: 0, days: 0, hours: 0, minutes: 0, seconds: 0 })
    }
  })

  it('takes instants as ISO strings, epoch milliseconds or Dates alike', () => {
    const now = cutoffMs - HOUR
    const expected = countdown(cutoffMs, now)
    expect(countdown(cutoff, new Date(now))).toEqual(expected)
    expect(countdown(new Date(cutoffMs), new Date(now).toISOString())).toEqual(expected)
    expect(countdown('2026-11-27T20:00:00+08:00', now)).toEqual(expected)
  })

  it('the parts always add back up to the whole seconds left (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10 * DAY, max: 400 * DAY }), (left) => {
        const c = countdown(cutoffMs, cutoffMs - left)
        expect(c.totalMs).toBe(Math.max(0, left))
        expect(c.hours).toBeLessThan(24)
        expect(c.minutes).toBeLessThan(60)
        expect(c.seconds).toBeLessThan(60)
        expect(((c.days * 24 + c.hours) * 60 + c.minutes) * 60 + c.seconds).toBe(Math.floor(Math.max(0, left) / 1000))
      }),
    )
  })
})

describe('is the deal past its cutoff?', () => {
  it('is past at the exact instant, not a millisecond before', () => {
    expect(isPastCutoff(cutoff, cutoffMs)).toBe(true)
    expect(isPastCutoff(cutoff, cutoffMs - 1)).toBe(false)
    expect(isPastCutoff(cutoff, cutoffMs + 1)).toBe(true)
    expect(isPastCutoff(cutoff, new Date(cutoffMs))).toBe(true)
    expect(isPastCutoff(new Date(cutoffMs), cutoff)).toBe(true)
  })

  it('reads a stored time with no zone as UTC, even on a phone in Shanghai', () => {
    onAPhoneInShanghai(() => {
      expect(Date.parse('2026-11-27T12:00:00')).toBe(cutoffMs - 8 * HOUR) // the trap
      expect(isPastCutoff('2026-11-27 12:00:00', cutoffMs)).toBe(true)
      expect(isPastCutoff('2026-11-27 12:00:00', cutoffMs - 1)).toBe(false)
      expect(isPastCutoff('2026-11-27T12:00:00', cutoffMs - 1)).toBe(false)
      expect(isPastCutoff('2026-11-27T12:00', cutoffMs - 1)).toBe(false)
      expect(countdown('2026-11-27 12:00:00.000', cutoffMs - HOUR).totalMs).toBe(HOUR)
      expect(shanghaiParts('2026-11-27 12:00:00')).toMatchObject({ month: 11, day: 27, hour: 20, minute: 0 })
      // a time with its zone is left alone
      expect(countdown('2026-11-27T20:00:00+08:00', cutoffMs - HOUR).totalMs).toBe(HOUR)
    })
  })

  it.each(['', 'abc', '2026-13-45T00:00:00Z', 'tomorrow'])('refuses the instant %p rather than never closing', (bad) => {
    expect(() => isPastCutoff(bad, cutoffMs)).toThrow(RangeError)
    expect(() => isPastCutoff(cutoff, bad)).toThrow(RangeError)
    expect(() => countdown(bad, cutoffMs)).toThrow(RangeError)
  })

  it('refuses NaN and invalid Dates', () => {
    expect(() => isPastCutoff(NaN, cutoffMs)).toThrow(RangeError)
    expect(() => isPastCutoff(new Date('nope'), cutoffMs)).toThrow(RangeError)
  })

  it('agrees with the countdown: past exactly when nothing is left (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -DAY, max: DAY }), (d) => {
        expect(isPastCutoff(cutoffMs, cutoffMs + d)).toBe(countdown(cutoffMs, cutoffMs + d).totalMs === 0)
      }),
    )
  })
})

describe('times are shown in Shanghai', () => {
  it('uses Asia/Shanghai', () => {
    expect(DISPLAY_TZ).toBe('Asia/Shanghai')
  })

  it.each([
    ['2026-11-27T08:00:00Z', [2026, 11, 27, 16, 0]],
    ['2026-11-27T12:00:00.000Z', [2026, 11, 27, 20, 0]],
    ['2026-11-27T16:30:00Z', [2026, 11, 28, 0, 30]], // after midnight in Shanghai, still the 27th in UTC
    ['2026-12-31T16:00:00Z', [2027, 1, 1, 0, 0]],
    ['2026-07-01T03:05:00Z', [2026, 7, 1, 11, 5]], // no summer time in China
  ])('%s is %p in Shanghai', (utc, [year, month, day, hour, minute]) => {
    for (const at of [utc, Date.parse(utc), new Date(utc)]) {
      expect(shanghaiParts(at)).toEqual({ year, month, day, hour, minute })
    }
  })

  it('formats by a numeric pattern', () => {
    expect(formatShanghai('2026-11-27T16:30:00Z', 'YYYY-MM-DD HH:mm:ss')).toBe('2026-11-28 00:30:00')
    expect(formatShanghai('2026-11-27T16:30:00Z', 'HH:mm')).toBe('00:30')
  })

  it('a delivery date is the Shanghai calendar date', () => {
    expect(shanghaiDate('2026-11-27T15:59:59.999Z')).toBe('2026-11-27')
    expect(shanghaiDate('2026-11-27T16:00:00Z')).toBe('2026-11-28')
  })

  it('a Shanghai day runs from 16:00 UTC the day before', () => {
    expect(shanghaiDayRange('2026-11-28')).toEqual({
      start: new Date('2026-11-27T16:00:00Z'),
      end: new Date('2026-11-28T16:00:00Z'),
    })
    expect(shanghaiDayRange('2028-02-29')).toEqual({
      start: new Date('2028-02-28T16:00:00Z'),
      end: new Date('2028-02-29T16:00:00Z'),
    })
  })

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-1-5', 'abc', '', '2026-11-28T00:00', ' 2026-11-28'])(
    'shanghaiDayRange(%p) refuses it',
    (date) => {
      expect(shanghaiDayRange(date)).toBeNull()
    },
  )

  it('every instant falls inside the Shanghai day it is shown on (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (t) => {
        const date = shanghaiDate(t)
        const range = shanghaiDayRange(date)
        expect(range).not.toBeNull()
        expect(range!.start.getTime()).toBeLessThanOrEqual(t)
        expect(t).toBeLessThan(range!.end.getTime())
        expect(range!.end.getTime() - range!.start.getTime()).toBe(DAY)
        expect(shanghaiDate(range!.start)).toBe(date)
      }),
    )
  })
})

describe('the app keeps in step with the server’s clock', () => {
  it('the offset is server minus client', () => {
    expect(clockOffsetMs('2026-11-27T12:00:05Z', '2026-11-27T12:00:00Z')).toBe(5000)
    expect(clockOffsetMs(cutoffMs, cutoffMs + 1234)).toBe(-1234)
  })

  it('a phone running 90 s fast still counts down to the server’s cutoff', () => {
    const serverNow = cutoffMs - 10 * MINUTE
    const phoneNow = serverNow + 90 * SECOND
    const offset = clockOffsetMs(serverNow, phoneNow)
    expect(clock(countdown(cutoff, phoneNow + offset))).toEqual([0, 0, 10, 0])
  })
})

describe('Shanghai wall-clock time without a zone lookup', () => {
  it('agrees with the time-zone database for every instant fast-check tries between 1992 and 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const byZone = dayjs(t).tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm')
        expect(formatShanghai(t, 'YYYY-MM-DD HH:mm')).toBe(byZone)
      }),
      { numRuns: 2000 },
    )
  })
})
