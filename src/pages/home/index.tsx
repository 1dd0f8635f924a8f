import { Button, Input, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { DEALS_PAGE_SIZE, listDealCategories, listDeals, type DealSearch } from '@/api'
import type { DealSummary } from '../../../types/api'
import { DealCard } from '@/components/deal-card'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { dealPath } from '@/domain'
import { useProgressiveCount } from '@/hooks/use-progressive'
import { useRemote } from '@/hooks/use-remote'
import { useT, usePageTitle } from '@/i18n'
import { categoryLabel } from '@/i18n/categories'
import { useLocation } from '@/stores/location'
import './index.scss'

/** How long typing pauses before the list is asked again (one request per word, not per key). */
export const SEARCH_DEBOUNCE_MS = 350
/** The longest search the server takes (a product name is at most 40 characters). */
const SEARCH_MAX = 40
/** A chip takes the keyboard's focus on H5 (Taro's View types leave tabIndex out; WeChat ignores it). */
const KEYBOARD_FOCUS: Record<string, unknown> = { tabIndex: 0 }

export default function HomePage() {
  usePageTitle('title.home', true)
  const t = useT()
  const coords = useLocation((s) => s.coords)
  const locating = useLocation((s) => s.status === 'locating')
  // what is typed, and the words the list was asked for once typing paused
  const [typed, setTyped] = useState('')
  const [words, setWords] = useState('')
  const [category, setCategory] = useState<string | null>(null)
  useEffect(() => {
    const next = typed.trim()
    if (next === words) return
    const timer = setTimeout(() => setWords(next), SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [typed, words])
  const search: DealSearch = { q: words || undefined, category: category ?? undefined }
  const searching = Boolean(words || category)

  const { data, error, loading, reload } = useRemote(() => listDeals(coords, 0, search), [coords, words, category])
  // the chips are read once the first cards are in: the first screen's request goes alone (the largest paint waits for it)
  const dealsIn = data !== null || error !== null
  const categories = useRemote(() => (dealsIn ? listDealCategories() : new Promise<never>(() => {})), [dealsIn])
  // the next pages, fetched as the shopper scrolls to the end (a town can have hundreds of deals)
  const [more, setMore] = useState<{ deals: DealSummary[]; done: boolean; loading: boolean }>({ deals: [], done: false, loading: false })
  // a fresh first page starts the paging over; unchanged state skips a second render of every card
  useEffect(() => setMore((m) => (m.deals.length || m.done || m.loading ? { deals: [], done: false, loading: false } : m)), [data])
  const firstPage = data?.deals ?? []
  const deals = more.deals.length ? [...firstPage, ...more.deals.filter((d) => !firstPage.some((f) => f.id === d.id))] : firstPage
  const done = !data || firstPage.length < DEALS_PAGE_SIZE || more.done
  useReachBottom(() => {
    if (done || more.loading) return
    setMore((m) => ({ ...m, loading: true }))
    listDeals(coords, firstPage.length + more.deals.length, search).then(
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
    await Promise.all([reload(), categories.reload()])
    Taro.stopPullDownRefresh()
  })

  // one function for every card, so a card whose deal did not change is not drawn again
  const openDeal = useCallback((deal: DealSummary) => void Taro.navigateTo({ url: dealPath(deal.id) }), [])
  // the first screen's cards at once, the rest a few at a time (no one long task); a new search starts over
  const drawn = useProgressiveCount(deals.length, `${words}|${category ?? ''}|${coords?.lat ?? ''},${coords?.lng ?? ''}`)
  const showAll = () => {
    setTyped('')
    setWords('')
    setCategory(null)
  }
  const chips = categories.data?.categories ?? []

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__hero-title'>{t('home.title')}</Text>
        {coords || locating ? (
          <Text className='home__hero-sub'>{t(coords ? 'home.subLocated' : 'home.subLocating')}</Text>
        ) : (
          // location is asked only when the shopper taps for it, never on load
          <Text className='home__hero-sub home__hero-sub--action' role='button' onClick={() => void useLocation.getState().locate()}>
            {t('home.subNoLocation')}
          </Text>
        )}
        <View className='home__search' role='search'>
          <Input
            className='home__search-input'
            type='text'
            confirmType='search'
            aria-label={t('home.searchLabel')}
            // on H5 the label and the search key belong on the <input> inside Taro's element
            nativeProps={{ 'aria-label': t('home.searchLabel'), enterkeyhint: 'search' }}
            placeholder={t('home.searchPlaceholder')}
            value={typed}
            maxlength={SEARCH_MAX}
            onInput={(e) => setTyped(e.detail.value)}
            // the search key asks at once, without waiting for the pause
            onConfirm={() => setWords(typed.trim())}
          />
          {typed !== '' && (
            <Button role='button' className='home__search-clear' aria-label={t('home.searchClear')} onClick={() => (setTyped(''), setWords(''))}>
              ×
            </Button>
          )}
        </View>
        {chips.length > 0 && (
          // a row that scrolls sideways (CSS, no scroll-view component to load); each chip takes the keyboard's focus
          <View className='home__chips' role='radiogroup' aria-label={t('home.categoriesLabel')}>
            {[null, ...chips.map((c) => c.category)].map((c) => (
              <View
                key={c ?? ''}
                role='radio'
                {...KEYBOARD_FOCUS}
                aria-checked={category === c}
                className={`home__chip ${category === c ? 'home__chip--on' : ''}`}
                onClick={() => setCategory(c)}
              >
                {c === null ? t('home.categoryAll') : categoryLabel(c)}
              </View>
            ))}
          </View>
        )}
      </View>
      {!data && loading && <LoadingCards />}
      {!data && error && <ErrorState message={error.message} onRetry={() => void reload()} />}
      {data && error && (
        <View className='home__notice' onClick={() => void reload()}>
          {t('home.refreshFailed', { message: error.message })}
        </View>
      )}
      {data && data.deals.length === 0 && !searching && <EmptyState title={t('home.emptyTitle')} description={t('home.emptyBody')} />}
      {data && data.deals.length === 0 && searching && (
        <View className='home__no-match'>
          <EmptyState title={t('home.noMatchTitle')} description={words ? t('home.noMatchWords', { words }) : t('home.noMatchBody')} />
          <Button role='button' className='home__show-all' onClick={showAll}>
            {t('home.noMatchBack')}
          </Button>
        </View>
      )}
      {data && data.deals.length > 0 && (
        // (a new search keeps the old cards until its answer comes: busy meanwhile)
        <View className='home__list' aria-busy={loading}>
          {deals.slice(0, drawn).map((deal, i) => (
            <DealCard key={deal.id} deal={deal} onOpen={openDeal} priority={i === 0} />
          ))}
          {more.loading && <LoadingCards count={1} />}
          {done && <View className='home__end'>{t('home.end')}</View>}
        </View>
      )}
    </View>
  )
}
