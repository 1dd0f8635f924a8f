import type { PackingList } from '../../../types/api'
import { toCsv, type CsvLang } from '../admin/admin-csv'

/** The packing lists as CSV (one row per point and product), headings in the reader's language. */
const HEAD: Record<CsvLang, string[]> = {
  'zh-CN': ['配送日', '自提点', '地址', '团长', '团长电话', '自提点电话', '团购', '商品', '规格', '件数', '订单数', '该点顾客数'],
  en: [
    'Delivery day',
    'Pickup point',
    'Address',
    'Leader',
    'Leader phone',
    'Point contact',
    'Deal',
    'Product',
    'Spec',
    'Units',
    'Orders',
    'Shoppers at point',
  ],
}

export function packingListCsv(list: PackingList, lang: CsvLang): string {
  return toCsv(
    HEAD[lang],
    list.points.flatMap((p) =>
      p.products.map((x) => [
        list.date,
        p.pickupPoint.name,
        p.pickupPoint.address,
        p.leader.nickname,
        p.leader.phone,
        p.pickupPoint.contact,
        x.title,
        x.productName,
        x.spec,
        x.units,
        x.orders,
        p.shoppers,
      ]),
    ),
  )
}
