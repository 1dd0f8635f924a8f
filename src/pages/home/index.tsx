import { Text, View } from '@tarojs/components'
import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listDeals } from '@/api'
import { DealCard } from '@/components/deal-card'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useLocation } from '@/stores/location'
import './index.scss'

export default function HomePage() {
  const coords = useLocation((s) => s.coords)
  const locating = useLocation((s) => s.status === 'locating')
  const { data, error, loading, reload } = useRemote(() => listDeals(coords), [coords])

  // back from a deal the counts and prices may have moved; the first show is the initial load
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void reload()
    shown.current = true
  })

  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  const openDeal = (id: string) => Taro.navigateTo({ url: `/pages/deal/index?id=${encodeURIComponent(id)}` })

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__hero-title'>今日邻里团</Text>
        <Text className='home__hero-sub'>
          {coords ? '附近团长当天直送 · 到点自提' : locating ? '正在定位附近自提点…' : '开启定位，看离你最近的自提点'}
        </Text>
      </View>
      {!data && loading && <LoadingCards />}
      {!data && error && <ErrorState message={error.message} onRetry={() => void reload()} />}
      {data && error && (
        <View className='home__notice' onClick={() => void reload()}>
          刷新失败：{error.message}（点此重试）
        </View>
      )}
      {data && data.deals.length === 0 && (
        <EmptyState title='附近暂时没有开团' description='团长们正在备货，晚点再来看看' />
      )}
      {data && data.deals.length > 0 && (
        <View className='home__list'>
          {data.deals.map((deal) => (
            <DealCard key={deal.id} deal={deal} onOpen={() => openDeal(deal.id)} />
          ))}
          <View className='home__end'>— 下拉刷新 · 看看最新团购 —</View>
        </View>
      )}
    </View>
  )
}
