import type { PackingList } from '@/api/supplier'
import { st } from '@/i18n/supplier'

const cell = (v: string | number) => {
  const s = String(v)
  // quote what a spreadsheet would misread; a leading = + - @ would run as a formula
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The day's packing lists as CSV: one row per pickup point and product (point, address, leader,
 * phone, product, spec, units, orders, shoppers). Starts with a BOM so Excel reads the Chinese.
 */
export function packingCsv(list: PackingList): string {
  const columns = ['date', 'point', 'address', 'leader', 'contact', 'product', 'spec', 'units', 'orders', 'shoppers'] as const
  const rows: (string | number)[][] = [columns.map((c) => st(`pack.csv.${c}`))]
  for (const p of list.points) {
    for (const prod of p.products) {
      rows.push([
        list.date,
        p.pickupPoint.name,
        p.pickupPoint.address,
        p.leader.nickname,
        p.pickupPoint.contact,
        prod.productName,
        prod.spec,
        prod.units,
        prod.orders,
        p.shoppers,
      ])
    }
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
