import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { listMyInvites, listMyMessages } from '@/api'
import { useSignIn } from '@/components/sign-in'
import { useRemote } from '@/hooks/use-remote'
import { useSession } from '@/stores/session'
import './index.scss'

const ROLE_TEXT: Record<string, string> = { shopper: '邻居', leader: '团长', admin: '管理员' }

export default function MePage() {
  const user = useSession((s) => s.user)
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const invites = useRemote(() => (token ? listMyInvites() : Promise.resolve({ invites: [] })), [token])
  const messages = useRemote(() => (token ? listMyMessages() : Promise.resolve(null)), [token])
  const unread = token ? (messages.data?.unread ?? 0) : 0

  useDidShow(() => {
    if (token) void invites.reload()
    if (token) void messages.reload() // back from the messages page: they are read now
  })

  const signOut = async () => {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '确定退出当前账号吗？' })
    if (confirm) useSession.getState().signOut()
  }

  return (
    <View className='me'>
      <View className='me__head'>
        <View className='me__avatar'>{user ? Array.from(user.nickname)[0] : '邻'}</View>
        {user ? (
          <View className='me__who'>
            <Text className='me__name'>{user.nickname}</Text>
            <Text className='me__roles'>{user.roles.map((r) => ROLE_TEXT[r] ?? r).join(' · ')}</Text>
          </View>
        ) : (
          <View className='me__who'>
            <Text className='me__name'>未登录</Text>
            <Button role='button' className='me__sign-in' onClick={() => void signIn()}>
              登录 / 注册
            </Button>
          </View>
        )}
      </View>

      <View className='me__card'>
        <View className='me__link' role='link' onClick={() => Taro.switchTab({ url: '/pages/orders/index' })}>
          <Text>我的订单</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        <View
          className='me__link'
          role='link'
          aria-label={unread > 0 ? `消息通知 ${unread}条未读` : '消息通知'}
          onClick={() => Taro.navigateTo({ url: '/pages/messages/index' })}
        >
          <Text>消息通知</Text>
          <View className='me__link-end'>
            {unread > 0 && <Text className='me__badge'>{unread > 99 ? '99+' : unread}</Text>}
            <Text className='me__chevron'>›</Text>
          </View>
        </View>
        <View className='me__link' role='link' onClick={() => Taro.navigateTo({ url: '/pages/pickup-points/index' })}>
          <Text>附近自提点</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        <View className='me__link' role='link' onClick={() => Taro.navigateTo({ url: '/leader/pages/home/index' })}>
          <Text>{user?.roles.includes('leader') ? '团长工作台' : '成为团长'}</Text>
          <Text className='me__chevron'>›</Text>
        </View>
      </View>

      {token && (
        <View className='me__card'>
          <Text className='me__section'>我的邀请</Text>
          {invites.data && invites.data.invites.length === 0 && (
            <Text className='me__muted'>还没有邀请过邻居，分享团购给好友一起拼更便宜</Text>
          )}
          {invites.error && !invites.data && <Text className='me__muted'>{invites.error.message}</Text>}
          {invites.data?.invites.map((inv) => (
            <View
              key={inv.dealId}
              className='me__link'
              role='link'
              onClick={() => Taro.navigateTo({ url: `/pages/deal/index?id=${encodeURIComponent(inv.dealId)}` })}
            >
              <Text className='me__invite-title'>{inv.dealTitle}</Text>
              <Text className='me__invite-count'>{inv.friends}位好友已参团</Text>
            </View>
          ))}
        </View>
      )}

      {token && (
        <Button role='button' className='me__sign-out' onClick={() => void signOut()}>
          退出登录
        </Button>
      )}
      {sheet}
    </View>
  )
}
