import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getEarnings, type EarningsPeriod } from '@/api/leader'
import { RemoteState } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dealStatusText } from '@/components/order-status'
import { lt, useLeaderT, useLeaderTitle } from '@/i18n/leader'
import type { DealStatus } from '../../../../types/api'
import { Segmented } from '../../components/form'
import '../../components/console.scss'
import './index.scss'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "2026年11月" / "Nov 2026"; a week by its first day: "11月23日起的一周" / "Week of Nov 23". */
const periodLabel = (kind: 'weeks' | 'months', p: EarningsPeriod) => {
  const [year, m, day] = p.period.split('-')
  const month = Number(m)
  const names = { year, month, monthName: MONTHS[month - 1], day: Number(day) }
  return lt(kind === 'months' ? 'earnings.month' : 'earnings.week', names)
}

export default function EarningsPage() {
  const t = useLeaderT()
  useLeaderTitle('title.earnings')
  const data = useRemote(() => getEarnings(), [])
  const [kind, setKind] = useState<'weeks' | 'months'>('weeks')
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  if (!data.data)
    return (
      <View className='lc-page'>
        <RemoteState remote={data} count={2} />
      </View>
    )

  const e = data.data
  const periods = e[kind]
  return (
    <View className='lc-page'>
      <View className='lc-card earnings__head'>
        <View className='earnings__total'>
          <Text className='earnings__label'>{t('earnings.earned')}</Text>
          <Text className='earnings__big'>{formatFen(e.totals.earnedFen)}</Text>
        </View>
        <View className='earnings__total'>
          <Text className='earnings__label'>{t('earnings.pending')}</Text>
          <Text className='earnings__mid'>{formatFen(e.totals.pendingFen)}</Text>
        </View>
        <Text className='lc-muted earnings__rate'>{t('earnings.rate', { rate: e.commissionBps / 100 })}</Text>
      </View>

      {/* the commission's money: withdraw it in the wallet */}
      <View className='lc-card lc-list-item earnings__wallet' role='link' onClick={() => Taro.navigateTo({ url: '/leader/pages/wallet/index' })}>
        <Text className='lc-list-item__title'>{t('earnings.wallet')}</Text>
        <Text className='lc-chevron'>›</Text>
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>{t('earnings.byTime')}</Text>
        </View>
        <Segmented
          label={t('earnings.byTimeLabel')}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'weeks', label: t('earnings.weeks') },
            { value: 'months', label: t('earnings.months') },
          ]}
        />
        {periods.length === 0 && <Text className='lc-muted earnings__empty'>{t('earnings.none')}</Text>}
        {periods.map((p) => (
          <View key={p.period} className='lc-list-item'>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{periodLabel(kind, p)}</Text>
              {p.pendingFen > 0 && <Text className='lc-list-item__sub'>{t('earnings.pendingAmount', { amount: formatFen(p.pendingFen) })}</Text>}
            </View>
            <Text className='earnings__amount'>{formatFen(p.earnedFen)}</Text>
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('earnings.byDeal')}</Text>
        {e.deals.length === 0 && <Text className='lc-muted'>{t('earnings.noDeals')}</Text>}
        {e.deals.map((d) => (
          <View key={d.dealId} className='lc-list-item'>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{d.title}</Text>
              <Text className='lc-list-item__sub'>
                {t('earnings.dealLine', { status: dealStatusText(d.dealStatus as DealStatus), amount: formatFen(d.earnedValueFen) })}
                {d.pendingFen > 0 ? t('earnings.dealPending', { amount: formatFen(d.pendingFen) }) : ''}
              </Text>
            </View>
            <Text className='earnings__amount'>{formatFen(d.earnedFen)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
