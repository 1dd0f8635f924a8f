import { Text, View } from '@tarojs/components'
import { nextTierLabel } from '@/domain'
import type { DealSummary } from '../../types/api'
import './tier-progress.scss'

type Props = Pick<DealSummary, 'tierBasis' | 'count' | 'nextTier' | 'tiers'> & { className?: string }

/** How far the group is from the next price: a bar plus "再邀2人 享¥8.80" (the server's nextTier). */
export function TierProgress({ tierBasis, count, nextTier, tiers, className = '' }: Props) {
  const unit = tierBasis === 'people' ? '人' : '件'
  const label = nextTierLabel(tierBasis, nextTier)
  // the bar runs from the last reached threshold to the next one; full at the lowest price
  const reached = [...tiers].reverse().find((t) => t.threshold <= count)?.threshold ?? 0
  const percent = nextTier
    ? Math.max(6, Math.min(100, ((count - reached) / Math.max(1, nextTier.threshold - reached)) * 100))
    : 100
  return (
    <View className={`tier-progress ${className}`}>
      <View className='tier-progress__bar' role='progressbar' aria-valuenow={Math.round(percent)}>
        <View className='tier-progress__fill' style={{ width: `${percent}%` }} />
      </View>
      <View className='tier-progress__text'>
        <Text className='tier-progress__count'>
          已拼{count}
          {unit}
        </Text>
        <Text className={`tier-progress__next ${label ? '' : 'tier-progress__next--done'}`}>{label ?? '已享最低价'}</Text>
      </View>
    </View>
  )
}
