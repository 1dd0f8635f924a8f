import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listOffers, optIn, optOut, type HelpSellingPoint, type LeaderSupplierDeal } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel, showModal } from '@/i18n'
import { rateText, useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { unitWord } from '@/i18n/leader'
import { useSubmit } from '../../lib/use-submit'
import '../../components/console.scss'
import './index.scss'

/** Supplier deals on offer (帮卖): the leader opts her own points in, or out before anyone ordered there. */
export default function OffersPage() {
  const t = useSupplierT()
  useSupplierTitle('title.offers')
  const offers = useRemote(() => listOffers(), [])
  const { busy, message, setMessage, run } = useSubmit()
  useDidShow(() => void offers.reload())
  usePullDownRefresh(() => void offers.reload().finally(() => Taro.stopPullDownRefresh()))
  const deals = offers.data?.deals ?? []

  const join = async (deal: LeaderSupplierDeal, point: HelpSellingPoint) => {
    if (await run(() => optIn(deal.id, point.id))) {
      void Taro.showToast({ title: t('offers.optedIn', { point: point.name }), icon: 'none' })
      await offers.reload()
    }
  }

  const leave = async (deal: LeaderSupplierDeal, point: HelpSellingPoint) => {
    const { confirm } = await showModal({
      title: t('offers.optOutTitle', { point: point.name }),
      content: t('offers.optOutBody'),
      confirmText: t('offers.optOut'),
    })
    if (!confirm) return
    // a 409 (an order came in meanwhile) is explained in the notice under the deal
    if (await run(() => optOut(deal.id, point.id))) void Taro.showToast({ title: t('offers.optedOut'), icon: 'none' })
    await offers.reload()
  }

  return (
    <View className='lc-page'>
      <Text className='lc-muted offers__intro'>{t('offers.intro')}</Text>
      <RemoteState remote={offers} count={2} />
      {offers.data && deals.length === 0 && <EmptyState title={t('offers.none')} />}
      {message && (
        <Text className='lc-notice lc-notice--bad' role='alert' onClick={() => setMessage('')}>
          {message}
        </Text>
      )}
      {deals.map((d) => (
        <View key={d.id} className='lc-card' role='region' aria-label={d.title}>
          <Text className='lc-card__title'>{d.title}</Text>
          {d.supplier && <Text className='lc-muted'>{t('offers.supplier', { name: d.supplier.name })}</Text>}
          <Text className='lc-muted'>
            {t('offers.line', {
              price: formatFen(d.currentUnitPriceFen),
              count: `${d.count} ${unitWord(d.tierBasis, d.count)}`,
              points: t('common.points', { n: d.pointCount }),
            })}
          </Text>
          <Text className='lc-muted'>
            {t('offers.terms', { rate: rateText(d.commissionBps), cutoff: dateTimeLabel(d.cutoffAt), date: d.deliveryDate })}
          </Text>
          <Text className='offers__subhead'>{t('offers.myPoints')}</Text>
          {d.myPoints.length === 0 && <Text className='lc-muted'>{t('offers.noPoints')}</Text>}
          {d.myPoints.map((p) => (
            <View key={p.id} className='offers__point' role='group' aria-label={p.name}>
              <View className='lc-list-item__main'>
                <Text className='lc-list-item__title'>{p.name}</Text>
                {p.optedIn && (
                  <Text className='lc-list-item__sub'>
                    {t('offers.in')} ·{' '}
                    {t('offers.pointOrders', { orders: t('common.orders', { n: p.orders }), units: t('common.units', { n: p.units }) })}
                  </Text>
                )}
                {p.optedIn && !p.canOptOut && <Text className='lc-list-item__sub'>{t('offers.locked')}</Text>}
              </View>
              {!p.optedIn && (
                <Button
                  role='button'
                  className='lc-btn lc-btn--primary lc-btn--small'
                  aria-label={`${t('offers.optIn')} ${p.name}`}
                  disabled={busy || undefined}
                  onClick={() => void join(d, p)}
                >
                  {t('offers.optIn')}
                </Button>
              )}
              {p.optedIn && p.canOptOut && (
                <Button
                  role='button'
                  className='lc-btn lc-btn--small'
                  aria-label={`${t('offers.optOut')} ${p.name}`}
                  disabled={busy || undefined}
                  onClick={() => void leave(d, p)}
                >
                  {t('offers.optOut')}
                </Button>
              )}
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
