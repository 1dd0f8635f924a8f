import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getRoute, markDelivered, type RouteStop } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel, showModal } from '@/i18n'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { useSubmit } from '@/leader/lib/use-submit'
import { DayChooser } from '../../components/day-chooser'
import { useDeliveryDay } from '../../lib/use-day'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'

/** The day's stops in the route's order; each is marked delivered at the door, which tells its leader to receive it. */
export default function DeliveriesPage() {
  const t = useSupplierT()
  useSupplierTitle('title.deliveries')
  const { date, setDate, now } = useDeliveryDay()
  const route = useRemote(() => getRoute(date), [date])
  const { busy, run } = useSubmit()
  usePullDownRefresh(() => void route.reload().finally(() => Taro.stopPullDownRefresh()))
  const stops = route.data?.stops ?? []
  const done = stops.filter((s) => s.delivered).length

  const deliver = async (stop: RouteStop) => {
    const units = t('common.units', { n: stop.units })
    const { confirm } = await showModal({
      title: t('deliver.markTitle', { point: stop.pickupPoint.name }),
      content: t('deliver.markBody', { leader: stop.leader.nickname, units }),
      confirmText: t('deliver.mark'),
    })
    if (!confirm) return
    if (await run(() => markDelivered(date, stop.pickupPoint.id), { toast: true, done: t('deliver.done') })) await route.reload()
  }

  return (
    <View className='lc-page'>
      <DayChooser date={date} onChange={setDate} now={now} />
      <RemoteState remote={route} count={2} />
      {route.data && stops.length === 0 && <EmptyState title={t('deliver.none')} />}
      {stops.length > 0 && (
        <View className='lc-card'>
          <Text className='lc-card__title'>{t('deliver.progress', { done, n: stops.length })}</Text>
        </View>
      )}
      {stops.map((s) => (
        <View key={s.pickupPoint.id} className='lc-card' role='region' aria-label={s.pickupPoint.name}>
          <View className='lc-card__head sc-deal-title'>
            <Text className='lc-card__title sc-deal-name'>
              {t('route.stop', { n: s.sequence })} · {s.pickupPoint.name}
            </Text>
            <Text className='sc-line__qty'>{t('common.units', { n: s.units })}</Text>
          </View>
          <Text className='lc-muted'>{s.pickupPoint.address}</Text>
          <Text className='lc-muted'>{t('deliver.contact', { name: s.leader.nickname, phone: s.pickupPoint.contact })}</Text>
          {s.delivered ? (
            <Text className='lc-notice lc-notice--ok sc-gap'>
              {s.deliveredAt ? t('deliver.at', { time: dateTimeLabel(s.deliveredAt) }) : t('route.delivered')}
            </Text>
          ) : (
            <Button role='button' className='lc-btn lc-btn--primary sc-gap' disabled={busy || undefined} onClick={() => void deliver(s)}>
              {t('deliver.mark')}
            </Button>
          )}
        </View>
      ))}
    </View>
  )
}
