import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { disabledWhen } from '@/components/button-state'
import Taro, { useRouter } from '@tarojs/taro'
import { ApiError, cancelOrder, getDeal, getOrder } from '@/api'
import { payForOrder } from '@/api/pay'
import { CountdownText } from '@/components/countdown-text'
import { ORDER_STATUS_TEXT } from '@/components/order-status'
import { PickupQr } from '@/components/pickup-qr'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { formatFen, formatShanghai, formatWindow } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useSession } from '@/stores/session'
import './index.scss'

const REFUND_REASON: Record<string, string> = {
  price_difference: '差价退款',
  deal_failed: '未成团退款',
  deal_cancelled: '团长取消退款',
  order_cancelled: '取消订单退款',
}

// the server decides the provider; a WeChat build pays with WeChat Pay, H5 only has the sandbox
const PAY_LABEL = process.env.TARO_ENV === 'weapp' ? '去支付' : '模拟支付（沙箱）'

/** "123456" -> "123 456": easier to read aloud at the counter. */
const spaced = (code: string) => code.replace(/(\d{3})(?=\d)/g, '$1 ')

export default function OrderPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const token = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const [busy, setBusy] = useState(false)
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
      void Taro.showToast({ title: e instanceof ApiError ? e.message : '操作失败，请重试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const confirmCancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消订单', content: '取消后款项原路退回，确定取消吗？' })
    if (confirm) await act(cancelOrder, '已取消')
  }

  if (!token) {
    return (
      <View className='order'>
        <SignInPrompt text='登录后查看订单' onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  if (!data && loading) return <LoadingCards count={1} />
  if (!data && error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (!data) return null

  const { order, deal } = data
  const point = deal?.pickupPoints.find((p) => p.id === order.pickupPointId)
  const cancellable = (order.status === 'pending_payment' || order.status === 'paid') && deal?.status === 'open'

  return (
    <View className='order'>
      <View className={`order__head order__head--${order.status}`}>
        <Text className='order__status'>{ORDER_STATUS_TEXT[order.status]}</Text>
        <Text className='order__title'>{order.dealTitle}</Text>
        {order.status === 'pending_payment' && order.holdExpiresAt && (
          <CountdownText
            className='order__hold'
            cutoffAt={order.holdExpiresAt}
            prefix='请在 '
            suffix=' 内支付，超时名额自动释放'
            overText='支付已超时，名额已释放'
          />
        )}
      </View>

      {order.pickupCode && (
        <View className='order__card order__code-card'>
          <Text className='order__code-label'>提货码</Text>
          <Text className='order__code' aria-label={`提货码 ${order.pickupCode}`}>
            {spaced(order.pickupCode)}
          </Text>
          {order.pickupQr && order.status !== 'picked_up' && <PickupQr className='order__qr' payload={order.pickupQr} />}
          <Text className='order__code-hint'>
            {order.status === 'ready'
              ? '已到货，请到自提点出示提货码'
              : order.status === 'picked_up'
                ? '已提货，感谢支持邻里团'
                : '到货后凭此码提货，请勿告诉他人'}
          </Text>
        </View>
      )}

      {point && (
        <View className='order__card'>
          <Text className='order__section'>自提点</Text>
          <Text className='order__point'>{point.name}</Text>
          <Text className='order__muted'>{point.address}</Text>
          <Text className='order__muted'>营业 {point.hours} · 电话 {point.contact}</Text>
          {deal && <Text className='order__window'>提货时间 {formatWindow(deal.pickupStart, deal.pickupEnd)}</Text>}
        </View>
      )}

      <View className='order__card'>
        <Text className='order__section'>订单信息</Text>
        <View className='order__line'>
          <Text>数量</Text>
          <Text>{order.quantity}件</Text>
        </View>
        <View className='order__line'>
          <Text>参团单价</Text>
          <Text>{formatFen(order.unitPriceFen)}</Text>
        </View>
        {order.finalUnitPriceFen !== null && (
          <View className='order__line'>
            <Text>最终单价</Text>
            <Text>{formatFen(order.finalUnitPriceFen)}</Text>
          </View>
        )}
        <View className='order__line order__line--strong'>
          <Text>实付</Text>
          <Text>{formatFen(order.paidFen)}</Text>
        </View>
        {order.refunds.map((r) => (
          <View key={r.id} className='order__line order__line--refund'>
            <Text>{REFUND_REASON[r.reason] ?? '退款'}</Text>
            <Text>+{formatFen(r.amountFen)}</Text>
          </View>
        ))}
        <View className='order__line order__line--muted'>
          <Text>下单时间</Text>
          <Text>{formatShanghai(order.createdAt)}</Text>
        </View>
      </View>

      <View className='order__actions'>
        {order.status === 'pending_payment' && (
          <Button role='button' className='order__pay' disabled={disabledWhen(busy)} onClick={() => void act(payForOrder, '支付成功')}>
            {PAY_LABEL}
          </Button>
        )}
        {cancellable && (
          <Button role='button' className='order__cancel' disabled={disabledWhen(busy)} onClick={() => void confirmCancel()}>
            取消订单
          </Button>
        )}
        <Button role='button'
          className='order__deal'
          onClick={() => Taro.navigateTo({ url: `/pages/deal/index?id=${encodeURIComponent(order.dealId)}` })}
        >
          查看团购
        </Button>
      </View>
      {sheet}
    </View>
  )
}
