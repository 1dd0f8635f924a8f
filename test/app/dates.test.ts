import { clockIn, dateTimeIn, windowIn } from '@/i18n/dates'
import { dateTimeLabel, useLocale, windowLabel } from '@/i18n'

afterEach(() => useLocale.getState().reset())

describe('dates in words, in Shanghai time', () => {
  it.each([
    ['2026-11-27T08:00:00Z', '11月27日 16:00', 'Nov 27 16:00'],
    ['2026-11-27T16:30:00Z', '11月28日 00:30', 'Nov 28 00:30'], // after midnight in Shanghai, still the 27th in UTC
    ['2026-12-31T16:00:00Z', '1月1日 00:00', 'Jan 1 00:00'],
    ['2026-07-01T03:05:00Z', '7月1日 11:05', 'Jul 1 11:05'],
  ])('%s reads %s / %s', (utc, zh, en) => {
    expect(dateTimeIn('zh-CN', utc)).toBe(zh)
    expect(dateTimeIn('en', Date.parse(utc))).toBe(en)
  })

  it('a pickup window on one day, and spanning two', () => {
    expect(windowIn('zh-CN', '2026-11-27T08:00:00Z', '2026-11-27T12:00:00Z')).toBe('11月27日 16:00-20:00')
    expect(windowIn('zh-CN', '2026-11-27T08:00:00Z', '2026-11-28T02:00:00Z')).toBe('11月27日 16:00 - 11月28日 10:00')
    // same UTC date, different Shanghai dates; and the other way round
    expect(windowIn('zh-CN', '2026-11-27T12:00:00Z', '2026-11-27T17:00:00Z')).toBe('11月27日 20:00 - 11月28日 01:00')
    expect(windowIn('en', '2026-11-26T23:00:00Z', '2026-11-27T04:00:00Z')).toBe('Nov 27 07:00-12:00')
    expect(clockIn('2026-11-27T12:05:00Z')).toBe('20:05')
  })

  it('the app labels follow the chosen language', () => {
    expect(dateTimeLabel('2026-11-27T08:00:00Z')).toBe('11月27日 16:00')
    useLocale.getState().setLocale('en')
    expect(dateTimeLabel('2026-11-27T08:00:00Z')).toBe('Nov 27 16:00')
    expect(windowLabel('2026-11-27T08:00:00Z', '2026-11-28T02:00:00Z')).toBe('Nov 27 16:00 - Nov 28 10:00')
  })
})
