import { useRef } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { cancelSupplierDeal, getSupplierDeal } from '@/api/supplier'
import { CountdownText } from '@/components/countdown-text'
import { dealStateText } from '@/components/deal-card-state'
import { RemoteState } from '@/components/page-state'
import { DealDisplay, dealDisplayCode, formatFen, stockLeft } from '@/domain'
import { useLiveDeal, LiveStatus } from '@/hooks/use-live-deal'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { dateTimeLabel, showModal, windowLabel } from '@/i18n'
import { unitWord } from '@/i18n/leader'
import { rateText, useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { dealBadge } from '@/leader/lib/deal-status'
import { useSubmit } from '@/leader/lib/use-submit'
import { colors } from '@/styles/theme'
import { goSupplier } from '../../lib/go'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'

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

/** One supplier deal: the town's count and price, and who sells it where with how many orders (live until cutoff). */
export default function SupplierDealPage() {
  const t = useSupplierT()
  useSupplierTitle('title.deal')
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const data = useRemote(() => getSupplierDeal(id), [id])
  const now = useServerNow(15_000)
  const { busy, run } = useSubmit()
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()))

  // live: a join at any point moves the town's count, and the per-point orders are read again
  const watched = data.data && data.data.deal.status === 'open' ? id : null
  const lastLive = useRef('')
  const liveStatus = useLiveDeal(watched, (live) => {
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

  const { deal } = data.data
  const code = dealDisplayCode(deal, now)
  const left = stockLeft(deal.stockUnits, deal.soldUnits)
  const cancellable = code === DealDisplay.joinable || code === DealDisplay.soldOut
  const orders = deal.points.reduce((sum, p) => sum + p.orders, 0)
  const units = deal.points.reduce((sum, p) => sum + p.units, 0)
  const points = [...deal.points].sort((a, b) => b.units - a.units || a.pickupPoint.name.localeCompare(b.pickupPoint.name))

  const cancel = async () => {
    const { confirm } = await showModal({
      title: t('deal.cancelTitle'),
      content: t('deal.cancelBody', { n: orders }),
      confirmText: t('deal.cancelConfirm'),
      confirmColor: colors.red,
      cancelText: t('deal.cancelKeep'),
    })
    if (!confirm) return
    if (!(await run(() => cancelSupplierDeal(deal.id), { toast: true }))) return
    void Taro.showToast({ title: t('deal.cancelled'), icon: 'none' })
    await data.reload()
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <View className='lc-card__head sc-deal-title'>
          <Text className='lc-card__title sc-deal-name'>{deal.title}</Text>
          <Text className={`lc-badge ${dealBadge(deal.status)}`}>{dealStateText(code)}</Text>
        </View>
        {deal.status === 'open' ? (
          <CountdownText className='lc-muted' cutoffAt={deal.cutoffAt} />
        ) : (
          <Text className='lc-muted'>{t('deal.cutoff', { time: dateTimeLabel(deal.cutoffAt) })}</Text>
        )}
        <Text className='lc-muted'>
          {t('deal.delivery', { date: deal.deliveryDate })} · {windowLabel(deal.pickupStart, deal.pickupEnd)}
        </Text>
        <Text className='lc-muted'>{t('deal.commission', { rate: rateText(deal.commissionBps) })}</Text>
        <View className='lc-stats sc-gap'>
          <Stat label={t('deal.count')} value={`${deal.count} ${unitWord(deal.tierBasis, deal.count)}`} />
          <Stat label={t('deal.price')} value={formatFen(deal.currentUnitPriceFen)} />
          <Stat label={t('deal.sold')} value={t('common.units', { n: deal.soldUnits })} />
          <Stat label={t('deal.stockLeft')} value={left === null ? '∞' : t('common.units', { n: left })} />
        </View>
      </View>

      <View className='lc-card' role='region' aria-label={t('deal.points')}>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>{t('deal.points')}</Text>
          {deal.status === 'open' && liveStatus === LiveStatus.live && <Text className='lc-muted'>{t('deal.pointsLive')}</Text>}
        </View>
        {points.length === 0 && <Text className='lc-muted'>{t('deal.noPoints')}</Text>}
        {points.map((p) => (
          <View key={p.pickupPoint.id} className='sc-line' role='group' aria-label={p.pickupPoint.name}>
            <View className='sc-line__main'>
              <Text className='sc-line__title'>{p.pickupPoint.name}</Text>
              <Text className='lc-muted'>
                {t('deal.pointLeader', { name: p.leader.nickname })}
                {p.leader.phone ? ` · ${p.leader.phone}` : ''}
              </Text>
              <Text className='lc-muted'>{t('common.orders', { n: p.orders })}</Text>
            </View>
            <Text className='sc-line__qty'>{t('common.units', { n: p.units })}</Text>
          </View>
        ))}
        {points.length > 0 && (
          <View className='sc-total'>
            <Text>{t('deal.total')}</Text>
            <Text>{t('deal.pointLine', { orders: t('common.orders', { n: orders }), units: t('common.units', { n: units }) })}</Text>
          </View>
        )}
      </View>

      {deal.status === 'draft' && (
        <Button role='button' className='lc-btn' onClick={() => Taro.redirectTo({ url: goSupplier('deal-edit', { id: deal.id }) })}>
          {t('deal.edit')}
        </Button>
      )}
      {cancellable && (
        <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => void cancel()}>
          {t('deal.cancel')}
        </Button>
      )}
    </View>
  )
}
