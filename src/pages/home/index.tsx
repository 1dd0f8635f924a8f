import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { DEALS_PAGE_SIZE, listDeals } from '@/api'
import type { DealSummary } from '../../../types/api'
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
  // the next pages, fetched as the shopper scrolls to the end (a town can have hundreds of deals)
  const [more, setMore] = useState<{ deals: DealSummary[]; done: boolean; loading: boolean }>({ deals: [], done: false, loading: false })
  // a fresh first page starts the paging over; unchanged state skips a second render of every card (SPEED: TBT)
  useEffect(() => setMore((m) => (m.deals.length || m.done || m.loading ? { deals: [], done: false, loading: false } : m)), [data])
  const firstPage = data?.deals ?? []
  const deals = more.deals.length ? [...firstPage, ...more.deals.filter((d) => !firstPage.some((f) => f.id === d.id))] : firstPage
  const done = !data || firstPage.length < DEALS_PAGE_SIZE || more.done
  useReachBottom(() => {
    if (done || more.loading) return
    setMore((m) => ({ ...m, loading: true }))
    listDeals(coords, firstPage.length + more.deals.length).then(
      (page) => setMore((m) => ({ deals: [...m.deals, ...page.deals], done: page.deals.length < DEALS_PAGE_SIZE, loading: false })),
      () => setMore((m) => ({ ...m, loading: false })),
    )
  })

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
          {deals.map((deal, i) => (
            <DealCard key={deal.id} deal={deal} onOpen={() => openDeal(deal.id)} priority={i === 0} />
          ))}
          {more.loading && <LoadingCards count={1} />}
          {done && <View className='home__end'>{t('home.end')}</View>}
        </View>
      )}
    </View>
  )
}
