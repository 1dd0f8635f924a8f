import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getPurchaseOrder } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { DayChooser } from '../../components/day-chooser'
import { useDeliveryDay } from '../../lib/use-day'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'

/** What to buy in and pack for one delivery day: units per product over every pickup point. */
export default function PurchaseOrdersPage() {
  const t = useSupplierT()
  useSupplierTitle('title.purchaseOrders')
  const { date, setDate, now } = useDeliveryDay()
  const order = useRemote(() => getPurchaseOrder(date), [date])
  usePullDownRefresh(() => void order.reload().finally(() => Taro.stopPullDownRefresh()))
  const lines = order.data?.lines ?? []

  return (
    <View className='lc-page'>
      <DayChooser date={date} onChange={setDate} now={now} />
      <RemoteState remote={order} count={2} />
      {order.data && lines.length === 0 && <EmptyState title={t('po.none')} description={t('po.noneBody')} />}
      {order.data && lines.length > 0 && (
        <View className='lc-card' role='region' aria-label={t('po.head', { date: order.data.date })}>
          <Text className='lc-card__title'>{t('po.head', { date: order.data.date })}</Text>
          {lines.map((line) => (
            <View key={line.dealId} className='sc-line' role='group' aria-label={line.productName}>
              <View className='sc-line__main'>
                <Text className='sc-line__title'>{line.productName}</Text>
                <Text className='lc-muted'>{line.spec}</Text>
                <Text className='lc-muted'>
                  {t('po.line', { orders: t('common.orders', { n: line.orders }), points: t('common.points', { n: line.points }) })}
                </Text>
                {line.status === 'open' && <Text className='lc-muted sc-warn'>{t('po.open')}</Text>}
                {line.supplierUnitPriceFen !== null && (
                  <Text className='lc-muted'>
                    {t('po.unitPrice', { price: formatFen(line.supplierUnitPriceFen) })} · {t('po.amount', { amount: formatFen(line.amountFen) })}
                  </Text>
                )}
              </View>
              <Text className='sc-line__qty'>{t('common.units', { n: line.units })}</Text>
            </View>
          ))}
          <View className='sc-total'>
            <Text>{t('po.total', { units: t('common.units', { n: order.data.totalUnits }) })}</Text>
            {order.data.totalFen > 0 && <Text>{t('po.totalAmount', { amount: formatFen(order.data.totalFen) })}</Text>}
          </View>
        </View>
      )}
    </View>
  )
}
