import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getRoute } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { distanceText, useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { DayChooser } from '../../components/day-chooser'
import { goSupplier } from '../../lib/go'
import { useDeliveryDay } from '../../lib/use-day'
import { RouteMap } from './route-map'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'
import './index.scss'

/** The day's stops in the order to drive them from the depot, with each leg and the total. */
export default function RoutePage() {
  const t = useSupplierT()
  useSupplierTitle('title.route')
  const { date, setDate, now } = useDeliveryDay()
  const route = useRemote(() => getRoute(date), [date])
  usePullDownRefresh(() => void route.reload().finally(() => Taro.stopPullDownRefresh()))
  const stops = route.data?.stops ?? []

  return (
    <View className='lc-page'>
      <DayChooser date={date} onChange={setDate} now={now} />
      <RemoteState remote={route} count={2} />
      {route.data && stops.length === 0 && <EmptyState title={t('route.none')} />}
      {route.data && stops.length > 0 && (
        <>
          <RouteMap route={route.data} />
          <View className='lc-card'>
            <Text className='lc-card__title' role='heading'>
              {t('route.total', { distance: distanceText(route.data.totalM), n: stops.length })}
            </Text>
            <Text className='lc-muted'>{t('route.depot', { address: route.data.depot.address })}</Text>
            <View className='route__stops' role='list'>
              {stops.map((s) => (
                <View key={s.pickupPoint.id} className='route__stop' role='listitem' aria-label={s.pickupPoint.name}>
                  <Text className={`route__seq ${s.delivered ? 'route__seq--done' : ''}`}>{s.delivered ? '✓' : s.sequence}</Text>
                  <View className='sc-line__main'>
                    <Text className='sc-line__title'>{s.pickupPoint.name}</Text>
                    <Text className='lc-muted'>{s.pickupPoint.address}</Text>
                    <Text className='lc-muted'>
                      {t(s.sequence === 1 ? 'route.firstLeg' : 'route.leg', { distance: distanceText(s.legM) })} ·{' '}
                      {t('route.cumulative', { distance: distanceText(s.cumulativeM) })}
                    </Text>
                    {s.delivered && <Text className='lc-muted route__done'>{t('route.delivered')}</Text>}
                  </View>
                  <Text className='sc-line__qty'>{t('common.units', { n: s.units })}</Text>
                </View>
              ))}
            </View>
            <Text className='lc-muted sc-gap'>{t('route.note')}</Text>
          </View>
          <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.navigateTo({ url: goSupplier('deliveries', { date }) })}>
            {t('route.deliveries')}
          </Button>
        </>
      )}
    </View>
  )
}
