import { Text, View } from '@tarojs/components'
import { formatDistance, formatFen } from '@/domain'
import type { DealSummary } from '../../types/api'
import { CountdownText } from './countdown-text'
import { DealImage } from './deal-image'
import { TierProgress } from './tier-progress'
import { useT } from '@/i18n'
import './deal-card.scss'

interface Props {
  deal: DealSummary
  onOpen: (deal: DealSummary) => void
}

export function DealCard({ deal, onOpen }: Props) {
  const t = useT()
  const point = deal.nearestPickupPoint
  return (
    <View className='deal-card' data-testid='deal-card' role='link' aria-label={deal.title} onClick={() => onOpen(deal)}>
      <View className='deal-card__main'>
        <DealImage className='deal-card__image' name={deal.product.name} src={deal.product.images[0]} />
        <View className='deal-card__body'>
          <Text className='deal-card__title'>{deal.title}</Text>
          <Text className='deal-card__spec'>{deal.product.spec}</Text>
          <View className='deal-card__prices'>
            <Text className='deal-card__price'>{formatFen(deal.currentUnitPriceFen)}</Text>
            {deal.listPriceFen > deal.currentUnitPriceFen && <Text className='deal-card__list-price'>{formatFen(deal.listPriceFen)}</Text>}
          </View>
          <TierProgress tierBasis={deal.tierBasis} count={deal.count} nextTier={deal.nextTier} tiers={deal.tiers} />
        </View>
      </View>
      <View className='deal-card__foot'>
        <CountdownText className='deal-card__countdown' cutoffAt={deal.cutoffAt} />
        {point && (
          <Text className='deal-card__pickup'>
            {point.distanceM !== undefined ? `${formatDistance(point.distanceM)} · ` : ''}
            {point.name}
          </Text>
        )}
        <View className='deal-card__go'>{t('card.go')}</View>
      </View>
    </View>
  )
}
