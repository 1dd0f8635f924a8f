import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { ApiError, createOrder, newIdempotencyKey } from '@/api'
import { payForOrder } from '@/api/pay'
import { askSubscriptionConsent, useSubscriptions } from '@/stores/subscriptions'
import { offWhen } from '@/components/button-state'
import { QuantityStepper } from '@/components/quantity-stepper'
import { formatFen, stockLeft, type LatLng } from '@/domain'
import { t, tierLabel, useT } from '@/i18n'
import type { CreateOrderResponse, DealDetail, Order } from '../../../types/api'
import { PickupPointList } from './pickup-point-list'
import './join-sheet.scss'

interface Props {
  deal: DealDetail
  inviteCode?: string
  from: LatLng | null
  onClose: () => void
  /** the order is paid: the page refreshes the deal (its count and price moved) */
  onPaid: (order: Order) => void
  onInvite: () => void
  /** open the share poster */
  onPoster: () => void
}

type Step = { name: 'form' } | { name: 'pay'; placed: CreateOrderResponse } | { name: 'done'; order: Order }

/** Join in three steps: choose quantity and pickup point, pay (sandbox), invite friends. */
export function JoinSheet({ deal, inviteCode, from, onClose, onPaid, onInvite, onPoster }: Props) {
  useT()
  const [step, setStep] = useState<Step>({ name: 'form' })
  const [quantity, setQuantity] = useState(1)
  const [pointId, setPointId] = useState(deal.pickupPoints[0]?.id ?? '')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  // paying did not finish (cancelled in WeChat's cashier, or not confirmed yet): the order page can pay it
  const [unfinished, setUnfinished] = useState<string | null>(null)
  // one key per attempt: a retried tap after a lost answer must not place a second order
  const key = useRef(newIdempotencyKey())

  useEffect(() => {
    void useSubscriptions.getState().load() // the template ids must be at hand when the tap comes
  }, [])

  // the deal read tells a signed-in reader her own units and the most she may still buy; a deal read
  // before she signed in has neither yet (the page reads it again) and the server enforces both anyway
  const mine = deal.myUnits ?? null
  const max = deal.maxMoreUnits ?? 0
  const left = stockLeft(deal.stockUnits, deal.soldUnits)

  const qty = Math.max(1, Math.min(quantity, max))

  const fail = (e: unknown) => setMessage(e instanceof ApiError ? e.message : t('common.error'))

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

  const title = t(step.name === 'form' ? 'join.confirmTitle' : step.name === 'pay' ? 'join.payTitle' : 'join.doneTitle')
  const next = tierLabel(deal.tierBasis, deal.nextTier)

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
                <Text className='join__limit'>{mine === null ? '…' : t('join.limitReached')}</Text>
              )}
            </View>
            <Text className='join__hint'>
              {[
                deal.perUserLimit !== null ? t('join.perUserLimit', { n: deal.perUserLimit }) : '',
                mine ? t('join.already', { n: mine }) : '',
                left !== null ? t('join.stockLeft', { n: left }) : '',
              ]
                .filter(Boolean)
                .join(' · ') || t('join.payAtJoin')}
            </Text>
            <Text className='join__section'>{t('join.choosePoint')}</Text>
            <PickupPointList points={deal.pickupPoints} from={from} selectedId={pointId} onSelect={setPointId} />
            <Text className='join__promise'>{t('join.guarantee')}</Text>
            {message && (
              <View className='join__error' role='alert'>
                {message}
              </View>
            )}
            <Button role='button' {...offWhen(busy || max < 1 || !pointId, 'join__primary')} onClick={() => void place()}>
              {busy ? t('join.submitting') : t('join.confirm', { n: qty })}
            </Button>
          </>
        )}
        {step.name === 'pay' && (
          <>
            <View className='join__amount'>
              <Text className='join__amount-label'>{t('join.amount')}</Text>
              <Text className='join__amount-value'>{formatFen(step.placed.payment.amountFen)}</Text>
            </View>
            <Text className='join__hint join__hint--center'>
              {t('join.lineItem', { n: step.placed.order.quantity, price: formatFen(step.placed.order.unitPriceFen) })}
            </Text>
            {message && (
              <View className='join__error' role='alert'>
                {message}
              </View>
            )}
            {unfinished && (
              <Text
                className='join__order-link'
                role='link'
                onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(unfinished)}` })}
              >
                {t('join.viewOrder')}
              </Text>
            )}
            <Button role='button' {...offWhen(busy, 'join__primary')} onClick={() => void pay(step.placed)}>
              {busy ? t('join.paying') : step.placed.payment.provider === 'sandbox' ? t('join.paySandbox') : t('join.payWechat')}
            </Button>
            {step.placed.payment.provider === 'sandbox' && <Text className='join__sandbox'>{t('join.sandboxNote')}</Text>}
          </>
        )}
        {step.name === 'done' && (
          <View className='join__done'>
            <View className='join__done-icon'>✓</View>
            <Text className='join__done-title'>{t('join.paid', { amount: formatFen(step.order.paidFen) })}</Text>
            <Text className='join__hint join__hint--center'>{t('join.pickupHint')}</Text>
            <Text className='join__invite-line'>
              {next ? t('join.inviteLine', { next }) : t(deal.tierBasis === 'people' ? 'join.lowestPeople' : 'join.lowestUnits', { n: deal.count })}
            </Text>
            <Button role='button' className='join__primary' openType='share' onClick={onInvite}>
              {t('join.inviteButton')}
            </Button>
            <Button role='button' className='join__secondary' onClick={onPoster}>
              {t('join.posterButton')}
            </Button>
            <Button
              role='button'
              className='join__secondary'
              onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${encodeURIComponent(step.order.id)}` })}
            >
              {t('join.orderButton')}
            </Button>
          </View>
        )}
      </View>
    </Popup>
  )
}
