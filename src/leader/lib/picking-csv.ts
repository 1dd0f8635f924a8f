import type { PickingList } from '@/api/leader'
import { orderStatusText } from '@/components/order-status'
import { lt } from '@/i18n/leader'

const cell = (v: string | number) => {
  const s = String(v)
  // quote what a spreadsheet would misread; a leading = + - @ would run as a formula
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/**
 * The picking list as CSV for a spreadsheet: totals per product, then the shoppers, per point.
 * Starts with a BOM so Excel on a shop's PC reads the Chinese correctly.
 */
export function pickingCsv(list: PickingList): string {
  const head = (['date', 'point', 'kind', 'product', 'spec', 'shopper', 'quantity', 'status'] as const).map((c) => lt(`picking.csv.${c}`))
  const rows: (string | number)[][] = [head]
  for (const p of list.pickupPoints) {
    for (const prod of p.products) {
      rows.push([
        list.date,
        p.pickupPoint.name,
        lt('picking.csv.total'),
        prod.name,
        prod.spec,
        '',
        prod.quantity,
        lt('picking.csv.pickedUp', { n: prod.pickedUpQuantity }),
      ])
    }
    for (const s of p.shoppers) {
      const prod = p.products.find((x) => x.dealId === s.dealId)
      rows.push([
        list.date,
        p.pickupPoint.name,
        lt('picking.csv.shopper'),
        s.product,
        prod?.spec ?? '',
        s.shopper,
        s.quantity,
        orderStatusText(s.status),
      ])
    }
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
