import { Text, View } from '@tarojs/components'
import type { AdminOrder } from '@/api/admin'
import { useAdminT } from '@/i18n/admin'
import { Badge, DataTable, type Column } from './ui'
import { money, when } from '../lib/format'

const tone = (status: AdminOrder['status']) =>
  status === 'picked_up' ? 'info' : status === 'refunded' || status === 'cancelled' || status === 'expired' || status === 'unclaimed' ? 'bad' : 'ok'

/** Orders as the operator reads them: whose, where, what was paid and refunded, the pickup code. */
export function OrdersTable({ orders, showDeal = true, showMatch = false }: { orders: AdminOrder[]; showDeal?: boolean; showMatch?: boolean }) {
  const t = useAdminT()
  const columns: Column<AdminOrder>[] = [
    {
      key: 'shopper',
      label: t('col.shopper'),
      primary: true,
      render: (o) => (
        <View>
          <Text>
            {o.shopper.nickname}
            {o.shopper.phoneTail ? ` · ${t('orders.phoneTail', { tail: o.shopper.phoneTail })}` : ''}
          </Text>
          {showDeal && <Text className='ac-muted'>{o.dealTitle}</Text>}
          {showMatch && o.matchedBy.length > 0 && (
            <Text className='ac-muted'>{t('orders.matched', { keys: o.matchedBy.map((k) => t(`match.${k}`)).join(' · ') })}</Text>
          )}
        </View>
      ),
    },
    { key: 'status', label: t('col.status'), render: (o) => <Badge tone={tone(o.status)}>{t(`order.status.${o.status}`)}</Badge> },
    { key: 'qty', label: t('col.quantity'), align: 'end', render: (o) => o.quantity },
    {
      key: 'paid',
      label: t('col.paid'),
      align: 'end',
      render: (o) => (
        <View>
          <Text className='ac-money'>{money(o.paidFen)}</Text>
          {o.refundFen > 0 && <Text className='ac-muted'>{t('orders.refunded', { amount: money(o.refundFen) })}</Text>}
        </View>
      ),
    },
    { key: 'code', label: t('col.pickupCode'), render: (o) => o.pickupCode ?? '—' },
    { key: 'point', label: t('col.point'), render: (o) => t('orders.line', { point: o.point.name, leader: o.leader.name }) },
    {
      key: 'when',
      label: t('col.created'),
      render: (o) => (
        <View>
          <Text>{when(o.createdAt)}</Text>
          <Text className='ac-muted ac-pre'>{o.id}</Text>
        </View>
      ),
    },
  ]
  return (
    <DataTable label={t('col.order')} columns={columns} rows={orders} rowKey={(o) => o.id} rowLabel={(o) => `${o.shopper.nickname} ${o.dealTitle}`} />
  )
}
