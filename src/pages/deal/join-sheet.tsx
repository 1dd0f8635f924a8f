import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { ApiError, createOrder, listMyOrders, newIdempotencyKey } from '@/api'
import { payForOrder } from '@/api/pay'
import { askSubscriptionConsent, useSubscriptions } from '@/stores/subscriptions'
import { disabledWhen } from '@/components/button-state'
import { QuantityStepper } from '@/components/quantity-stepper'
import { ACTIVE_ORDER_STATUSES, formatFen, maxJoinQuantity, nextTierLabel, type LatLng } from '@/domain'
import type { CreateOrderResponse, DealDetail, Order } from '../../../types/api'
import { PickupPointList } from './pickup-point-list'

interface Props {
  deal: DealDetail
  inviteCode?: string
  from: LatLng | null
  onClose: () => void
  /** the order is paid: the page refreshes the deal (its count and price moved) */
  onPaid: (order: Order) => void
  onInvite: () => void
}

type Step = { name: 'form' } | { name: 'pay'; placed: CreateOrderResponse } | { name: 'done'; order: Order }

/** Join in three steps: choose quantity and pickup point, pay (sandbox), invite friends. */
export function JoinSheet({ deal, inviteCode, from, onClose, onPaid, onInvite }: Props) {
  const [step, setStep] = useState<Step>({ name: 'form' })
  const [quantity, setQuantity] = useState(1)
  const [pointId, setPointId] = useState(deal.pickupPoints[0]?.id ?? '')
  const [mine, setMine] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  // paying did not finish (cancelled in WeChat's cashier, or not confirmed yet): the order page can pay it
  const [unfinished, setUnfinished] = useState<string | null>(null)
  // one key per attempt: a retried tap after a lost answer must not place a second order
  const key = useRef(newIdempotencyKey())

  useEffect(() => {
    void useSubscriptions.getState().load() // the template ids must be at hand when the tap comes
  }, [])

  useEffect(() => {
    listMyOrders()
      .then(({ orders }) =>
        setMine(
          orders
            .filter((o) => o.dealId === deal.id && ACTIVE_ORDER_STATUSES.includes(o.status))
            .reduce((sum, o) => sum + o.quantity, 0),
        ),
      )
      .catch(() => setMine(0)) // the server still enforces the limit
  }, [deal.id])

  const max = maxJoinQuantity({
    stockUnits: deal.stockUnits,
    activeUnits: deal.soldUnits,
    perUserLimit: deal.perUserLimit,
    userActiveUnits: mine ?? 0,
  })

  const qty = Math.max(1, Math.min(quantity, max))

  const fail = (e: unknown) => setMessage(e instanceof ApiError ? e.message : '出了点问题，请重试')

  const place = async () => {
    askSubscriptionConsent(deal.id) // first, inside the tap: WeChat only prompts from a user gesture
    setBusy(true)
    setMessage('')
    try {
      const placed = await createOrder(deal.id, { quantity: qty, pickupPointId: pointId, inviteCode }, key.current)
      setStep({ name: 'pay', placed })
    } catch (e) {
      // the server answered (a refusal): the next tap is a new attempt; no answer: retry as the same one
      if (e instanceof ApiError && e.status > 0) key.current = newIdempotencyKey()
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  const pay = async (placed: CreateOrderResponse) => {
    setBusy(true)
    setMessage('')
    try {
      const order = await payForOrder(placed.order.id)
      setUnfinished(null)
      setStep({ name: 'done', order })
      onPaid(order)
    } catch (e) {
      if (e instanceof ApiError && ['PAYMENT_CANCELLED', 'PAYMENT_PENDING'].includes(e.code)) setUnfinished(placed.order.id)
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  const title = step.name === 'form' ? '确认参团' : step.name === 'pay' ? '支付' : '参团成功'
  const unit = deal.tierBasis === 'people' ? '人' : '件'

  return (
    <Popup visible position='bottom' round closeable title={title} onClose={onClose}>
      <View className='join'>
        {step.name === 'form' && (
          <>
            <View className='join__row'>
              <View>
                <Text className='join__price'>{formatFen(deal.currentUnitPriceFen)}</Text>
                <Text className='join__per'> / {deal.product.spec}</Text>
              </View>
              {max > 0 ? (
                <QuantityStepper value={qty} min={1} max={max} onChange={setQuantity} />
              ) : (
                <Text className='join__limit'>{mine === null ? '…' : '已达限购'}</Text>
              )}
            </View>
            <Text className='join__hint'>
              {[
                deal.perUserLimit !== null ? `每人限购${deal.perUserLimit}件` : '',
                mine ? `你已参团${mine}件` : '',
                deal.stockUnits !== null ? `剩余${Math.max(0, deal.stockUnits - deal.soldUnits)}件` : '',
              ]
                .filter(Boolean)
                .join(' · ') || '按参团时价格支付'}
            </Text>
            <Text className='join__section'>选择自提点</Text>
            <PickupPointList points={deal.pickupPoints} from={from} selectedId={pointId} onSelect={setPointId} />
            <Text className='join__promise'>价格保障：截单时若拼到更低价，差价自动退回</Text>
            {message && <View className='join__error' role='alert'>{message}</View>}
            <Button
              role='button'
              className={`join__primary ${busy || max < 1 || !pointId ? 'is-off' : ''}`}
              disabled={disabledWhen(busy || max < 1 || !pointId)} onClick={() => void place()}>
              {busy ? '提交中…' : `确认参团 · ${qty}件`}
            </Button>
          </>
        )}
        {step.name === 'pay' && (
          <>
            <View className='join__amount'>
              <Text className='join__amount-label'>应付金额</Text>
              <Text className='join__amount-value'>{formatFen(step.placed.payment.amountFen)}</Text>
            </View>
            <Text className='join__hint join__hint--center'>
              {step.placed.order.quantity}件 × {formatFen(step.placed.order.unitPriceFen)}
            </Text>
            {message && <View className='join__error' role='alert'>{message}</View>}
            {unfinished && (
              <Text
                className='join__order-link'
                role='link'
                onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(unfinished)}` })}
              >
                查看订单 ›
              </Text>
            )}
            <Button
              role='button'
              className={`join__primary ${busy ? 'is-off' : ''}`}
              disabled={disabledWhen(busy)}
              onClick={() => void pay(step.placed)}
            >
              {busy
                ? '支付中…'
                : step.placed.payment.provider === 'sandbox'
                  ? '模拟支付（沙箱）'
                  : '微信支付'}
            </Button>
            {step.placed.payment.provider === 'sandbox' && (
              <Text className='join__sandbox'>开发环境：不会真实扣款</Text>
            )}
          </>
        )}
        {step.name === 'done' && (
          <View className='join__done'>
            <View className='join__done-icon'>✓</View>
            <Text className='join__done-title'>参团成功，已支付 {formatFen(step.order.paidFen)}</Text>
            <Text className='join__hint join__hint--center'>到货后凭提货码到自提点取货</Text>
            <Text className='join__invite-line'>
              {nextTierLabel(deal.tierBasis, deal.nextTier)
                ? `邀请好友一起拼：${nextTierLabel(deal.tierBasis, deal.nextTier)}`
                : `已拼${deal.count}${unit}，已是最低价`}
            </Text>
            <Button role='button' className='join__primary' openType='share' onClick={onInvite}>
              邀请好友参团
            </Button>
            <Button role='button'
              className='join__secondary'
              onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(step.order.id)}` })}
            >
              查看订单与提货码
            </Button>
          </View>
        )}
      </View>
    </Popup>
  )
}
