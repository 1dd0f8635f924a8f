import { useRef } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro'
import { cancelDeal, getMyDeal, listDealOrders, markArrived } from '@/api/leader'
import { CountdownText } from '@/components/countdown-text'
import { RemoteState } from '@/components/page-state'
import { ACTIVE_ORDER_STATUSES, DealDisplay, currentTier, dealDisplay, dealDisplayCode, dealPath, formatFen, stockLeft } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useLiveDeal } from '@/hooks/use-live-deal'
import { useServerNow } from '@/hooks/use-server-now'
import { colors } from '@/styles/theme'
import { orderStatusText } from '@/components/order-status'
import { dealStateText } from '@/components/deal-card-state'
import { dateTimeLabel, showModal, windowLabel } from '@/i18n'
import { shareLink } from '@/platform'
import { unitWord, useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { dealBadge } from '../../lib/deal-status'
import { useSubmit } from '../../lib/use-submit'
import { ordersPerPoint, participants } from '../../lib/dashboard'
import { go } from '../../lib/use-leader'
import '../../components/console.scss'
import './index.scss'

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <View className='lc-stat'>
      <View className='lc-stat__box'>
        <Text className='lc-stat__value'>{value}</Text>
        <Text className='lc-stat__label'>{label}</Text>
      </View>
    </View>
  )
}

