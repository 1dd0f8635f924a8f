import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listMyOrders } from '@/api'
import { orderStatusText } from '@/components/order-status'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel, t, useT, type MessageKey, usePageTitle } from '@/i18n'
import { useSession } from '@/stores/session'
import type { Order, OrderStatus } from '../../../types/api'
import './index.scss'

const TABS: { key: string; label: MessageKey; statuses: OrderStatus[] | null }[] = [
  { key: 'all', label: 'orders.tab.all', statuses: null },
  { key: 'unpaid', label: 'orders.tab.unpaid', statuses: ['pending_payment'] },
  { key: 'waiting', label: 'orders.tab.waiting', statuses: ['paid', 'confirmed'] },
  // an unclaimed order still waits for the leader to hand it out late or refund it
  { key: 'ready', label: 'orders.tab.ready', statuses: ['ready', 'unclaimed'] },
  { key: 'done', label: 'orders.tab.done', statuses: ['picked_up'] },
  { key: 'closed', label: 'orders.tab.closed', statuses: ['cancelled', 'refunded', 'expired'] },
]

function OrderList({ orders }: { orders: Order[] }) {
  return (
    <View className='orders__list'>
      {orders.map((o) => (
        <View
          key={o.id}
          className='orders__item'
          role='link'
          onClick={() => Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(o.id)}` })}
        >
          <View className='orders__row'>
            <Text className='orders__title'>{o.dealTitle}</Text>
            <Text className={`orders__status orders__status--${o.status}`}>{orderStatusText(o.status)}</Text>
          </View>
          <View className='orders__row orders__row--meta'>
            <Text>{t('join.lineItem', { n: o.quantity, price: formatFen(o.unitPriceFen) })}</Text>
            {o.status === 'pending_payment' ? (
              <Text className='orders__unpaid'>{t('orders.toPay')}</Text>
            ) : (
              // an order never paid (expired, cancelled unpaid) shows no "paid ¥0.00"
              (o.paidAt !== null || o.paidFen > 0) && <Text className='orders__paid'>{t('orders.paid', { amount: formatFen(o.paidFen) })}</Text>
            )}
          </View>
          <View className='orders__row orders__row--meta'>
            <Text>{t('orders.placed', { time: dateTimeLabel(o.createdAt) })}</Text>
            {o.refundFen > 0 && <Text className='orders__refund'>{t('orders.refunded', { amount: formatFen(o.refundFen) })}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}

export default function OrdersPage() {
  usePageTitle('title.orders', true)
  useT()
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const [tab, setTab] = useState('all')
  const { data, error, loading, reload } = useRemote(() => (token ? listMyOrders() : Promise.resolve({ orders: [] as Order[] })), [token])

  // back from paying or cancelling: show the fresh statuses
  useDidShow(() => {
    if (token) void reload()
  })
  usePullDownRefresh(async () => {
    await reload()
    Taro.stopPullDownRefresh()
  })

  if (!token) {
    return (
      <View className='orders'>
        <SignInPrompt text={t('orders.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }

  const statuses = TABS.find((x) => x.key === tab)?.statuses
  const shown = (data?.orders ?? []).filter((o) => !statuses || statuses.includes(o.status))

  return (
    <View className='orders'>
      <View className='orders__tabs' role='tablist'>
        {TABS.map((x) => (
          <View
            key={x.key}
            role='tab'
            aria-selected={x.key === tab}
            className={`orders__tab ${x.key === tab ? 'orders__tab--active' : ''}`}
            onClick={() => setTab(x.key)}
          >
            {t(x.label)}
          </View>
        ))}
      </View>
      {!data && loading && <LoadingCards count={2} />}
      {!data && error && <ErrorState message={error.message} onRetry={() => void reload()} />}
      {data && shown.length === 0 && <EmptyState title={t('orders.emptyTitle')} description={t('orders.emptyBody')} />}
      {data && shown.length > 0 && <OrderList orders={shown} />}
      {sheet}
    </View>
  )
}
