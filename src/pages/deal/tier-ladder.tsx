import { Text, View } from '@tarojs/components'
import { formatFen } from '@/domain'
import { useT } from '@/i18n'
import type { DealDetail } from '../../../types/api'
import './tier-ladder.scss'

type Props = Pick<DealDetail, 'tiers' | 'tierBasis' | 'count' | 'currentUnitPriceFen'>

/** Every price step; the step the server prices at now is highlighted, the ones reached are ticked. */
export function TierLadder({ tiers, tierBasis, count, currentUnitPriceFen }: Props) {
  const t = useT()
  const people = tierBasis === 'people'
  return (
    <View className='tier-ladder' data-testid='tier-ladder' role='list' aria-label={t('tier.ladder')}>
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
              {tier.threshold === 1
                ? t(people ? 'tier.fromPeople' : 'tier.fromUnits')
                : t(people ? 'tier.atPeople' : 'tier.atUnits', { n: tier.threshold })}
            </Text>
            <Text className='tier-ladder__mark'>{t(current ? 'tier.current' : reached ? 'tier.reached' : 'tier.locked')}</Text>
          </View>
        )
      })}
    </View>
  )
}
