import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { offWhen } from '@/components/button-state'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { createInvite, getDeal, listMyOrders } from '@/api'
import { CountdownText } from '@/components/countdown-text'
import { DealImage } from '@/components/deal-image'
import { DealPhotos } from '@/components/deal-photos'
import { bannerText, displayTone, endedButtonText } from '@/components/deal-card-state'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { TierProgress } from '@/components/tier-progress'
import { SharePoster } from '@/components/share-poster'
import { DealDisplay, PAID_ORDER_STATUSES, dealDisplay, formatFen, dealPath } from '@/domain'
import { dateTimeLabel, t, tierLabel, useT, usePageTitle, windowLabel } from '@/i18n'
import { useLaterTurn } from '@/hooks/use-progressive'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { shareLink } from '@/platform'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import type { DealDetail, LiveDeal } from '../../../types/api'
import { needsReload, useLiveDeal, withLive } from '@/hooks/use-live-deal'
import { LiveLine } from '@/components/live-line'
import { AddToBasket } from '@/components/basket-entry'
import { useDealEntry } from '@/hooks/use-scene'
import { JoinSheet, type JoinStart } from './join-sheet'
import { PickupPointList } from './pickup-point-list'
import { TierLadder } from './tier-ladder'
import './index.scss'

/**
 * "再邀2人 享¥8.80 · 赣南脐橙": what the friend gets by joining, in the share card's title; a deal that
 * cannot be joined (sold out, ended) is shared by its title alone, inviting nobody to join it.
 */
