import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { getOwed } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { SUPPLIER_WALLET } from '../../lib/go'
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

/** What the supplier is owed: per deal, units delivered × the supplier's unit price, less shortages; and the account. */
export default function OwedPage() {
  const t = useSupplierT()
  useSupplierTitle('title.owed')
  const owed = useRemote(() => getOwed(), [])
  useDidShow(() => void owed.reload())
  usePullDownRefresh(() => void owed.reload().finally(() => Taro.stopPullDownRefresh()))

  if (!owed.data)
    return (
      <View className='lc-page'>
        <RemoteState remote={owed} count={2} />
      </View>
    )
  const { deals, account } = owed.data

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <View className='lc-stats'>
          <Stat label={t('owed.owed')} value={formatFen(owed.data.owedFen)} />
          <Stat label={t('owed.awaiting')} value={formatFen(owed.data.awaitingFen)} />
        </View>
        <View className='lc-stats sc-gap'>
          <Stat label={t('owed.balance')} value={formatFen(account.balanceFen)} />
          <Stat label={t('owed.pending')} value={formatFen(account.pendingFen)} />
          <Stat label={t('owed.withdrawable')} value={formatFen(Math.max(0, account.withdrawableFen))} />
        </View>
      </View>
      <View className='lc-card lc-list-item sc-link' role='link' onClick={() => Taro.navigateTo({ url: SUPPLIER_WALLET })}>
        <Text className='lc-card__title'>{t('owed.wallet')}</Text>
        <Text className='lc-chevron'>›</Text>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('owed.deals')}</Text>
        {deals.length === 0 && <EmptyState title={t('owed.none')} />}
        {deals.map((d) => (
          <View key={d.dealId} className='sc-line' role='group' aria-label={d.title}>
            <View className='sc-line__main'>
              <Text className='sc-line__title'>{d.title}</Text>
              <Text className='lc-muted'>
                {t('owed.dealLine', {
                  date: d.deliveryDate ?? t('common.none'),
                  price: d.supplierUnitPriceFen === null ? t('common.none') : formatFen(d.supplierUnitPriceFen),
                })}
              </Text>
              <Text className='lc-muted'>
                {t('owed.units', {
                  delivered: t('common.units', { n: d.deliveredUnits }),
                  short: t('common.units', { n: d.shortUnits }),
                  kept: t('common.units', { n: d.keptUnits }),
                })}
              </Text>
              <Text className='lc-muted'>{t('owed.points', { received: d.receivedPoints, points: d.points })}</Text>
              {d.awaitingFen > 0 && <Text className='lc-muted sc-warn'>{t('owed.dealAwaiting', { amount: formatFen(d.awaitingFen) })}</Text>}
            </View>
            <Text className='sc-line__qty'>{formatFen(d.owedFen)}</Text>
          </View>
        ))}
      </View>
      <Text className='lc-muted'>{t('owed.rule')}</Text>
    </View>
  )
}
