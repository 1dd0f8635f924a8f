import type { PickingList } from '@/api/leader'
import { ORDER_STATUS_TEXT } from './deal-status'

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
  const rows: (string | number)[][] = [['日期', '自提点', '类型', '商品', '规格', '顾客', '数量', '状态']]
  for (const p of list.pickupPoints) {
    for (const prod of p.products) {
      rows.push([list.date, p.pickupPoint.name, '合计', prod.name, prod.spec, '', prod.quantity, `已提${prod.pickedUpQuantity}`])
    }
    for (const s of p.shoppers) {
      const prod = p.products.find((x) => x.dealId === s.dealId)
      rows.push([list.date, p.pickupPoint.name, '顾客', s.product, prod?.spec ?? '', s.shopper, s.quantity, ORDER_STATUS_TEXT[s.status] ?? s.status])
    }
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`
}
