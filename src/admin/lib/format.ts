import { formatFen } from '@/domain'
import { dateTimeLabel } from '@/i18n'

/** 650 -> "6.5%" (basis points as a percentage, no float noise). */
export const percentOf = (bps: number) => `${Number((bps / 100).toFixed(2))}%`

/** A rate typed as a percentage ("6.5") -> basis points, or null when it is not 0–30 with one decimal at most. */
export function bpsFromPercent(text: string): number | null {
  const clean = text.trim()
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(clean)) return null
  const bps = Math.round(Number(clean) * 100)
  return bps <= 3000 ? bps : null
}

export const money = formatFen
export const when = (iso: string | null | undefined) => (iso ? dateTimeLabel(iso) : '')

/** Where a console page is (H5 paths are the same). */
export const adminPath = (page: string, query: Record<string, string> = {}) => {
  const q = Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return `/admin/pages/${page}/index${q ? `?${q}` : ''}`
}
