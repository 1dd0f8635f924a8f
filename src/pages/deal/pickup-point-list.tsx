import { Text, View } from '@tarojs/components'
import { formatDistance, sortByDistance, type LatLng } from '@/domain'
import { useT } from '@/i18n'
import { PhoneLink } from '@/components/phone-link'
import type { PickupPoint } from '../../../types/api'
import './pickup-point-list.scss'

interface Props {
  points: PickupPoint[]
  from: LatLng | null
  selectedId?: string
  onSelect?: (id: string) => void
}

/** Nearest first: the server's distances when it had our location, else measured here. */
export function PickupPointList({ points, from, selectedId, onSelect }: Props) {
  const t = useT()
  const sorted: PickupPoint[] = from && points.some((p) => p.distanceM === undefined) ? sortByDistance(points, from) : points
  return (
    <View className='pickup-list' role='list'>
      {sorted.map((p) => (
        <View
          key={p.id}
          role={onSelect ? 'radio' : 'listitem'}
          aria-checked={onSelect ? p.id === selectedId : undefined}
          className={`pickup-list__item ${p.id === selectedId ? 'pickup-list__item--selected' : ''}`}
          onClick={onSelect ? () => onSelect(p.id) : undefined}
        >
          <View className='pickup-list__head'>
            <Text className='pickup-list__name'>{p.name}</Text>
            {p.distanceM !== undefined && <Text className='pickup-list__distance'>{formatDistance(p.distanceM)}</Text>}
          </View>
          <Text className='pickup-list__address'>{p.address}</Text>
          <Text className='pickup-list__hours'>{t('points.hours', { hours: p.hours })}</Text>
          {/* the point's contact, a phone number one tap to call */}
          {p.contact && (
            <Text className='pickup-list__hours'>
              {t('points.contact')} <PhoneLink contact={p.contact} />
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}
