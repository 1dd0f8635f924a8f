import { useEffect, useState } from 'react'
import { Button, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { disabledWhen } from '@/components/button-state'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { createInvite, getDeal, listMyOrders } from '@/api'
import { CountdownText } from '@/components/countdown-text'
import { DealImage } from '@/components/deal-image'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { TierProgress } from '@/components/tier-progress'
import { ACTIVE_ORDER_STATUSES, formatFen, formatShanghai, formatWindow, isPastCutoff, nextTierLabel } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { useLocation } from '@/stores/location'
import { useSession } from '@/stores/session'
import type { DealDetail } from '../../../types/api'
import { JoinSheet } from './join-sheet'
import { PickupPointList } from './pickup-point-list'
import { TierLadder } from './tier-ladder'
import './index.scss'

const STATUS_TEXT: Record<string, string> = {
  draft: '未开团',
  succeeded: '已成团',
  failed: '未成团，已全额退款',
  cancelled: '团长已取消，已全额退款',
  completed: '已结束',
}

/** "再邀2人 享¥8.80 · 赣南脐橙": what the friend gets by joining, in the share card's title. */
function shareTitle(deal: DealDetail): string {
  const next = nextTierLabel(deal.tierBasis, deal.nextTier)
  return next ? `${next} · ${deal.title}` : `${formatFen(deal.currentUnitPriceFen)} 一起拼 · ${deal.title}`
}

function sharePath(deal: DealDetail, code: string | null): string {
  return `/pages/deal/index?id=${encodeURIComponent(deal.id)}${code ? `&invite=${encodeURIComponent(code)}` : ''}`
}

function DealMissing() {
  return (
    <View className='deal-missing'>
      <EmptyState title='这个团购不存在或已下架' description='可能已被团长取消，去看看附近其他团购吧' />
      <Button role='button' className='deal-missing__home' onClick={() => Taro.switchTab({ url: '/pages/home/index' })}>
        看看其他团购
      </Button>
    </View>
  )
}

export default function DealPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const invite = params.invite || undefined
  const coords = useLocation((s) => s.coords)
  const token = useSession((s) => s.token)
  const { data, error, loading, reload } = useRemote(
    () => getDeal(id, { invite, where: coords }),
    [id, invite, coords],
  )
  const deal = data?.deal
  const now = useServerNow()
  const { signIn, sheet } = useSignIn()
  const [joining, setJoining] = useState(false)
  const [inviteCode, setInviteCode] = useState<string | null>(null)
  const [paidCount, setPaidCount] = useState(0)
  // my own orders in this deal, so a returning shopper finds her pickup code from here
  const mine = useRemote(
    () => (token ? listMyOrders().then((r) => r.orders.filter((o) => o.dealId === id)) : Promise.resolve([])),
    [token, id, paidCount],
  )
  const myActive = (mine.data ?? []).filter((o) => ACTIVE_ORDER_STATUSES.includes(o.status))
  const myUnits = myActive.reduce((sum, o) => sum + o.quantity, 0)

  // my own invite code, so whatever I share carries it
  useEffect(() => {
    if (!token || !deal || deal.status !== 'open') return
    createInvite(deal.id)
      .then((r) => setInviteCode(r.code))
      .catch(() => setInviteCode(null)) // sharing still works, just without credit
  }, [token, deal?.id, deal?.status])

  useShareAppMessage(() =>
    deal ? { title: shareTitle(deal), path: sharePath(deal, inviteCode) } : { title: '邻里团 · 邻居一起拼更便宜', path: '/pages/home/index' },
  )

  const shareOnH5 = async () => {
    if (process.env.TARO_ENV === 'weapp' || !deal) return // weapp: the button opens WeChat's share
    const url = `${window.location.origin}${sharePath(deal, inviteCode)}`
    const title = shareTitle(deal)
    if (typeof navigator !== 'undefined' && typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url })
        return
      } catch {
        // cancelled or refused: fall back to copying
      }
    }
    await Taro.setClipboardData({ data: `${title} ${url}` })
    void Taro.showToast({ title: '链接已复制，发给邻居吧', icon: 'none' })
  }

  const join = async () => {
    if (await signIn()) setJoining(true)
  }

  if (!id || error?.status === 404) return <DealMissing />
  if (!deal && loading) return <LoadingCards count={2} />
  if (!deal && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!deal) return null

  const open = deal.status === 'open' && !isPastCutoff(deal.cutoffAt, now)
  const next = nextTierLabel(deal.tierBasis, deal.nextTier)
  const stockLeft = deal.stockUnits === null ? null : Math.max(0, deal.stockUnits - deal.soldUnits)
  const images = deal.product.images

  return (
    <View className='deal'>
      {images.length > 1 ? (
        <Swiper className='deal__photos' indicatorDots circular indicatorActiveColor='#2f9e44'>
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
          {deal.inviter.nickname} 邀请你参团{next ? ` · ${next}` : ''}
        </View>
      )}

      <View className='deal__price-band'>
        <View className='deal__price-main'>
          <Text className='deal__price-label'>{deal.tierBasis === 'people' ? '拼团价' : '团购价'}</Text>
          <Text className='deal__price'>{formatFen(deal.currentUnitPriceFen)}</Text>
          {deal.listPriceFen > deal.currentUnitPriceFen && (
            <Text className='deal__list-price'>{formatFen(deal.listPriceFen)}</Text>
          )}
        </View>
        <View className='deal__clock'>
          {deal.status === 'open' ? (
            <CountdownText className='deal__countdown' cutoffAt={deal.cutoffAt} />
          ) : (
            <Text className='deal__countdown'>{STATUS_TEXT[deal.status] ?? ''}</Text>
          )}
          <Text className='deal__cutoff'>{formatShanghai(deal.cutoffAt)} 截单</Text>
        </View>
      </View>

      {myActive.length > 0 && (
        <View
          className='deal__mine'
          role='link'
          onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(myActive[0].id)}` })}
        >
          <Text>你已参团 {myUnits}件</Text>
          <Text className='deal__mine-link'>查看订单与提货码 ›</Text>
        </View>
      )}

      <View className='deal__card'>
        <Text className='deal__title'>{deal.title}</Text>
        <Text className='deal__spec'>{deal.product.spec}</Text>
        {deal.product.description && <Text className='deal__desc'>{deal.product.description}</Text>}
        <View className='deal__facts'>
          <Text className='deal__fact'>团长 {deal.leader.nickname}</Text>
          <Text className='deal__fact'>
            满{deal.minToSucceed}
            {deal.tierBasis === 'people' ? '人' : '件'}成团
          </Text>
          {deal.perUserLimit !== null && <Text className='deal__fact'>限购{deal.perUserLimit}件</Text>}
          {stockLeft !== null && <Text className='deal__fact'>剩余{stockLeft}件</Text>}
        </View>
      </View>

      <View className='deal__card'>
        <View className='deal__card-head'>
          <Text className='deal__card-title'>
            阶梯价 · {deal.tierBasis === 'people' ? '人越多越便宜' : '拼得越多越便宜'}
          </Text>
        </View>
        <TierProgress tierBasis={deal.tierBasis} count={deal.count} nextTier={deal.nextTier} tiers={deal.tiers} />
        <TierLadder
          tiers={deal.tiers}
          tierBasis={deal.tierBasis}
          count={deal.count}
          currentUnitPriceFen={deal.currentUnitPriceFen}
        />
        <Text className='deal__promise'>先参团先锁价，截单时按最终阶梯价退差价</Text>
      </View>

      <View className='deal__card'>
        <View className='deal__card-head'>
          <Text className='deal__card-title'>提货</Text>
          <Text className='deal__window'>{formatWindow(deal.pickupStart, deal.pickupEnd)}</Text>
        </View>
        <PickupPointList points={deal.pickupPoints} from={coords} />
      </View>

      <View className='deal__bar'>
        <Button role='button' className='deal__share' openType='share' onClick={() => void shareOnH5()}>
          邀请好友
        </Button>
        <Button
          role='button'
          className={`deal__join ${!open || stockLeft === 0 ? 'is-off' : ''}`}
          disabled={disabledWhen(!open || stockLeft === 0)} onClick={() => void join()}>
          {!open ? (STATUS_TEXT[deal.status] ?? '已截单') : stockLeft === 0 ? '已抢光' : `${formatFen(deal.currentUnitPriceFen)} 立即参团`}
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
          onInvite={() => void shareOnH5()}
        />
      )}
      {sheet}
    </View>
  )
}
