import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getEarnings, type EarningsPeriod } from '@/api/leader'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { Segmented } from '../../components/form'
import { DEAL_STATUS_TEXT } from '../../lib/deal-status'
import '../../components/console.scss'
import './index.scss'

const periodLabel = (kind: 'weeks' | 'months', p: EarningsPeriod) => {
  if (kind === 'months') {
    const [y, m] = p.period.split('-')
    return `${y}年${Number(m)}月`
  }
  const [, m, d] = p.period.split('-')
  return `${Number(m)}月${Number(d)}日起的一周`
}

export default function EarningsPage() {
  const data = useRemote(() => getEarnings(), [])
  const [kind, setKind] = useState<'weeks' | 'months'>('weeks')
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  if (data.error && !data.data) return <View className='lc-page'><ErrorState message={data.error.message} onRetry={() => void data.reload()} /></View>
  if (!data.data) return <View className='lc-page'><LoadingCards count={2} /></View>

  const e = data.data
  const periods = e[kind]
  return (
    <View className='lc-page'>
      <View className='lc-card earnings__head'>
        <View className='earnings__total'>
          <Text className='earnings__label'>已到账佣金</Text>
          <Text className='earnings__big'>{formatFen(e.totals.earnedFen)}</Text>
        </View>
        <View className='earnings__total'>
          <Text className='earnings__label'>待结算（未提货）</Text>
          <Text className='earnings__mid'>{formatFen(e.totals.pendingFen)}</Text>
        </View>
        <Text className='lc-muted earnings__rate'>佣金比例 {e.commissionBps / 100}% · 按邻居提货后的实付金额计算</Text>
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>按时间</Text>
        </View>
        <Segmented
          label='按周或按月'
          value={kind}
          onChange={setKind}
          options={[
            { value: 'weeks', label: '按周' },
            { value: 'months', label: '按月' },
          ]}
        />
        {periods.length === 0 && <Text className='lc-muted earnings__empty'>还没有佣金记录</Text>}
        {periods.map((p) => (
          <View key={p.period} className='lc-list-item'>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{periodLabel(kind, p)}</Text>
              {p.pendingFen > 0 && <Text className='lc-list-item__sub'>待结算 {formatFen(p.pendingFen)}</Text>}
            </View>
            <Text className='earnings__amount'>{formatFen(p.earnedFen)}</Text>
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>按团购</Text>
        {e.deals.length === 0 && <Text className='lc-muted'>成团并提货后，佣金会出现在这里</Text>}
        {e.deals.map((d) => (
          <View key={d.dealId} className='lc-list-item'>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{d.title}</Text>
              <Text className='lc-list-item__sub'>
                {DEAL_STATUS_TEXT[d.dealStatus as keyof typeof DEAL_STATUS_TEXT] ?? d.dealStatus} · 已提货 {formatFen(d.earnedValueFen)}
                {d.pendingFen > 0 ? ` · 待结算 ${formatFen(d.pendingFen)}` : ''}
              </Text>
            </View>
            <Text className='earnings__amount'>{formatFen(d.earnedFen)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