export default function DealDashboardPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const data = useRemote(async () => {
    const [{ deal }, { orders }] = await Promise.all([getMyDeal(id), listDealOrders(id)])
    return { deal, orders }
  }, [id])
  const t = useLeaderT()
  useLeaderTitle('title.deal')
  const { busy, run } = useSubmit()
  const now = useServerNow(15_000)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  // the share card: the deal's page for the neighbours, at the price it is at now
  const shareCard = () => {
    const deal = data.data?.deal
    if (!deal) return {}
    return { title: t('dash.shareTitle', { title: deal.title, price: formatFen(deal.currentUnitPriceFen) }), path: dealPath(deal.id) }
  }
  useShareAppMessage(() => shareCard())

  // live: a new participant, a payment, a sell-out shows up without touching the phone (the orders
  // are read again only when the deal's live state moved)
  const watched = data.data && data.data.deal.status !== 'draft' ? id : null
  const lastLive = useRef('')
  useLiveDeal(watched, (live) => {
    const state = JSON.stringify([live.status, live.count, live.soldUnits, live.lastJoin?.at])
    if (lastLive.current && lastLive.current !== state) void data.reload()
    lastLive.current = state
  })

  if (!data.data)
    return (
      <View className='lc-page'>
        <RemoteState remote={data} count={3} />
      </View>
    )

  const { deal, orders } = data.data
  const left = stockLeft(deal.stockUnits, deal.soldUnits)
  const unit = unitWord(deal.tierBasis)
  const tier = currentTier(deal.tiers, deal.count)
  const perPoint = ordersPerPoint(deal, orders)
  const liveOrders = orders.filter((o) => ACTIVE_ORDER_STATUSES.includes(o.status))
  // one state for the whole page, from the domain (the shoppers' screens read the same)
  const code = dealDisplayCode(deal, now)
  const settled = code === DealDisplay.succeeded || code === DealDisplay.completed
  // the leader may cancel until the cutoff (the server refuses after it)
  const cancellable = code === DealDisplay.joinable || code === DealDisplay.soldOut
  const refundedOrders = orders.filter((o) => o.status === 'refunded').length
  // sharing invites neighbours to join: only while they still can (not sold out, closed or ended)
  const canShare = dealDisplay(deal, now).canInvite
  const share = async () => {
    const card = shareCard()
    if (!card.path) return
    // WeChat: openType='share' opens its own sheet; a browser shares or copies the link
    if ((await shareLink(card.title, card.path)) === 'copied') void Taro.showToast({ title: t('dash.shareCopied'), icon: 'none' })
  }
  const stateNote = code === DealDisplay.joinable ? null : t(`dash.state.${code}`, { price: formatFen(deal.currentUnitPriceFen), n: refundedOrders })

  const cancel = async () => {
    const { confirm } = await showModal({
      title: t('dash.cancelTitle'),
      content: t('dash.cancelBody', { n: liveOrders.length }),
      confirmText: t('dash.cancelConfirm'),
      confirmColor: colors.red,
      cancelText: t('dash.cancelKeep'),
    })
    if (!confirm) return
    if (!(await run(() => cancelDeal(deal.id), { toast: true }))) return
    void Taro.showToast({ title: t('dash.cancelled'), icon: 'none' })
    await data.reload()
  }

  const arrive = async (pointId: string, name: string) => {
    const { confirm } = await showModal({ title: t('dash.arriveTitle'), content: t('dash.arriveBody', { point: name }) })
    if (!confirm) return
    const arrived = await run(() => markArrived(deal.id, pointId), { toast: true })
    if (!arrived) return
    void Taro.showToast({ title: t('dash.notified', { n: arrived.value.readyOrders }), icon: 'none' })
    await data.reload()
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title dash__title'>{deal.title}</Text>
          <Text className={`lc-badge dash__badge ${dealBadge(deal.status)}`}>{dealStateText(code)}</Text>
        </View>
        {deal.status === 'open' ? (
          <CountdownText className='dash__countdown' cutoffAt={deal.cutoffAt} />
        ) : (
          <Text className='lc-muted'>{t('dash.cutoff', { time: dateTimeLabel(deal.cutoffAt) })}</Text>
        )}
        <Text className='lc-muted'>{t('dash.pickup', { window: windowLabel(deal.pickupStart, deal.pickupEnd) })}</Text>
        <View className='lc-stats dash__stats'>
          <Stat label={t('dash.people')} value={t('dash.peopleValue', { n: participants(deal, orders) })} />
          <Stat
            label={settled ? t('dash.finalPrice') : t('dash.currentPrice', { n: tier.threshold, unit })}
            value={formatFen(deal.currentUnitPriceFen)}
          />
          <Stat label={t('dash.sold')} value={t('dash.unitsValue', { n: deal.soldUnits })} />
          <Stat label={t('dash.stockLeft')} value={left === null ? t('common.unlimited') : t('dash.unitsValue', { n: left })} />
        </View>
        {stateNote && (
          <Text
            className={`lc-notice dash__state ${code === DealDisplay.failed || code === DealDisplay.cancelled ? 'lc-notice--bad' : settled ? 'lc-notice--ok' : ''}`}
            role='status'
          >
            {stateNote}
          </Text>
        )}
        {code === DealDisplay.joinable && (
          <Text className={`lc-notice ${deal.count >= deal.minToSucceed ? 'lc-notice--ok' : ''}`}>
            {deal.count >= deal.minToSucceed
              ? t('dash.reached', { n: deal.minToSucceed, unit: unitWord(deal.tierBasis, deal.minToSucceed) })
              : t('dash.short', { n: deal.minToSucceed - deal.count, unit: unitWord(deal.tierBasis, deal.minToSucceed - deal.count) })}
            {deal.nextTier
              ? t('dash.next', {
                  n: deal.nextTier.remaining,
                  unit: unitWord(deal.tierBasis, deal.nextTier.remaining),
                  price: formatFen(deal.nextTier.unitPriceFen),
                })
              : ''}
          </Text>
        )}
        {canShare && (
          <Button role='button' className='lc-btn lc-btn--primary dash__share' openType='share' onClick={() => void share()}>
            {t('dash.share')}
          </Button>
        )}
        <View className='dash__tiers'>
          {deal.tiers.map((row) => (
            <Text key={row.threshold} className={`dash__tier ${row.threshold === tier.threshold ? 'dash__tier--on' : ''}`}>
              {t('dash.tier', { n: row.threshold, unit, price: formatFen(row.unitPriceFen) })}
            </Text>
          ))}
        </View>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('dash.points')}</Text>
        {perPoint.map((p) => (
          <View key={p.id} className='lc-list-item dash__point' role='group' aria-label={p.name}>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{p.name}</Text>
              <Text className='lc-list-item__sub'>
                {t('dash.orderCount', { n: p.orders })} · {t('dash.unitsValue', { n: p.units })}
                {p.pickedUp ? t('dash.pickedUp', { n: p.pickedUp }) : ''}
              </Text>
            </View>
            {deal.status === 'succeeded' && p.orders > 0 && !p.arrived && (
              <Button
                role='button'
                className='lc-btn lc-btn--primary lc-btn--small dash__arrive'
                disabled={busy || undefined}
                onClick={() => void arrive(p.id, p.name)}
              >
                {t('dash.arrive')}
              </Button>
            )}
            {settled && p.arrived && <Text className='lc-badge lc-badge--open dash__arrived'>{t('dash.arrived')}</Text>}
          </View>
        ))}
      </View>

      <View className='lc-card'>
        {/* every order listed below, refunded ones too: the count and the list never disagree */}
        <Text className='lc-card__title'>{t('dash.orders', { n: orders.length })}</Text>
        {orders.length === 0 && <Text className='lc-muted'>{t('dash.noOrders')}</Text>}
        {orders.map((o) => (
          <View key={o.id} className='lc-list-item'>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>
                {o.shopper} × {o.quantity}
                {o.invited ? t('dash.invited') : ''}
              </Text>
              <Text className='lc-list-item__sub'>
                {o.pickupPoint.name} · {dateTimeLabel(o.createdAt)}
              </Text>
            </View>
            <Text className='lc-badge dash__badge'>{orderStatusText(o.status)}</Text>
          </View>
        ))}
      </View>

      {(cancellable || settled) && (
        <View className='lc-bar'>
          {cancellable && (
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => void cancel()}>
              {t('dash.cancel')}
            </Button>
          )}
          {/* picking and handing out only for a deal whose goods come: not for a cancelled or failed one */}
          {settled && (
            <Button role='button' className='lc-btn' onClick={() => Taro.navigateTo({ url: go('picking') })}>
              {t('dash.picking')}
            </Button>
          )}
          {settled && (
            <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.navigateTo({ url: go('verify') })}>
              {t('dash.verify')}
            </Button>
          )}
        </View>
      )}
    </View>
  )
}
