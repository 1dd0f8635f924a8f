import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listMyOrders } from '@/api'
import { ORDER_STATUS_TEXT } from '@/components/order-status'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { formatFen, formatShanghai } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useSession } from '@/stores/session'
import type { Order, OrderStatus } from '../../../types/api'
import './index.scss'

const TABS: { key: string; label: string; statuses: OrderStatus[] | null }[] = [
  { key: 'all', label: '全部', statuses: null },
  { key: 'unpaid', label: '待支付', statuses: ['pending_payment'] },
  { key: 'waiting', label: '待成团', statuses: ['paid', 'confirmed'] },
  { key: 'ready', label: '待提货', statuses: ['ready'] },
  { key: 'done', label: '已完成', statuses: ['picked_up'] },
  { key: 'closed', label: '已关闭', statuses: ['cancelled', 'refunded', 'expired'] },
]

function OrderList({ orders }: { orders: Order[] }) {
  return (
    <View className='orders__list'>
      {orders.map((o) => (
        <View
          key={o.id}
          className='orders__item'
          role='link'
          onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(o.id)}` })}
        >
          <View className='orders__row'>
            <Text className='orders__title'>{o.dealTitle}</Text>
            <Text className={`orders__status orders__status--${o.status}`}>{ORDER_STATUS_TEXT[o.status]}</Text>
          </View>
          <View className='orders__row orders__row--meta'>
            <Text>
              {o.quantity}件 × {formatFen(o.unitPriceFen)}
            </Text>
            {o.status === 'pending_payment' ? (
              <Text className='orders__unpaid'>去支付 ›</Text>
            ) : (
              <Text className='orders__paid'>实付 {formatFen(o.paidFen)}</Text>
            )}
          </View>
          <View className='orders__row orders__row--meta'>
            <Text>{formatShanghai(o.createdAt)} 下单</Text>
            {o.refundFen > 0 && <Text className='orders__refund'>已退 {formatFen(o.refundFen)}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}

export default function OrdersPage() {
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const [tab, setTab] = useState('all')
  const { data, error, loading, reload } = useRemote(
    () => (token ? listMyOrders() : Promise.resolve({ orders: [] as Order[] })),
    [token],
  )

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
        <SignInPrompt text='登录后查看你的团购订单' onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }

  const statuses = TABS.find((t) => t.key === tab)?.statuses
  const shown = (data?.orders ?? []).filter((o) => !statuses || statuses.includes(o.status))

  return (
    <View className='orders'>
      <View className='orders__tabs' role='tablist'>
        {TABS.map((t) => (
          <View
            key={t.key}
            role='tab'
            aria-selected={t.key === tab}
            className={`orders__tab ${t.key === tab ? 'orders__tab--active' : ''}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {!data && loading && <LoadingCards count={2} />}
      {!data && error && <ErrorState message={error.message} onRetry={() => void reload()} />}
      {data && shown.length === 0 && <EmptyState title='这里还没有订单' description='去首页看看邻居们在拼什么' />}
      {data && shown.length > 0 && <OrderList orders={shown} />}
      {sheet}
    </View>
  )
}
