import { Text, View } from '@tarojs/components'
import { tierLabel, useT } from '@/i18n'
import { tierProgress } from '@/domain'
import type { DealSummary } from '../../types/api'
import './tier-progress.scss'

type Props = Pick<DealSummary, 'tierBasis' | 'count' | 'nextTier' | 'tiers'> & { className?: string }

/** How far the group is from the next price: a bar plus "再邀2人 享¥8.80" (the server's nextTier). */
export function TierProgress({ tierBasis, count, nextTier, tiers, className = '' }: Props) {
  const t = useT()
  const label = tierLabel(tierBasis, nextTier)
  // the bar runs from the last reached threshold to the next one (the first tier from nobody), full at the lowest price
  const percent = Math.max(6, Math.round(tierProgress(count, tiers, nextTier) * 100))
  return (
    <View className={`tier-progress ${className}`}>
      <View className='tier-progress__bar' role='progressbar' aria-valuenow={Math.round(percent)}>
        <View className='tier-progress__fill' style={{ width: `${percent}%` }} />
      </View>
      <View className='tier-progress__text'>
        <Text className='tier-progress__count'>{t(tierBasis === 'people' ? 'tier.countPeople' : 'tier.countUnits', { n: count })}</Text>
        <Text className={`tier-progress__next ${label ? '' : 'tier-progress__next--done'}`}>{label ?? t('tier.lowest')}</Text>
      </View>
    </View>
  )
}
