import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listSupplierDeals, mySupplier, type Supplier } from '@/api/supplier'
import { CountdownText } from '@/components/countdown-text'
import { dealStateText } from '@/components/deal-card-state'
import { LoadingCards, RemoteState } from '@/components/page-state'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { useSignIn } from '@/components/sign-in'
import { dealDisplayCode, formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { rateText, useSupplierT, useSupplierTitle, type SupplierKey } from '@/i18n/supplier'
import { dealBadge } from '@/leader/lib/deal-status'
import { useLeader } from '@/leader/lib/use-leader'
import { goSupplier, SUPPLIER_WALLET } from '../../lib/go'
import { nextDeliveryDay } from '../../lib/use-day'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'

function Apply({ supplier }: { supplier: Supplier | null }) {
  const t = useSupplierT()
  return (
    <View className='lc-card'>
      <Text className='lc-card__title'>{t('home.become')}</Text>
      <Text className='lc-muted sc-gap'>{t('home.becomeText')}</Text>
      {supplier?.status === 'pending' && <Text className='lc-notice sc-gap'>{t('home.pending', { name: supplier.name })}</Text>}
      {supplier?.status === 'rejected' && (
        <Text className='lc-notice lc-notice--bad sc-gap'>{t('home.rejected', { reason: supplier.rejectReason ?? '' })}</Text>
      )}
      {supplier?.status !== 'pending' && (
        <Button role='button' className='lc-btn lc-btn--primary sc-gap' onClick={() => Taro.navigateTo({ url: goSupplier('apply') })}>
          {t(supplier?.status === 'rejected' ? 'home.reapply' : 'home.apply')}
        </Button>
      )}
    </View>
  )
}

function Console({ supplier }: { supplier: Supplier }) {
  const t = useSupplierT()
  const deals = useRemote(() => listSupplierDeals(), [])
  const now = useServerNow(15_000)
  useDidShow(() => void deals.reload())
  usePullDownRefresh(() => void deals.reload().finally(() => Taro.stopPullDownRefresh()))
  const day = nextDeliveryDay(deals.data?.deals ?? [], now)

  const actions: { url: string; icon: string; text: SupplierKey }[] = [
    { url: goSupplier('deal-edit'), icon: '＋', text: 'home.action.create' },
    { url: goSupplier('purchase-orders', { date: day }), icon: '≡', text: 'home.action.purchaseOrders' },
    { url: goSupplier('packing-lists', { date: day }), icon: '▤', text: 'home.action.packingLists' },
    { url: goSupplier('route', { date: day }), icon: '⇢', text: 'home.action.route' },
    { url: goSupplier('deliveries', { date: day }), icon: '✓', text: 'home.action.deliveries' },
    { url: goSupplier('owed'), icon: '¥', text: 'home.action.owed' },
  ]

  return (
    <>
      {supplier.suspended && <Text className='lc-notice lc-notice--bad'>{t('home.suspended')}</Text>}
      <View className='sc-actions'>
        {actions.map((a) => (
          <View key={a.text} className='sc-action' role='link' onClick={() => Taro.navigateTo({ url: a.url })}>
            <Text className='sc-action__icon'>{a.icon}</Text>
            <Text className='sc-action__text'>{t(a.text)}</Text>
          </View>
        ))}
      </View>
      <View className='lc-card lc-list-item sc-link' role='link' onClick={() => Taro.navigateTo({ url: SUPPLIER_WALLET })}>
        <Text className='lc-card__title'>{t('home.action.wallet')}</Text>
        <Text className='lc-chevron'>›</Text>
      </View>

      <View className='lc-card'>
        <View className='lc-card__head'>
          <Text className='lc-card__title'>{t('home.myDeals')}</Text>
        </View>
        <RemoteState remote={deals} count={2} />
        {deals.data?.deals.length === 0 && <Text className='lc-muted'>{t('home.noDeals')}</Text>}
        {deals.data?.deals.map((d) => (
          <View
            key={d.id}
            className='lc-list-item'
            role='link'
            aria-label={d.title}
            onClick={() => Taro.navigateTo({ url: goSupplier(d.status === 'draft' ? 'deal-edit' : 'deal', { id: d.id }) })}
          >
            <View className='lc-list-item__main'>
              <View className='sc-deal-title'>
                <Text className='lc-list-item__title sc-deal-name'>{d.title}</Text>
                <Text className={`lc-badge ${dealBadge(d.status)}`}>{dealStateText(dealDisplayCode(d, now))}</Text>
              </View>
              <Text className='lc-list-item__sub'>
                {t('home.dealLine', {
                  points: t('common.points', { n: d.pointCount }),
                  orders: t('common.orders', { n: d.orderCount }),
                  price: formatFen(d.currentUnitPriceFen),
                })}
              </Text>
              <Text className='lc-list-item__sub'>{t('home.dealDelivery', { date: d.deliveryDate, rate: rateText(d.commissionBps) })}</Text>
              {d.status === 'open' && <CountdownText className='lc-list-item__sub' cutoffAt={d.cutoffAt} />}
            </View>
            <Text className='lc-chevron'>›</Text>
          </View>
        ))}
      </View>
    </>
  )
}

export default function SupplierHomePage() {
  const t = useSupplierT()
  useSupplierTitle('title.home')
  const { token, ready } = useLeader()
  const { signIn, sheet } = useSignIn()
  const mine = useRemote(() => (token ? mySupplier() : Promise.resolve({ supplier: null })), [token])
  useDidShow(() => void mine.reload())

  if (!token) {
    return (
      <View className='lc-page'>
        <SignInPrompt text={t('home.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  const supplier = mine.data?.supplier ?? null
  const approved = supplier && (supplier.status === 'approved' || supplier.status === 'suspended')

  return (
    <View className='lc-page'>
      {approved && (
        <View className='sc-head'>
          <Text className='sc-head__name'>{supplier.name}</Text>
          <Text className='sc-head__sub'>{t('home.depot', { address: supplier.depotAddress })}</Text>
        </View>
      )}
      {(!ready || !mine.data) && !mine.error && <LoadingCards count={2} />}
      {mine.error && !mine.data && <RemoteState remote={mine} count={1} />}
      {ready && mine.data && (approved ? <Console supplier={supplier} /> : <Apply supplier={supplier} />)}
    </View>
  )
}
