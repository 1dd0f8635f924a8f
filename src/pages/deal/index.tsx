import { useEffect, useState } from 'react'
import { Button, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { offWhen } from '@/components/button-state'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { createInvite, getDeal, listMyOrders } from '@/api'
import { CountdownText } from '@/components/countdown-text'
import { DealImage } from '@/components/deal-image'
import { dealStatusText } from '@/components/order-status'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { TierProgress } from '@/components/tier-progress'
import { SharePoster } from '@/components/share-poster'
import { ACTIVE_ORDER_STATUSES, formatFen, dealPath, isPastCutoff, stockLeft } from '@/domain'
import { dateTimeLabel, t, tierLabel, useT, usePageTitle, windowLabel } from '@/i18n'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { shareLink } from '@/platform'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import { colors } from '@/styles/theme'
import type { DealDetail, DealStatus } from '../../../types/api'
import { JoinSheet } from './join-sheet'
import { PickupPointList } from './pickup-point-list'
import { TierLadder } from './tier-ladder'
import './index.scss'

/** A deal no longer open, in words: its status, and for a failed or cancelled one that the money went back. */
const statusText = (status: DealStatus): string | undefined =>
  status === 'open' ? undefined : dealStatusText(status) + (status === 'failed' || status === 'cancelled' ? t('deal.refunded') : '')

/** "再邀2人 享¥8.80 · 赣南脐橙": what the friend gets by joining, in the share card's title. */
function shareTitle(deal: DealDetail): string {
  const next = tierLabel(deal.tierBasis, deal.nextTier)
  return next
    ? t('deal.shareTitle', { next, title: deal.title })
    : t('deal.shareTitleLowest', { price: formatFen(deal.currentUnitPriceFen), title: deal.title })
}

const sharePath = (deal: DealDetail, code: string | null) => dealPath(deal.id, code)

function DealMissing() {
  useT()
  return (
    <View className='deal-missing'>
      <EmptyState title={t('deal.missingTitle')} description={t('deal.missingBody')} />
      <Button role='button' className='deal-missing__home' onClick={() => Taro.switchTab({ url: '/pages/home/index' })}>
        {t('deal.missingHome')}
      </Button>
    </View>
  )
}

export default function DealPage() {
  usePageTitle('title.deal')
  useT()
  const { params } = useRouter()
  const id = params.id ?? ''
  const invite = params.invite || undefined
  const coords = useLocation((s) => s.coords)
  const token = useSession((s) => s.token)
  const { data, error, loading, reload } = useRemote(
    () => getDeal(id, { invite, where: coords }),
    // read again on signing in: a signed-in reader's deal carries her own units (myUnits, maxMoreUnits)
    [id, invite, coords, token],
  )
  const deal = data?.deal
  const now = useServerNow()
  const { signIn, sheet } = useSignIn()
  const [joining, setJoining] = useState(false)
  const [inviteCode, setInviteCode] = useState<string | null>(null)
  const [poster, setPoster] = useState(false)
  const user = useSession((s) => s.user)
  const [paidCount, setPaidCount] = useState(0)
  // my own orders in this deal, so a returning shopper finds her pickup code from here
  const mine = useRemote(
    () => (token ? listMyOrders().then((r) => r.orders.filter((o) => o.dealId === id)) : Promise.resolve([])),
    [token, id, paidCount],
  )
  const myActive = (mine.data ?? []).filter((o) => ACTIVE_ORDER_STATUSES.includes(o.status))
  const myUnits = myActive.reduce((sum, o) => sum + o.quantity, 0)

  // my own invite code, so whatever I share carries it
  // (once per deal and status, not on every re-read of the deal)
  const dealId = deal?.id
  const dealOpen = deal?.status === 'open'
  useEffect(() => {
    if (!token || !dealId || !dealOpen) return
    createInvite(dealId)
      .then((r) => setInviteCode(r.code))
      .catch(() => setInviteCode(null)) // sharing still works, just without credit
  }, [token, dealId, dealOpen])

  useShareAppMessage(() =>
    deal ? { title: shareTitle(deal), path: sharePath(deal, inviteCode) } : { title: t('deal.shareDefault'), path: '/pages/home/index' },
  )

  const share = async () => {
    if (!deal) return
    if ((await shareLink(shareTitle(deal), sharePath(deal, inviteCode))) === 'copied') {
      void Taro.showToast({ title: t('deal.copied'), icon: 'none' })
    }
  }

  const join = async () => {
    if (await signIn()) setJoining(true)
  }

  if (!id || error?.status === 404) return <DealMissing />
  if (!deal && loading) return <LoadingCards count={2} />
  if (!deal && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!deal) return null

  const open = deal.status === 'open' && !isPastCutoff(deal.cutoffAt, now)
  const next = tierLabel(deal.tierBasis, deal.nextTier)
  const left = stockLeft(deal.stockUnits, deal.soldUnits)
  const images = deal.product.images

  return (
    <View className='deal'>
      {images.length > 1 ? (
        <Swiper className='deal__photos' indicatorDots circular indicatorActiveColor={colors.green}>
          {images.map((src) => (
            <SwiperItem key={src}>
              <DealImage className='deal__photo' name={deal.product.name} src={src} />
            </SwiperItem>
          ))}
        </Swiper>
      ) : (
        <DealImage className='deal__photos deal__photo' name={deal.product.name} src={images[0]} />
      )}

      {deal.inviter && (
        <View className='deal__invite' role='note'>
          {t('deal.invitedBy', { name: deal.inviter.nickname })}
          {next ? ` · ${next}` : ''}
        </View>
      )}

      <View className='deal__price-band'>
        <View className='deal__price-main'>
          <Text className='deal__price-label'>{t(deal.tierBasis === 'people' ? 'deal.pricePeople' : 'deal.priceUnits')}</Text>
          <Text className='deal__price'>{formatFen(deal.currentUnitPriceFen)}</Text>
          {deal.listPriceFen > deal.currentUnitPriceFen && <Text className='deal__list-price'>{formatFen(deal.listPriceFen)}</Text>}
        </View>
        <View className='deal__clock'>
          {deal.status === 'open' ? (
            <CountdownText className='deal__countdown' cutoffAt={deal.cutoffAt} />
          ) : (
            <Text className='deal__countdown'>{statusText(deal.status) ?? ''}</Text>
          )}
          <Text className='deal__cutoff'>{t('deal.cutoffAt', { time: dateTimeLabel(deal.cutoffAt) })}</Text>
        </View>
      </View>

      {myActive.length > 0 && (
        <View
          className='deal__mine'
          role='link'
          onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(myActive[0].id)}` })}
        >
          <Text>{t('deal.mine', { n: myUnits })}</Text>
          <Text className='deal__mine-link'>{t('deal.mineLink')}</Text>
        </View>
      )}

      <View className='deal__card'>
        <Text className='deal__title'>{deal.title}</Text>
        <Text className='deal__spec'>{deal.product.spec}</Text>
        {deal.product.description && <Text className='deal__desc'>{deal.product.description}</Text>}
        <View className='deal__facts'>
          <Text className='deal__fact'>{t('deal.leader', { name: deal.leader.nickname })}</Text>
          <Text className='deal__fact'>{t(deal.tierBasis === 'people' ? 'deal.minPeople' : 'deal.minUnits', { n: deal.minToSucceed })}</Text>
          {deal.perUserLimit !== null && <Text className='deal__fact'>{t('deal.limit', { n: deal.perUserLimit })}</Text>}
          {left !== null && <Text className='deal__fact'>{t('deal.stockLeft', { n: left })}</Text>}
        </View>
      </View>

      <View className='deal__card'>
        <View className='deal__card-head'>
          <Text className='deal__card-title'>{t(deal.tierBasis === 'people' ? 'deal.ladderPeople' : 'deal.ladderUnits')}</Text>
        </View>
        <TierProgress tierBasis={deal.tierBasis} count={deal.count} nextTier={deal.nextTier} tiers={deal.tiers} />
        <TierLadder tiers={deal.tiers} tierBasis={deal.tierBasis} count={deal.count} currentUnitPriceFen={deal.currentUnitPriceFen} />
        <Text className='deal__promise'>{t('deal.promise')}</Text>
      </View>

      <View className='deal__card'>
        <View className='deal__card-head'>
          <Text className='deal__card-title'>{t('deal.pickup')}</Text>
          <Text className='deal__window'>{windowLabel(deal.pickupStart, deal.pickupEnd)}</Text>
        </View>
        <PickupPointList points={deal.pickupPoints} from={coords} />
      </View>

      <View className='deal__bar'>
        <Button role='button' className='deal__share' openType='share' onClick={() => void share()}>
          {t('deal.invite')}
        </Button>
        <Button role='button' className='deal__poster' onClick={() => setPoster(true)}>
          {t('deal.poster')}
        </Button>
        <Button role='button' {...offWhen(!open || left === 0, 'deal__join')} onClick={() => void join()}>
          {!open
            ? (statusText(deal.status) ?? t('deal.closed'))
            : left === 0
              ? t('deal.soldOut')
              : t('deal.join', { price: formatFen(deal.currentUnitPriceFen) })}
        </Button>
      </View>

      {joining && (
        <JoinSheet
          deal={deal}
          inviteCode={invite}
          from={coords}
          onClose={() => setJoining(false)}
          onPaid={() => {
            void reload()
            setPaidCount((n) => n + 1)
          }}
          onInvite={() => void share()}
          onPoster={() => {
            setJoining(false)
            setPoster(true)
          }}
        />
      )}
      {poster && <SharePoster deal={deal} inviteCode={inviteCode} inviterName={user?.nickname ?? ''} onClose={() => setPoster(false)} />}
      {sheet}
    </View>
  )
}
