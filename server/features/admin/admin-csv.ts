import type { AdminAuditEntry, AdminDeal, AdminDayFigures, AdminOrder, AdminPerson, AdminRefund } from '../../../types/api'
import { formatShanghai } from '../../../src/domain'
import { adminEn } from '../../../src/i18n/admin/en'
import { adminZhCN, type AdminKey } from '../../../src/i18n/admin/zh-CN'

/**
 * The console's lists as CSV for a spreadsheet: a heading row in the reader's language, one line per
 * row, CRLF line ends and a BOM first so Excel on an office PC reads the Chinese as UTF-8.
 */

export type CsvLang = 'zh-CN' | 'en'
type Cell = string | number | null | undefined

function cell(value: Cell): string {
  const s = value === null || value === undefined ? '' : String(value)
  // a leading = + - @ would run as a formula in a spreadsheet
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function toCsv(head: string[], rows: Cell[][]): string {
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}

const words = (lang: CsvLang) => (key: AdminKey) => (lang === 'en' ? adminEn : adminZhCN)[key] ?? adminZhCN[key]

/** Yuan with two decimals from integer fen, exactly (no float): 1280 -> "12.80", -5 -> "-0.05". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

const time = (iso: string | null) => (iso ? formatShanghai(iso, 'YYYY-MM-DD HH:mm') : '')
const percent = (bps: number | null) => (bps === null ? '' : `${bps / 100}%`)

export function daysCsv(days: AdminDayFigures[], lang: CsvLang): string {
  const w = words(lang)
  return toCsv(
    [w('csv.day'), w('csv.orders'), w('csv.gmv'), w('csv.refunds'), w('csv.refundRate')],
    days.map((d) => [d.day, d.orders, yuan(d.gmvFen), yuan(d.refundFen), percent(d.refundRateBps)]),
  )
}

export function dealsCsv(deals: AdminDeal[], lang: CsvLang): string {
  const w = words(lang)
  return toCsv(
    [
      w('csv.id'),
      w('csv.title'),
      w('csv.status'),
      w('csv.leader'),
      w('csv.supplier'),
      w('csv.participants'),
      w('csv.units'),
      w('csv.orders'),
      w('csv.gmv'),
      w('csv.refunds'),
      w('csv.commission'),
      w('csv.cutoff'),
      w('csv.created'),
      w('csv.settled'),
    ],
    deals.map((d) => [
      d.id,
      d.title,
      w(`deal.status.${d.status}`),
      d.leader.name,
      d.supplier?.name ?? '',
      d.participants,
      d.units,
      d.orders,
      yuan(d.gmvFen),
      yuan(d.refundFen),
      percent(d.commissionBps),
      time(d.cutoffAt),
      time(d.createdAt),
      time(d.settledAt),
    ]),
  )
}

export function ordersCsv(orders: AdminOrder[], lang: CsvLang): string {
  const w = words(lang)
  return toCsv(
    [
      w('csv.id'),
      w('csv.title'),
      w('csv.status'),
      w('csv.quantity'),
      w('csv.paid'),
      w('csv.refunded'),
      w('csv.pickupCode'),
      w('csv.shopper'),
      w('csv.phoneTail'),
      w('csv.point'),
      w('csv.leader'),
      w('csv.created'),
      w('csv.paidAt'),
      w('csv.pickedUpAt'),
    ],
    orders.map((o) => [
      o.id,
      o.dealTitle,
      w(`order.status.${o.status}`),
      o.quantity,
      yuan(o.paidFen),
      yuan(o.refundFen),
      o.pickupCode ?? '',
      o.shopper.nickname,
      o.shopper.phoneTail ?? '',
      o.point.name,
      o.leader.name,
      time(o.createdAt),
      time(o.paidAt),
      time(o.pickedUpAt),
    ]),
  )
}

export function refundsCsv(refunds: AdminRefund[], lang: CsvLang): string {
  const w = words(lang)
  return toCsv(
    [
      w('csv.id'),
      w('csv.order'),
      w('csv.title'),
      w('csv.shopper'),
      w('csv.amount'),
      w('csv.reason'),
      w('csv.status'),
      w('csv.abnormal'),
      w('csv.attempts'),
      w('csv.lastError'),
      w('csv.created'),
    ],
    refunds.map((r) => [
      r.id,
      r.orderId,
      r.dealTitle,
      r.shopper,
      yuan(r.amountFen),
      w(`refund.reason.${r.reason}`),
      w(`refund.status.${r.status}`),
      r.abnormal ? w('common.yes') : w('common.no'),
      r.attempts,
      r.lastError ?? '',
      time(r.createdAt),
    ]),
  )
}

export function peopleCsv(people: AdminPerson[], lang: CsvLang): string {
  const w = words(lang)
  return toCsv(
    [
      w('csv.id'),
      w('csv.nickname'),
      w('csv.roles'),
      w('csv.supplier'),
      w('csv.phone'),
      w('csv.commission'),
      w('csv.suspendedAt'),
      w('csv.points'),
      w('csv.deals'),
      w('csv.openDeals'),
      w('csv.created'),
    ],
    people.map((p) => [
      p.id,
      p.nickname,
      p.roles.join(' '),
      p.supplier?.name ?? '',
      p.phone ?? '',
      percent(p.commissionBps),
      time(p.suspendedAt),
      p.points,
      p.deals,
      p.openDeals,
      time(p.createdAt),
    ]),
  )
}

export function auditCsv(entries: AdminAuditEntry[], lang: CsvLang): string {
  const w = words(lang)
  const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v))
  return toCsv(
    [w('csv.time'), w('csv.actor'), w('csv.action'), w('csv.targetKind'), w('csv.targetId'), w('csv.before'), w('csv.after')],
    entries.map((e) => [time(e.createdAt), e.actor.name, e.action, e.targetKind, e.targetId, json(e.before), json(e.after)]),
  )
}
