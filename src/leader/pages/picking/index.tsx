import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getPickingList } from '@/api/leader'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { orderStatusText } from '@/components/order-status'
import { useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { addDays, shanghaiToday } from '../../lib/datetime'
import { pickingCsv } from '../../lib/picking-csv'
import { savePickingCsv, savePickingImage, savesFiles } from '../../lib/platform'
import '../../components/console.scss'
import './index.scss'

export default function PickingPage() {
  const t = useLeaderT()
  useLeaderTitle('title.picking')
  const now = useServerNow(60_000)
  const today = shanghaiToday(now)
  const [date, setDate] = useState(() => addDays(today, 1))
  const list = useRemote(() => getPickingList(date), [date])
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))

  const chips = [
    { label: t('picking.today'), value: today },
    { label: t('picking.tomorrow'), value: addDays(today, 1) },
    { label: t('picking.dayAfter'), value: addDays(today, 2) },
  ]
  const points = list.data?.pickupPoints ?? []

  return (
    <View className='lc-page'>
      <View className='lc-card picking__dates'>
        <View className='lc-segmented'>
          {chips.map((c) => (
            <View
              key={c.label}
              role='radio'
              aria-checked={date === c.value}
              className={`lc-segmented__item ${date === c.value ? 'lc-segmented__item--on' : ''}`}
              onClick={() => setDate(c.value)}
            >
              {c.label}
            </View>
          ))}
        </View>
        <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='lc-picker picking__date' aria-label={t('picking.date')}>
            <Text>{t('picking.dateValue', { date })}</Text>
            <Text className='lc-chevron'>›</Text>
          </View>
        </Picker>
      </View>

      <RemoteState remote={list} count={2} />
      {list.data && points.length === 0 && <EmptyState title={t('picking.none')} description={t('picking.noneBody')} />}

      {points.map((p) => (
        <View key={p.pickupPoint.id} className='lc-card' role='region' aria-label={p.pickupPoint.name}>
          <Text className='lc-card__title'>{p.pickupPoint.name}</Text>
          <Text className='lc-muted'>{p.pickupPoint.address}</Text>
          <View className='picking__totals'>
            {p.products.map((prod) => (
              <View key={prod.dealId} className='picking__total'>
                <View className='lc-list-item__main'>
                  <Text className='picking__product'>{prod.name}</Text>
                  <Text className='lc-muted'>
                    {prod.spec}
                    {prod.pickedUpQuantity ? t('picking.pickedUp', { n: prod.pickedUpQuantity }) : ''}
                  </Text>
                </View>
                <Text className='picking__qty'>× {prod.quantity}</Text>
              </View>
            ))}
          </View>
          <Text className='picking__subhead'>{t('picking.shoppers', { n: p.shoppers.length })}</Text>
          {p.shoppers.map((s) => (
            <View key={s.orderId} className='picking__shopper'>
              <Text className='picking__name'>{s.shopper}</Text>
              <Text className='picking__what'>
                {s.product} × {s.quantity}
              </Text>
              <Text className={`lc-badge ${s.status === 'picked_up' ? 'lc-badge--succeeded' : ''}`}>{orderStatusText(s.status)}</Text>
            </View>
          ))}
        </View>
      ))}

      {points.length > 0 && (
        <View className='lc-bar'>
          <Button
            role='button'
            className='lc-btn'
            onClick={() =>
              list.data && void savePickingImage(list.data).catch(() => Taro.showToast({ title: t('picking.imageFailed'), icon: 'none' }))
            }
          >
            {t(savesFiles ? 'picking.saveImage' : 'picking.shareImage')}
          </Button>
          <Button
            role='button'
            className='lc-btn lc-btn--primary'
            onClick={() => list.data && savePickingCsv(`${t('picking.file', { date })}.csv`, pickingCsv(list.data))}
          >
            {t(savesFiles ? 'picking.downloadCsv' : 'picking.copyCsv')}
          </Button>
        </View>
      )}
    </View>
  )
}
