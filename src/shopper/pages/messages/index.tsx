import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { listMyMessages, markMessagesRead } from '@/api'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { dealPath } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel } from '@/i18n'
import { messageBody, messageTitle } from '@/i18n/shopper/messages'
import { useT, usePageTitle } from '@/i18n/shopper'
import { useSession } from '@/stores/session'
import type { Message } from '../../../../types/api'
import './index.scss'

/** Where a message leads: its order (pickup code, refund) or else its deal. */
function open(m: Message) {
  if (m.orderId) void Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(m.orderId)}` })
  else if (m.dealId) void Taro.navigateTo({ url: dealPath(m.dealId) })
  // a new leader goes to the console; a refused applicant may apply again
  else if (m.kind === 'leader_application_approved') void Taro.navigateTo({ url: '/leader/pages/home/index' })
  else if (m.kind === 'leader_application_rejected') void Taro.navigateTo({ url: '/leader/pages/apply/index' })
}

/**
 * The in-app copy of what Linli tells a shopper (成团, 未成团 and refunds, 到货, pickup reminders),
 * newest first. Opening the page marks everything read; the dots still show what was new on arrival.
 * In English the title follows the message's kind; the body is the server's (it names the specifics).
 */
export default function MessagesPage() {
  const t = useT()
  usePageTitle('title.messages')
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
        <SignInPrompt text={t('messages.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  if (!data && loading) return <LoadingCards count={3} />
  if (!data && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!data) return null
  if (data.messages.length === 0) {
    return <EmptyState title={t('messages.emptyTitle')} description={t('messages.emptyBody')} />
  }

  return (
    <View className='messages' role='list' aria-label={t('messages.list')}>
      {data.messages.map((m) => (
        <View key={m.id} className={`messages__item ${m.read ? '' : 'messages__item--unread'}`} role='listitem' onClick={() => open(m)}>
          <View className='messages__head'>
            {!m.read && <View className='messages__dot' aria-label={t('messages.unread')} />}
            <Text className='messages__title'>{messageTitle(m)}</Text>
            <Text className='messages__time'>{dateTimeLabel(m.createdAt)}</Text>
          </View>
          <Text className='messages__body'>{messageBody(m)}</Text>
        </View>
      ))}
    </View>
  )
}
