import { Text, View } from '@tarojs/components'
import { tierLabel, useT } from '@/i18n'
import { DealDisplay, tierProgress } from '@/domain'
import type { DealSummary } from '../../types/api'
import { progressNoteText } from './deal-card-state'
import './tier-progress.scss'

type Props = Pick<DealSummary, 'tierBasis' | 'count' | 'nextTier' | 'tiers'> & {
  className?: string
  /** the deal's display state (src/domain/deal-display.ts); joinable when not given */
  display?: DealDisplay
  /** the price the deal stands at (a settled deal's final price) */
  priceFen?: number
}

/**
 * How far the group is from the next price: a bar plus "再邀2人 享¥8.80" (the server's nextTier) while
 * it can be joined; once it cannot, the state instead ("已售罄", "已取消 · 已全额退款") and, for a deal
 * whose money went back, an empty grey bar rather than a full green one.
 */
export function TierProgress({ tierBasis, count, nextTier, tiers, className = '', display = DealDisplay.joinable, priceFen = 0 }: Props) {
  const t = useT()
  const joinable = display === DealDisplay.joinable
  const refunded = display === DealDisplay.failed || display === DealDisplay.cancelled
  const label = joinable ? tierLabel(tierBasis, nextTier) : null
  const note = progressNoteText(display, priceFen)
  // the bar runs from the last reached threshold to the next one (the first tier from nobody), full at the lowest price
  const percent = refunded ? 0 : Math.max(6, Math.round(tierProgress(count, tiers, nextTier) * 100))
  const countText = t(tierBasis === 'people' ? 'tier.countPeople' : 'tier.countUnits', { n: count })
  const nextText = note ?? label ?? t('tier.lowest')
  const tone = refunded ? 'tier-progress--off' : joinable ? '' : `tier-progress--${display}`
  return (
    <View className={`tier-progress ${tone} ${className}`}>
      <View
        className='tier-progress__bar'
        role='progressbar'
        aria-label={refunded ? nextText : `${countText}${t('display.separator')}${nextText}`}
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <View className='tier-progress__fill' style={{ width: `${percent}%` }} />
      </View>
      <View className='tier-progress__text'>
        {/* a deal whose orders were all refunded counts nobody: say only what happened */}
        {!refunded && <Text className='tier-progress__count'>{countText}</Text>}
        {!refunded && <Text className='tier-progress__sep'>{t('display.separator')}</Text>}
        <Text className={`tier-progress__next ${label ? '' : 'tier-progress__next--done'}`}>{nextText}</Text>
      </View>
    </View>
  )
}
