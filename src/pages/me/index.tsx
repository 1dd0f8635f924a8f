import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { listMyInvites, listMyMessages } from '@/api'
import { useSignIn } from '@/components/sign-in'
import { dealPath } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { showModal, useLocale, useT, type MessageKey, usePageTitle } from '@/i18n'
import { useSession } from '@/stores/session'
import { BASKET_PATH } from '@/api/basket'
import { useBasket } from '@/stores/basket'
import './index.scss'

const ROLE_TEXT: Record<string, MessageKey> = { shopper: 'me.role.shopper', leader: 'me.role.leader', admin: 'me.role.admin' }

export default function MePage() {
  usePageTitle('title.me', true)
  const t = useT()
  const locale = useLocale((s) => s.locale)
  const setLocale = useLocale((s) => s.setLocale)
  const user = useSession((s) => s.user)
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const invites = useRemote(() => (token ? listMyInvites() : Promise.resolve({ invites: [] })), [token])
  const messages = useRemote(() => (token ? listMyMessages() : Promise.resolve(null)), [token])
  const unread = token ? (messages.data?.unread ?? 0) : 0
  const basketCount = useBasket((st) => st.items.length)

  useDidShow(() => {
    if (token) void invites.reload()
    if (token) void messages.reload() // back from the messages page: they are read now
  })

  const signOut = async () => {
    const { confirm } = await showModal({ title: t('me.signOut'), content: t('me.signOutConfirm') })
    if (confirm) useSession.getState().signOut()
  }

  return (
    <View className='me'>
      <View className='me__head'>
        <View className='me__avatar'>{user ? Array.from(user.nickname)[0] : t('me.avatarFallback')}</View>
        {user ? (
          <View className='me__who'>
            <Text className='me__name'>{user.nickname}</Text>
            <Text className='me__roles'>{user.roles.map((r) => (ROLE_TEXT[r] ? t(ROLE_TEXT[r]) : r)).join(' · ')}</Text>
          </View>
        ) : (
          <View className='me__who'>
            <Text className='me__name'>{t('me.guest')}</Text>
            <Button role='button' className='me__sign-in' onClick={() => void signIn()}>
              {t('me.signIn')}
            </Button>
          </View>
        )}
      </View>

      <View className='me__card'>
        <View className='me__link' role='link' onClick={() => Taro.switchTab({ url: '/pages/orders/index' })}>
          <Text>{t('me.orders')}</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        <View
          className='me__link'
          role='link'
          aria-label={unread > 0 ? t('me.messagesUnread', { n: unread }) : t('me.messages')}
          onClick={() => Taro.navigateTo({ url: '/shopper/pages/messages/index' })}
        >
          <Text>{t('me.messages')}</Text>
          <View className='me__link-end'>
            {unread > 0 && <Text className='me__badge'>{unread > 99 ? '99+' : unread}</Text>}
            <Text className='me__chevron'>›</Text>
          </View>
        </View>
        {/* the basket, with how many deals are in it */}
        <View
          className='me__link'
          role='link'
          aria-label={t('basket.entryLabel', { n: basketCount })}
          onClick={() => Taro.navigateTo({ url: BASKET_PATH })}
        >
          <Text>{t('title.basket')}</Text>
          <View className='me__link-end'>
            {basketCount > 0 && <Text className='me__badge'>{basketCount}</Text>}
            <Text className='me__chevron'>›</Text>
          </View>
        </View>
        <View className='me__link' role='link' onClick={() => Taro.navigateTo({ url: '/shopper/pages/pickup-points/index' })}>
          <Text>{t('me.points')}</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        <View className='me__link' role='link' onClick={() => Taro.navigateTo({ url: '/leader/pages/home/index' })}>
          <Text>{t(user?.roles.includes('leader') ? 'me.leaderConsole' : 'me.becomeLeader')}</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        {/* the supplier console (its own subpackage): its home also takes an application */}
        <View className='me__link' role='link' onClick={() => Taro.navigateTo({ url: '/supplier/pages/home/index' })}>
          <Text>{t(user?.roles.includes('supplier') ? 'me.supplierConsole' : 'me.becomeSupplier')}</Text>
          <Text className='me__chevron'>›</Text>
        </View>
        {/* the operator's console (its own subpackage), for admins only */}
        {user?.roles.includes('admin') && (
          <View className='me__link' role='link' onClick={() => Taro.navigateTo({ url: '/admin/pages/home/index' })}>
            <Text>{t('me.adminConsole')}</Text>
            <Text className='me__chevron'>›</Text>
          </View>
        )}
      </View>

      {token && (
        <View className='me__card'>
          <Text className='me__section'>{t('me.invites')}</Text>
          {invites.data && invites.data.invites.length === 0 && <Text className='me__muted'>{t('me.noInvites')}</Text>}
          {invites.error && !invites.data && <Text className='me__muted'>{invites.error.message}</Text>}
          {invites.data?.invites.map((inv) => (
            <View key={inv.dealId} className='me__link' role='link' onClick={() => Taro.navigateTo({ url: dealPath(inv.dealId) })}>
              <Text className='me__invite-title'>{inv.dealTitle}</Text>
              <Text className='me__invite-count'>{t('me.friends', { n: inv.friends })}</Text>
            </View>
          ))}
        </View>
      )}

      <View className='me__card'>
        <View className='me__lang'>
          <Text>{t('me.language')}</Text>
          <View className='me__lang-switch' role='radiogroup' aria-label={t('me.language')}>
            <View
              role='radio'
              aria-checked={locale === 'en'}
              className={`me__lang-option ${locale === 'en' ? 'me__lang-option--on' : ''}`}
              onClick={() => setLocale('en')}
            >
              English
            </View>
            <View
              role='radio'
              aria-checked={locale === 'zh-CN'}
              className={`me__lang-option ${locale === 'zh-CN' ? 'me__lang-option--on' : ''}`}
              onClick={() => setLocale('zh-CN')}
            >
              中文
            </View>
          </View>
        </View>
      </View>

      {token && (
        <Button role='button' className='me__sign-out' onClick={() => void signOut()}>
          {t('me.signOut')}
        </Button>
      )}
      {sheet}
    </View>
  )
}