function shareTitle(deal: DealDetail, joinable: boolean): string {
  if (!joinable) return deal.title
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
  // from the path, or from a scanned mini-program code's scene
  const { id, invite, pending: sceneLookup } = useDealEntry(params)
  // paid from the order page: open on the same success-and-invite screen as paying here
  const paidOrderId = params.paid || undefined
  const coords = useLocation((s) => s.coords)
  const token = useSession((s) => s.token)
  const { data, error, loading, reload } = useRemote(
    () => getDeal(id, { invite, where: coords }),
    // read again on signing in: a signed-in reader's deal carries her own units (myUnits, maxMoreUnits)
    [id, invite, coords, token],
  )
  // live: friends' joins, the price falling, a sell-out or a cancel show as they happen
  const [live, setLive] = useState<LiveDeal | null>(null)
  const liveStatus = useLiveDeal(id, (next) => {
    setLive(next)
    // a state the overlay cannot show alone (closed, sold out, back on sale): read the page again
    if (data?.deal && needsReload(data.deal, next)) void reload()
  })
  const deal = data?.deal ? withLive(data.deal, live) : undefined
  const now = useServerNow()
  const { signIn, sheet } = useSignIn()
  const [joining, setJoining] = useState<JoinStart | null>(null)
  const [inviteCode, setInviteCode] = useState<string | null>(null)
  const [poster, setPoster] = useState(false)
  const user = useSession((s) => s.user)
  const [paidCount, setPaidCount] = useState(0)
  // my own orders in this deal, so a returning shopper finds her pickup code from here
  const mine = useRemote(
    () => (token ? listMyOrders().then((r) => r.orders.filter((o) => o.dealId === id)) : Promise.resolve([])),
    [token, id, paidCount],
  )
  // joined means paid: an unpaid order asks to be paid instead (below)
  const myPaid = (mine.data ?? []).filter((o) => PAID_ORDER_STATUSES.includes(o.status))
  const myUnits = myPaid.reduce((sum, o) => sum + o.quantity, 0)
  // what the screen shows: one state from the domain, with the reader's own orders
  const view = deal ? dealDisplay(deal, now, mine.data ?? [], deal.maxMoreUnits) : null
  // the tier ladder and the pickup points lie below the first screen: drawn a turn after the rest
  const belowFold = useLaterTurn(deal?.id)
  // back on the page (from paying, from a chat) and on pull-to-refresh: read it again
  useDidShow(() => {
    if (data) void reload()
  })
  usePullDownRefresh(() => {
    void Promise.all([reload(), mine.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  // back from paying on the order page: the success screen for that order, once
  const shownPaid = useRef<string | null>(null)
  const paidOrder = paidOrderId ? (mine.data ?? []).find((o) => o.id === paidOrderId && PAID_ORDER_STATUSES.includes(o.status)) : undefined
  useEffect(() => {
    if (!paidOrder || shownPaid.current === paidOrder.id) return
    shownPaid.current = paidOrder.id
    setJoining({ step: 'done', order: paidOrder })
  }, [paidOrder])

  // my own invite code, so whatever I share carries it
  // (once per deal and state, not on every re-read of the deal)
  const dealId = deal?.id
  const invitable = view?.canInvite ?? false
  useEffect(() => {
    if (!token || !dealId || !invitable) return
    createInvite(dealId)
      .then((r) => setInviteCode(r.code))
      .catch(() => setInviteCode(null)) // sharing still works, just without credit
  }, [token, dealId, invitable])

  useShareAppMessage(() =>
    deal ? { title: shareTitle(deal, invitable), path: sharePath(deal, inviteCode) } : { title: t('deal.shareDefault'), path: '/pages/home/index' },
  )

  const share = async () => {
    if (!deal) return
    if ((await shareLink(shareTitle(deal, invitable), sharePath(deal, inviteCode))) === 'copied') {
      void Taro.showToast({ title: t('deal.copied'), icon: 'none' })
    }
  }

  const join = async () => {
    if (await signIn()) setJoining({ step: 'form' })
  }

  if (!id || error?.status === 404) return <DealMissing />
  if (!deal && (loading || sceneLookup)) return <LoadingCards count={2} />
  if (!deal && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!deal || !view) return null

  const joinable = view.code === DealDisplay.joinable
  const next = view.showNextTier ? tierLabel(deal.tierBasis, deal.nextTier) : null
  const left = view.left
  const images = deal.product.images
  const unpaid = view.canPay ? view.unpaidOrder : null
  const unpaidOrder = unpaid ? (mine.data ?? []).find((o) => o.id === unpaid.id) : undefined
  const dueFen = unpaidOrder ? unpaidOrder.unitPriceFen * unpaidOrder.quantity : 0
  const banner = bannerText(view, deal.currentUnitPriceFen)
  const mainButton = unpaidOrder
    ? t('display.button.pay', { amount: formatFen(dueFen) })
    : joinable
      ? view.canJoin
        ? t('deal.join', { price: formatFen(deal.currentUnitPriceFen) })
        : t('display.button.limit')
      : endedButtonText(view.code)

  return (
    <View className='deal'>
      {images.length > 1 ? (
        <DealPhotos className='deal__photos' name={deal.product.name} images={images} />
      ) : (
        <DealImage className='deal__photos deal__photo' name={deal.product.name} src={images[0]} priority />
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
            <Text className='deal__countdown'>{t(`display.card.${view.code}`)}</Text>
          )}
          <Text className='deal__cutoff'>{t('deal.cutoffAt', { time: dateTimeLabel(deal.cutoffAt) })}</Text>
        </View>
      </View>

      {banner && (
        <View className={`deal__state deal__state--${displayTone(view.code)}`} role='status' data-state={view.code}>
          {banner}
        </View>
      )}

      {unpaidOrder && (
        <View
          className='deal__unpaid'
          role='link'
          onClick={() => Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(unpaidOrder.id)}` })}
        >
          <View className='deal__unpaid-main'>
            <Text className='deal__unpaid-title'>{t('display.unpaid', { amount: formatFen(dueFen) })}</Text>
            {unpaidOrder.holdExpiresAt && (
              <CountdownText
                className='deal__unpaid-hold'
                cutoffAt={unpaidOrder.holdExpiresAt}
                prefix={t('order.holdPrefix')}
                suffix={t('order.holdSuffix')}
                overText={t('order.holdOver')}
              />
            )}
          </View>
          <Text className='deal__mine-link'>{t('display.unpaidLink')}</Text>
        </View>
      )}

      {myPaid.length > 0 && (
        <View
          className='deal__mine'
          role='link'
          onClick={() => Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(myPaid[0].id)}` })}
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
          {/* a supplier's deal is sold by the leader of each point: it names its supplier instead */}
          <Text className='deal__fact'>
            {deal.supplier ? t('deal.supplier', { name: deal.supplier.name }) : t('deal.leader', { name: deal.leader.nickname })}
          </Text>
          <Text className='deal__fact'>{t(deal.tierBasis === 'people' ? 'deal.minPeople' : 'deal.minUnits', { n: deal.minToSucceed })}</Text>
          {deal.perUserLimit !== null && <Text className='deal__fact'>{t('deal.limit', { n: deal.perUserLimit })}</Text>}
          {left !== null && <Text className='deal__fact'>{t('deal.stockLeft', { n: left })}</Text>}
        </View>
      </View>

      {/* below the first screen: drawn a turn after the rest */}
      {belowFold && (
        <View className='deal__card'>
          <View className='deal__card-head'>
            <Text className='deal__card-title'>{t(deal.tierBasis === 'people' ? 'deal.ladderPeople' : 'deal.ladderUnits')}</Text>
          </View>
          <TierProgress
            tierBasis={deal.tierBasis}
            count={deal.count}
            nextTier={deal.nextTier}
            tiers={deal.tiers}
            display={view.code}
            priceFen={deal.currentUnitPriceFen}
          />
          <LiveLine live={live} status={liveStatus} />
          <TierLadder tiers={deal.tiers} tierBasis={deal.tierBasis} count={deal.count} currentUnitPriceFen={deal.currentUnitPriceFen} />
          {joinable && <Text className='deal__promise'>{t('deal.promise')}</Text>}
        </View>
      )}

      {belowFold && (
        <View className='deal__card'>
          <View className='deal__card-head'>
            <Text className='deal__card-title'>{t('deal.pickup')}</Text>
            <Text className='deal__window'>{windowLabel(deal.pickupStart, deal.pickupEnd)}</Text>
          </View>
          <PickupPointList points={deal.pickupPoints} from={coords} />
        </View>
      )}

      {/* several deals for tomorrow's pickup, one payment */}
      {joinable && view.canJoin && !unpaidOrder && <AddToBasket dealId={deal.id} />}

      <View className='deal__bar'>
        {/* inviting and the poster only while a friend can still join */}
        {view.canInvite && (
          <Button role='button' className='deal__share' openType='share' onClick={() => void share()}>
            {t('deal.invite')}
          </Button>
        )}
        {view.canPoster && (
          <Button role='button' className='deal__poster' onClick={() => setPoster(true)}>
            {t('deal.poster')}
          </Button>
        )}
        <Button
          role='button'
          {...offWhen(!unpaidOrder && !view.canJoin, `deal__join ${unpaidOrder ? 'deal__join--pay' : ''}`)}
          onClick={() => (unpaidOrder ? setJoining({ step: 'pay', order: unpaidOrder }) : void join())}
        >
          {mainButton}
        </Button>
      </View>

      {joining && (
        <JoinSheet
          deal={deal}
          inviteCode={invite}
          from={coords}
          start={joining}
          onClose={() => setJoining(null)}
          onPaid={() => {
            void reload()
            setPaidCount((n) => n + 1)
          }}
          onStale={() => {
            void reload()
            setPaidCount((n) => n + 1)
          }}
          onInvite={() => void share()}
          onPoster={() => {
            setJoining(null)
            setPoster(true)
          }}
        />
      )}
      {poster && <SharePoster deal={deal} inviteCode={inviteCode} inviterName={user?.nickname ?? ''} onClose={() => setPoster(false)} />}
      {sheet}
    </View>
  )
}
