import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { markStaffArrival, staffArrivals } from '@/api/leader'
import { useRemote } from '@/hooks/use-remote'
import { lt, useLeaderT } from '@/i18n/leader'

/**
 * 到货 for pickup staff: the goods still to arrive at the points they are staff at; marking one
 * tells its neighbours to come. Shown only when there is something to mark.
 */
export function StaffArrivals() {
  const t = useLeaderT()
  const [busy, setBusy] = useState(false)
  const remote = useRemote(async () => (await staffArrivals()).arrivals, [])
  if (!remote.data || remote.data.length === 0) return null

  const mark = async (dealId: string, pointId: string) => {
    setBusy(true)
    try {
      await markStaffArrival(dealId, pointId)
      void Taro.showToast({ title: t('verify.arrivals.done'), icon: 'success' })
      await remote.reload()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : lt('verify.failed'), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='lc-card' role='region' aria-label={t('verify.arrivals.title')}>
      <Text className='lc-card__title'>{t('verify.arrivals.title')}</Text>
      {remote.data.map((a) => (
        <View key={`${a.dealId}-${a.pickupPoint.id}`} className='lc-list-item' role='listitem' aria-label={a.dealTitle}>
          <View className='lc-list-item__main'>
            <Text className='lc-list-item__title'>{a.dealTitle}</Text>
            <Text className='lc-list-item__sub'>{t('verify.arrivals.line', { point: a.pickupPoint.name, n: a.waitingOrders })}</Text>
          </View>
          <Button
            role='button'
            className='lc-btn lc-btn--primary lc-btn--small verify__arrive'
            disabled={busy || undefined}
            onClick={() => void mark(a.dealId, a.pickupPoint.id)}
          >
            {t('verify.arrivals.mark')}
          </Button>
        </View>
      ))}
    </View>
  )
}
