import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain'
import type { DealDetail } from '../../../types/api'

type Props = Pick<DealDetail, 'tiers' | 'tierBasis' | 'count' | 'currentUnitPriceFen'>

/** Every price step; the step the server prices at now is highlighted, the ones reached are ticked. */
export function TierLadder({ tiers, tierBasis, count, currentUnitPriceFen }: Props) {
  const unit = tierBasis === 'people' ? '人' : '件'
  return (
    <View className='tier-ladder' data-testid='tier-ladder' role='list' aria-label='阶梯价'>
      {tiers.map((tier) => {
        const current = tier.unitPriceFen === currentUnitPriceFen
        const reached = tier.threshold <= count
        return (
          <View
            key={tier.threshold}
            role='listitem'
            data-testid={current ? 'tier-current' : undefined}
            aria-current={current ? 'true' : undefined}
            className={`tier-ladder__step ${current ? 'tier-ladder__step--current' : ''} ${reached ? 'tier-ladder__step--reached' : ''}`}
          >
            <Text className='tier-ladder__price'>{formatFen(tier.unitPriceFen)}</Text>
            <Text className='tier-ladder__threshold'>
              {tier.threshold === 1 ? `1${unit}起` : `满${tier.threshold}${unit}`}
            </Text>
            <Text className='tier-ladder__mark'>{current ? '当前价' : reached ? '已达成' : '待解锁'}</Text>
          </View>
        )
      })}
    </View>
  )
}
