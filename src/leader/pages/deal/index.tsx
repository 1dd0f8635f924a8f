import { useEffect } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { cancelDeal, getMyDeal, listDealOrders, markArrived } from '@/api/leader'
import { CountdownText } from '@/components/countdown-text'
import { RemoteState } from '@/components/page-state'
import { ACTIVE_ORDER_STATUSES, currentTier, formatFen, stockLeft } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { colors } from '@/styles/theme'
import { dealStatusText, orderStatusText } from '@/components/order-status'
import { dateTimeLabel, showModal, windowLabel } from '@/i18n'
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
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  // live while open: new participants show up without touching the phone
  const open = data.data?.deal.status === 'open'
  useEffect(() => {
    if (!open) return
    const timer = setInterval(() => void data.reload(), 10_000)
    return () => clearInterval(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

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
          <Text className={`lc-badge ${dealBadge(deal.status)}`}>{dealStatusText(deal.status)}</Text>
        </View>
        {deal.status === 'open' ? (
          <CountdownText className='dash__countdown' cutoffAt={deal.cutoffAt} />
        ) : (
          <Text className='lc-muted'>{t('dash.cutoff', { time: dateTimeLabel(deal.cutoffAt) })}</Text>
        )}
        <Text className='lc-muted'>{t('dash.pickup', { window: windowLabel(deal.pickupStart, deal.pickupEnd) })}</Text>
        <View className='lc-stats dash__stats'>
          <Stat label={t('dash.people')} value={t('dash.peopleValue', { n: participants(deal, orders) })} />
          <Stat label={t('dash.currentPrice', { n: tier.threshold, unit })} value={formatFen(deal.currentUnitPriceFen)} />
          <Stat label={t('dash.sold')} value={t('dash.unitsValue', { n: deal.soldUnits })} />
          <Stat label={t('dash.stockLeft')} value={left === null ? t('common.unlimited') : t('dash.unitsValue', { n: left })} />
        </View>
        {deal.status === 'open' && (
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
          <View key={p.id} className='lc-list-item' role='group' aria-label={p.name}>
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
                className='lc-btn lc-btn--primary lc-btn--small'
                disabled={busy || undefined}
                onClick={() => void arrive(p.id, p.name)}
              >
                {t('dash.arrive')}
              </Button>
            )}
            {(deal.status === 'succeeded' || deal.status === 'completed') && p.arrived && (
              <Text className='lc-badge lc-badge--open'>{t('dash.arrived')}</Text>
            )}
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('dash.orders', { n: liveOrders.length })}</Text>
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
            <Text className='lc-badge'>{orderStatusText(o.status)}</Text>
          </View>
        ))}
      </View>

      <View className='lc-bar'>
        {deal.status === 'open' && (
          <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => void cancel()}>
            {t('dash.cancel')}
          </Button>
        )}
        {(deal.status === 'succeeded' || deal.status === 'completed') && (
          <Button role='button' className='lc-btn' onClick={() => Taro.navigateTo({ url: go('picking') })}>
            {t('dash.picking')}
          </Button>
        )}
        <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.navigateTo({ url: go('verify') })}>
          {t('dash.verify')}
        </Button>
      </View>
    </View>
  )
}
