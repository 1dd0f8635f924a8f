import { Popup } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { PhoneLink } from '@/components/phone-link'
import { useT } from '@/i18n/shopper'
import type { PickupPoint } from '../../../../types/api'
import { openMap } from './open-map'

interface Props {
  point: PickupPoint | null
  onClose: () => void
}

/**
 * a tapped pickup point: its address, hours, a phone to call, and the way to it on a map
 * (WeChat's own; in a browser a web map at its coordinates).
 */
export function PointDetails({ point, onClose }: Props) {
  const t = useT()
  return (
    <Popup visible={point !== null} position='bottom' round closeable title={point?.name ?? t('points.details')} onClose={onClose}>
      {point && (
        <View className='points__details' role='dialog' aria-label={t('points.details')}>
          <Text className='points__label'>{t('points.address')}</Text>
          <Text className='points__value'>{point.address}</Text>
          <Text className='points__label'>{t('points.openHours')}</Text>
          <Text className='points__value'>{point.hours}</Text>
          <Text className='points__label'>{t('points.contact')}</Text>
          <PhoneLink className='points__value' contact={point.contact} />
          <Text className='points__map-link' role='link' onClick={() => openMap(point)}>
            {t('points.openMap')}
          </Text>
        </View>
      )}
    </Popup>
  )
}
