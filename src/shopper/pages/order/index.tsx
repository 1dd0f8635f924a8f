import { useState } from 'react'
import { PhoneLink } from '@/components/phone-link'
import { Button, Text, View } from '@tarojs/components'
import { disabledWhen } from '@/components/button-state'
import Taro, { useRouter } from '@tarojs/taro'
import { ApiError, cancelOrder, getDeal, getOrder } from '@/api'
import { payForOrder } from '@/api/pay'
import { CountdownText } from '@/components/countdown-text'
import { orderStatusText } from '@/components/order-status'
import { OrderMoney, orderHeadNote } from '@/components/order-money'
import { OrderTimeline } from '@/components/order-timeline'
import { AfterSalesEntry } from '@/components/after-sales-entry'
import { PickupQr } from '@/components/pickup-qr'
import { ProxyPickup } from '@/components/proxy-pickup'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { cancelRefusal, dealPath } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { dateTimeLabel, showModal, windowLabel } from '@/i18n'
import { t, useT, type MessageKey, usePageTitle } from '@/i18n/shopper'
import { paysWithWeChat } from '@/platform'
import { useSession } from '@/stores/session'
import './index.scss'

// the server decides the provider; the button names the one this build has
const PAY_LABEL: MessageKey = paysWithWeChat ? 'order.pay' : 'order.paySandbox'

/** "123456" -> "123 456": easier to read aloud at the counter. */
const spaced = (code: string) => code.replace(/(\d{3})(?=\d)/g, '$1 ')

export default function OrderPage() {
  usePageTitle('title.order')
  useT()
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const [busy, setBusy] = useState(false)
  // for "can it still be cancelled": the cutoff is what matters, a coarse tick is enough
  const now = useServerNow(15_000)
  const { data, error, loading, reload } = useRemote(async () => {
    if (!token) return null
    const { order } = await getOrder(id)
    // the deal gives the pickup point's name and the pickup window; the order still shows without it
    const deal = await getDeal(order.dealId)
      .then((r) => r.deal)
      .catch(() => null)
    return { order, deal }
  }, [id, token])

  const act = async (action: (id: string) => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action(id)
      void Taro.showToast({ title: done, icon: 'success' })
      await reload()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : t('order.actionFailed'), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  // paid here: end on the deal page's success-and-invite screen, as paying there does
  const payHere = async () => {
    setBusy(true)
    try {
      const paid = await payForOrder(id)
      void Taro.redirectTo({ url: `${dealPath(paid.dealId)}&paid=${encodeURIComponent(paid.id)}` })
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : t('order.actionFailed'), icon: 'none' })
      await reload()
    } finally {
      setBusy(false)
    }
  }

  const confirmCancel = async () => {
    const { confirm } = await showModal({ title: t('order.cancel'), content: t('order.cancelConfirm') })
    if (confirm) await act(cancelOrder, t('order.cancelled'))
  }

  if (!token) {
    return (
      <View className='order'>
        <SignInPrompt text={t('order.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  if (!data && loading) return <LoadingCards count={1} />
  if (!data && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!data) return null

  const { order, deal } = data
  const point = deal?.pickupPoints.find((p) => p.id === order.pickupPointId)
  const cancellable = !!deal && cancelRefusal(order.status, deal, now) === null

  return (
    <View className='order'>
      <View className={`order__head order__head--${order.status}`}>
        <Text className='order__status'>{orderStatusText(order.status)}</Text>
        <Text className='order__title'>{order.dealTitle}</Text>
        {orderHeadNote(order) && <Text className='order__title'>{orderHeadNote(order)}</Text>}
        {order.status === 'pending_payment' && order.holdExpiresAt && (
          <CountdownText
            className='order__hold'
            cutoffAt={order.holdExpiresAt}
            prefix={t('order.holdPrefix')}
            suffix={t('order.holdSuffix')}
            overText={t('order.holdOver')}
          />
        )}
      </View>

      {order.pickupCode && (
        <View className='order__card order__code-card'>
          <Text className='order__code-label'>{t('order.code')}</Text>
          <Text className='order__code' aria-label={`${t('order.code')} ${order.pickupCode}`}>
            {spaced(order.pickupCode)}
          </Text>
          {order.pickupQr && order.status !== 'picked_up' && order.status !== 'unclaimed' && (
            <PickupQr className='order__qr' payload={order.pickupQr} />
          )}
          <Text className='order__code-hint'>
            {order.status === 'ready'
              ? t('order.codeReady')
              : order.status === 'picked_up'
                ? t(order.collectedBy === 'delegate' ? 'order.collected.delegate' : 'order.codeDone')
                : order.status === 'unclaimed'
                  ? t('order.unclaimedHint')
                  : t('order.codeWait')}
          </Text>
        </View>
      )}
      <ProxyPickup order={order} />

      {point && (
        <View className='order__card'>
          <Text className='order__section'>{t('order.point')}</Text>
          <Text className='order__point'>{point.name}</Text>
          <Text className='order__muted'>{point.address}</Text>
          {/* the contact's number one tap to call */}
          <Text className='order__muted'>
            {t('points.hours', { hours: point.hours })} · {t('points.contact')} <PhoneLink contact={point.contact} />
          </Text>
          {deal && <Text className='order__window'>{t('order.window', { window: windowLabel(deal.pickupStart, deal.pickupEnd) })}</Text>}
        </View>
      )}

      <View className='order__card'>
        <Text className='order__section'>{t('order.info')}</Text>
        <OrderMoney order={order} />
        <View className='order__line order__line--muted'>
          <Text>{t('order.placedAt')}</Text>
          <Text>{dateTimeLabel(order.createdAt)}</Text>
        </View>
      </View>
      <OrderTimeline order={order} />
      <AfterSalesEntry order={order} />

      <View className='order__actions'>
        {order.status === 'pending_payment' && (
          <Button role='button' className='order__pay' disabled={disabledWhen(busy)} onClick={() => void payHere()}>
            {t(PAY_LABEL)}
          </Button>
        )}
        {cancellable && (
          <Button role='button' className='order__cancel' disabled={disabledWhen(busy)} onClick={() => void confirmCancel()}>
            {t('order.cancel')}
          </Button>
        )}
        <Button role='button' className='order__deal' onClick={() => Taro.navigateTo({ url: dealPath(order.dealId) })}>
          {t('order.viewDeal')}
        </Button>
      </View>
      {sheet}
    </View>
  )
}
