import { Text, View } from '@tarojs/components'
import { useRef } from 'react'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listDeals } from '@/api'
import { DealCard } from '@/components/deal-card'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { dealPath } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useT, usePageTitle } from '@/i18n'
import { useLocation } from '@/stores/location'
import './index.scss'

export default function HomePage() {
  usePageTitle('title.home', true)
  const t = useT()
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

  const openDeal = (id: string) => Taro.navigateTo({ url: dealPath(id) })

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__hero-title'>{t('home.title')}</Text>
        {coords || locating ? (
          <Text className='home__hero-sub'>{t(coords ? 'home.subLocated' : 'home.subLocating')}</Text>
        ) : (
          // location is asked only when the shopper taps for it, never on load (SPEED)
          <Text className='home__hero-sub home__hero-sub--action' role='button' onClick={() => void useLocation.getState().locate()}>
            {t('home.subNoLocation')}
          </Text>
        )}
      </View>
      {!data && loading && <LoadingCards />}
      {!data && error && <ErrorState message={error.message} onRetry={() => void reload()} />}
      {data && error && (
        <View className='home__notice' onClick={() => void reload()}>
          {t('home.refreshFailed', { message: error.message })}
        </View>
      )}
      {data && data.deals.length === 0 && <EmptyState title={t('home.emptyTitle')} description={t('home.emptyBody')} />}
      {data && data.deals.length > 0 && (
        <View className='home__list'>
          {data.deals.map((deal, i) => (
            <DealCard key={deal.id} deal={deal} onOpen={() => openDeal(deal.id)} priority={i === 0} />
          ))}
          <View className='home__end'>{t('home.end')}</View>
        </View>
      )}
    </View>
  )
}
