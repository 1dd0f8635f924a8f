import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ApiError } from '@/api'
import { cancelDeal, getMyDeal, listDealOrders, markArrived } from '@/api/leader'
import { CountdownText } from '@/components/countdown-text'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { currentTier, formatFen, formatShanghai, formatWindow } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { DEAL_STATUS_TEXT, ORDER_STATUS_TEXT, dealBadge } from '../../lib/deal-status'
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
  const [busy, setBusy] = useState<string | null>(null)
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  // live while open: new participants show up without touching the phone
  const open = data.data?.deal.status === 'open'
  useEffect(() => {
    if (!open) return
    const timer = setInterval(() => void data.reload(), 10_000)
    return () => clearInterval(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  if (data.error && !data.data) return <View className='lc-page'><ErrorState message={data.error.message} onRetry={() => void data.reload()} /></View>
  if (!data.data) return <View className='lc-page'><LoadingCards count={3} /></View>

  const { deal, orders } = data.data
  const unit = deal.tierBasis === 'people' ? '人' : '件'
  const tier = currentTier(deal.tiers, deal.count)
  const perPoint = ordersPerPoint(deal, orders)
  const liveOrders = orders.filter((o) => !['cancelled', 'refunded', 'expired'].includes(o.status))

  const cancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消这个团购？',
      content: `已参团的 ${liveOrders.length} 单将全额退款，邻居会收到通知。取消后不能恢复。`,
      confirmText: '确认取消',
      confirmColor: '#e03131',
      cancelText: '再想想',
    })
    if (!confirm) return
    setBusy('cancel')
    try {
      await cancelDeal(deal.id)
      void Taro.showToast({ title: '已取消，款项原路退回', icon: 'none' })
      await data.reload()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '取消失败', icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const arrive = async (pointId: string, name: string) => {
    const { confirm } = await Taro.showModal({ title: '确认到货', content: `货已送到「${name}」？确认后会通知这里的邻居来提货。` })
    if (!confirm) return
    setBusy(pointId)
    try {
      const res = await markArrived(deal.id, pointId)
      void Taro.showToast({ title: `已通知 ${res.readyOrders} 位邻居`, icon: 'none' })
      await data.reload()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '操作失败', icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title dash__title'>{deal.title}</Text>
          <Text className={`lc-badge ${dealBadge(deal.status)}`}>{DEAL_STATUS_TEXT[deal.status]}</Text>
        </View>
        {deal.status === 'open' ? (
          <CountdownText className='dash__countdown' cutoffAt={deal.cutoffAt} />
        ) : (
          <Text className='lc-muted'>截单 {formatShanghai(deal.cutoffAt)}</Text>
        )}
        <Text className='lc-muted'>提货 {formatWindow(deal.pickupStart, deal.pickupEnd)}</Text>
        <View className='lc-stats dash__stats'>
          <Stat label='参团人数' value={`${participants(deal, orders)}人`} />
          <Stat label={`当前价 · 满${tier.threshold}${unit}档`} value={formatFen(deal.currentUnitPriceFen)} />
          <Stat label='已售件数' value={`${deal.soldUnits}件`} />
          <Stat label='剩余库存' value={deal.stockUnits === null ? '不限' : `${Math.max(0, deal.stockUnits - deal.soldUnits)}件`} />
        </View>
        {deal.status === 'open' && (
          <Text className={`lc-notice ${deal.count >= deal.minToSucceed ? 'lc-notice--ok' : ''}`}>
            {deal.count >= deal.minToSucceed
              ? `已达成团条件（${deal.minToSucceed}${unit}）`
              : `还差 ${deal.minToSucceed - deal.count}${unit}成团`}
            {deal.nextTier ? ` · 再${deal.nextTier.remaining}${unit}降到 ${formatFen(deal.nextTier.unitPriceFen)}` : ''}
          </Text>
        )}
        <View className='dash__tiers'>
          {deal.tiers.map((t) => (
            <Text key={t.threshold} className={`dash__tier ${t.threshold === tier.threshold ? 'dash__tier--on' : ''}`}>
              满{t.threshold}
              {unit} {formatFen(t.unitPriceFen)}
            </Text>
          ))}
        </View>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>各自提点</Text>
        {perPoint.map((p) => (
          <View key={p.id} className='lc-list-item' role='group' aria-label={p.name}>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{p.name}</Text>
              <Text className='lc-list-item__sub'>
                {p.orders}单 · {p.units}件{p.pickedUp ? ` · 已提${p.pickedUp}单` : ''}
              </Text>
            </View>
            {deal.status === 'succeeded' && p.orders > 0 && !p.arrived && (
              <Button role='button' className='lc-btn lc-btn--primary lc-btn--small' disabled={busy !== null || undefined} onClick={() => void arrive(p.id, p.name)}>
                到货了
              </Button>
            )}
            {(deal.status === 'succeeded' || deal.status === 'completed') && p.arrived && <Text className='lc-badge lc-badge--open'>已到货</Text>}
          </View>
        ))}
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>订单（{liveOrders.length}）</Text>
        {orders.length === 0 && <Text className='lc-muted'>还没有人参团，把团购分享到小区群吧</Text>}
        {orders.map((o) => (
          <View key={o.id} className='lc-list-item'>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>
                {o.shopper} × {o.quantity}
                {o.invited ? ' · 好友邀请' : ''}
              </Text>
              <Text className='lc-list-item__sub'>
                {o.pickupPoint.name} · {formatShanghai(o.createdAt)}
              </Text>
            </View>
            <Text className='lc-badge'>{ORDER_STATUS_TEXT[o.status] ?? o.status}</Text>
          </View>
        ))}
      </View>

      <View className='lc-bar'>
        {deal.status === 'open' && (
          <Button role='button' className='lc-btn lc-btn--danger' disabled={busy !== null || undefined} onClick={() => void cancel()}>
            取消团购
          </Button>
        )}
        {(deal.status === 'succeeded' || deal.status === 'completed') && (
          <Button role='button' className='lc-btn' onClick={() => Taro.navigateTo({ url: go('picking') })}>
            配货单
          </Button>
        )}
        <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.navigateTo({ url: go('verify') })}>
          核销提货
        </Button>
      </View>
    </View>
  )
}
