import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { listMyMessages, markMessagesRead } from '@/api'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { formatShanghai } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useSession } from '@/stores/session'
import type { Message } from '../../../types/api'
import './index.scss'

/** Where a message leads: its order (pickup code, refund) or else its deal. */
function open(m: Message) {
  if (m.orderId) void Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(m.orderId)}` })
  else if (m.dealId) void Taro.navigateTo({ url: `/pages/deal/index?id=${encodeURIComponent(m.dealId)}` })
}

/**
 * The in-app copy of what Linli tells a shopper (成团, 未成团 and refunds, 到货, pickup reminders),
 * newest first. Opening the page marks everything read; the dots still show what was new on arrival.
 */
export default function MessagesPage() {
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const { data, error, loading, reload } = useRemote(async () => {
    if (!token) return null
    const list = await listMyMessages()
    if (list.unread > 0) await markMessagesRead().catch(() => undefined) // the list still shows
    return list
  }, [token])

  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  if (!token) {
    return (
      <View className='messages'>
        <SignInPrompt text='登录后查看消息' onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  if (!data && loading) return <LoadingCards count={3} />
  if (!data && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!data) return null
  if (data.messages.length === 0) {
    return <EmptyState title='还没有消息' description='成团、到货和提货提醒会在这里通知你' />
  }

  return (
    <View className='messages' role='list' aria-label='消息'>
      {data.messages.map((m) => (
        <View
          key={m.id}
          className={`messages__item ${m.read ? '' : 'messages__item--unread'}`}
          role='listitem'
          onClick={() => open(m)}
        >
          <View className='messages__head'>
            {!m.read && <View className='messages__dot' aria-label='未读' />}
            <Text className='messages__title'>{m.title}</Text>
            <Text className='messages__time'>{formatShanghai(m.createdAt)}</Text>
          </View>
          <Text className='messages__body'>{m.body}</Text>
        </View>
      ))}
    </View>
  )
}
