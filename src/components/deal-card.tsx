import { Text, View } from '@tarojs/components'
import { memo } from 'react'
import { DealDisplay, dealDisplayCode, formatDistance, formatFen } from '@/domain'
import type { DealSummary } from '../../types/api'
import { useServerNow } from '@/hooks/use-server-now'
import { CountdownText } from './countdown-text'
import { cardActionText, displayTone } from './deal-card-state'
import { dealStatusText } from './order-status'
import { DealImage } from './deal-image'
import { TierProgress } from './tier-progress'
import { useT } from '@/i18n'
import './deal-card.scss'

interface Props {
  deal: DealSummary
  onOpen: (deal: DealSummary) => void
  /** the first card on screen: its photo is asked for first */
  priority?: boolean
}

/** Drawn again only when its deal, its handler or the language changes (and on its own clock's ticks). */
export const DealCard = memo(function DealCardView({ deal, onOpen, priority = false }: Props) {
  useT()
  // a coarse tick is enough for "closed at its cutoff"; the countdown ticks on its own
  const now = useServerNow(15_000)
  const code = dealDisplayCode(deal, now)
  const joinable = code === DealDisplay.joinable
  const point = deal.nearestPickupPoint
  return (
    <View
      className={`deal-card ${joinable ? '' : 'deal-card--ended'}`}
      data-testid='deal-card'
      data-state={code}
      role='link'
      aria-label={joinable ? deal.title : `${deal.title} · ${cardActionText(code)}`}
      onClick={() => onOpen(deal)}
    >
      <View className='deal-card__main'>
        <DealImage className='deal-card__image' name={deal.product.name} src={deal.product.images[0]} priority={priority} />
        <View className='deal-card__body'>
          <Text className='deal-card__title'>{deal.title}</Text>
          <Text className='deal-card__spec'>{deal.product.spec}</Text>
          <View className='deal-card__prices'>
            <Text className='deal-card__price'>{formatFen(deal.currentUnitPriceFen)}</Text>
            {deal.listPriceFen > deal.currentUnitPriceFen && <Text className='deal-card__list-price'>{formatFen(deal.listPriceFen)}</Text>}
          </View>
          <TierProgress
            tierBasis={deal.tierBasis}
            count={deal.count}
            nextTier={deal.nextTier}
            tiers={deal.tiers}
            display={code}
            priceFen={deal.currentUnitPriceFen}
          />
        </View>
      </View>
      <View className='deal-card__foot'>
        {deal.status === 'open' ? (
          <CountdownText className='deal-card__countdown' cutoffAt={deal.cutoffAt} />
        ) : (
          <Text className='deal-card__countdown deal-card__countdown--ended'>{dealStatusText(deal.status)}</Text>
        )}
        {point && (
          <Text className='deal-card__pickup'>
            {point.distanceM !== undefined ? `${formatDistance(point.distanceM)} · ` : ''}
            {point.name}
          </Text>
        )}
        <View className={`deal-card__go ${joinable ? '' : `deal-card__go--${displayTone(code)}`}`} aria-disabled={joinable ? undefined : 'true'}>
          {cardActionText(code)}
        </View>
      </View>
    </View>
  )
})
