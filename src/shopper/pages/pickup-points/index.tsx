import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { listPickupPoints } from '@/api'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { formatDistance, sortByDistance } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useT, usePageTitle } from '@/i18n/shopper'
import { useLocation } from '@/stores/location'
import type { PickupPoint } from '../../../../types/api'
import { PointsMap } from './points-map'
import { PointDetails } from './point-details'
import { PhoneLink } from '@/components/phone-link'
import { UsualPointButton } from '@/components/usual-point'
import './index.scss'

export default function PickupPointsPage() {
  usePageTitle('title.points')
  const t = useT()
  const coords = useLocation((s) => s.coords)
  const { data, error, loading, reload } = useRemote(() => listPickupPoints(coords), [coords])
  // the point whose details are open
  const [open, setOpen] = useState<PickupPoint | null>(null)

  if (!data && loading) return <LoadingCards count={3} />
  if (!data && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!data) return null

  const points: PickupPoint[] =
    coords && data.pickupPoints.some((p) => p.distanceM === undefined) ? sortByDistance(data.pickupPoints, coords) : data.pickupPoints
  const centre = coords ?? points[0]

  return (
    <View className='points'>
      {centre && <PointsMap centre={centre} points={points} />}
      {!coords && <View className='points__hint'>{t('points.noLocation')}</View>}
      {points.length === 0 && <EmptyState title={t('points.empty')} />}
      <View className='points__list'>
        {points.map((p) => (
          <View key={p.id} className='points__item'>
            {/* tapping the point opens its details (address, hours, phone, map) */}
            <View className='points__open' role='button' aria-label={t('points.open', { name: p.name })} onClick={() => setOpen(p)}>
              <View className='points__row'>
                <Text className='points__name'>{p.name}</Text>
                {p.distanceM !== undefined && <Text className='points__distance'>{formatDistance(p.distanceM)}</Text>}
              </View>
              <Text className='points__muted'>{p.address}</Text>
              <Text className='points__muted'>{t('points.hours', { hours: p.hours })}</Text>
            </View>
            <Text className='points__muted'>
              {t('points.contact')} <PhoneLink contact={p.contact} />
            </Text>
            <UsualPointButton pointId={p.id} />
          </View>
        ))}
      </View>
      <PointDetails point={open} onClose={() => setOpen(null)} />
    </View>
  )
}
