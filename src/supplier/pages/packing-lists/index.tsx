import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getPackingLists } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { savePickingCsv, savesFiles } from '@/leader/lib/platform'
import { DayChooser } from '../../components/day-chooser'
import { packingCsv } from '../../lib/packing-csv'
import { canPrint, printPage } from '../../lib/print'
import { useDeliveryDay } from '../../lib/use-day'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'
import './index.scss'

/** One packing list per pickup point for a delivery day: printable from the phone, and as a table. */
export default function PackingListsPage() {
  const t = useSupplierT()
  useSupplierTitle('title.packingLists')
  const { date, setDate, now } = useDeliveryDay()
  const list = useRemote(() => getPackingLists(date), [date])
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  const points = list.data?.points ?? []

  const saveCsv = () => {
    if (!list.data) return
    savePickingCsv(`packing-${list.data.date}.csv`, packingCsv(list.data))
    void Taro.showToast({ title: t(savesFiles ? 'pack.saved' : 'pack.copied'), icon: 'none' })
  }

  return (
    <View className='lc-page pack'>
      <DayChooser date={date} onChange={setDate} now={now} />
      <RemoteState remote={list} count={2} />
      {list.data && points.length === 0 && <EmptyState title={t('pack.none')} />}
      {list.data && points.length > 0 && (
        <>
          <View className='lc-row sc-noprint pack__tools'>
            {canPrint && (
              <Button role='button' className='lc-btn lc-btn--small' onClick={printPage}>
                {t('pack.print')}
              </Button>
            )}
            <Button role='button' className='lc-btn lc-btn--small' onClick={saveCsv}>
              {t(savesFiles ? 'pack.csv' : 'pack.copyCsv')}
            </Button>
          </View>
          <Text className='pack__head'>{t('pack.head', { supplier: list.data.supplier.name, date: list.data.date })}</Text>
        </>
      )}
      {points.map((p) => (
        <View key={p.pickupPoint.id} className='lc-card pack__point' role='region' aria-label={p.pickupPoint.name}>
          <View className='lc-card__head sc-deal-title'>
            <Text className='lc-card__title sc-deal-name'>{p.pickupPoint.name}</Text>
            {p.delivered && <Text className='lc-badge lc-badge--succeeded'>{t('pack.delivered')}</Text>}
          </View>
          <Text className='lc-muted'>{p.pickupPoint.address}</Text>
          <Text className='lc-muted'>
            {t('pack.leader', { name: p.leader.nickname })} · {t('pack.contact', { phone: p.pickupPoint.contact })}
          </Text>
          <View className='sc-gap'>
            {p.products.map((prod) => (
              <View key={prod.dealId} className='sc-line'>
                <View className='sc-line__main'>
                  <Text className='sc-line__title'>{prod.productName}</Text>
                  <Text className='lc-muted'>
                    {prod.spec} · {t('common.orders', { n: prod.orders })}
                  </Text>
                </View>
                <Text className='sc-line__qty'>× {prod.units}</Text>
              </View>
            ))}
          </View>
          <View className='sc-total'>
            <Text>{t('pack.shoppers', { n: p.shoppers })}</Text>
            <Text>{t('pack.totalUnits', { units: t('common.units', { n: p.totalUnits }) })}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
