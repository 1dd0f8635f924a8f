import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import { ApiError, createOrder, newIdempotencyKey } from '@/api'
import { payForOrder } from '@/api/pay'
import { askSubscriptionConsent, useSubscriptions } from '@/stores/subscriptions'
import { offWhen } from '@/components/button-state'
import { bannerText, endedButtonText } from '@/components/deal-card-state'
import { QuantityStepper } from '@/components/quantity-stepper'
import { DealDisplay, dealDisplay, formatFen, joinQuote, type LatLng } from '@/domain'
import { useServerNow } from '@/hooks/use-server-now'
import { t, tierLabel, useT } from '@/i18n'
import { paysWithWeChat } from '@/platform'
import type { CreateOrderResponse, DealDetail, Order } from '../../../types/api'
import { PickupPointList } from './pickup-point-list'
import { preferredPoint, usePickupPoint } from '@/stores/pickup-point'
import './join-sheet.scss'

/** Refusals after which the deal read is stale: the page reads it again and the sheet follows. */
const STALE_DEAL_CODES = ['DEAL_CANCELLED', 'DEAL_CLOSED', 'SOLD_OUT', 'NOT_ENOUGH_STOCK', 'OVER_LIMIT', 'ORDER_EXPIRED']

/** Where the sheet opens: the form (join), the payment of a held order, or the success screen of a paid one. */
export type JoinStart = { step: 'form' } | { step: 'pay'; order: Order } | { step: 'done'; order: Order }

interface Props {
  deal: DealDetail
  inviteCode?: string
  from: LatLng | null
  /** default: the form */
  start?: JoinStart
  onClose: () => void
  /** the order is paid: the page refreshes the deal (its count and price moved) */
  onPaid: (order: Order) => void
  /** the server refused for a reason the deal read did not show (cancelled, sold out ...): read it again */
  onStale?: () => void
  onInvite: () => void
  /** open the share poster */
  onPoster: () => void
}

type Step = { name: 'form' } | { name: 'pay'; placed: CreateOrderResponse } | { name: 'done'; order: Order }

/** A held order's payment, as the join's answer would have given it (the server decides the provider again). */
const resumed = (order: Order): CreateOrderResponse => ({
  order,
  payment: { provider: paysWithWeChat ? 'wechatpay' : 'sandbox', amountFen: order.unitPriceFen * order.quantity },
})

const firstStep = (start: JoinStart): Step =>
  start.step === 'pay'
    ? { name: 'pay', placed: resumed(start.order) }
    : start.step === 'done'
      ? { name: 'done', order: start.order }
      : { name: 'form' }

/**
 * Join in three steps: choose quantity and pickup point, pay (sandbox), invite friends. Every payment
 * path ends on the same success screen: joining here, paying a held order from the deal page, and
 * paying from the order page (which opens the deal page on this screen).
 */
export function JoinSheet({ deal, inviteCode, from, start = { step: 'form' }, onClose, onPaid, onStale, onInvite, onPoster }: Props) {
  useT()
  const now = useServerNow()
  const [step, setStep] = useState<Step>(() => firstStep(start))
  const [quantity, setQuantity] = useState(1)
  // the shopper's usual point when the deal ships there, else the nearest
  const [pointId, setPointId] = useState(() => preferredPoint(deal.pickupPoints, usePickupPoint.getState().pointId))
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  // paying did not finish (cancelled in WeChat's cashier, or not confirmed yet): the order page can pay it
  const [unfinished, setUnfinished] = useState<string | null>(null)
  // units of a just-placed order the deal read does not count yet (until the page reads it again)
  const [uncounted, setUncounted] = useState(0)
  // one key per attempt: a retried tap after a lost answer must not place a second order
  const key = useRef(newIdempotencyKey())

  useEffect(() => {
    void useSubscriptions.getState().load() // the template ids must be at hand when the tap comes
  }, [])

  // a fresh read of the deal counts every order placed so far
  useEffect(() => setUncounted(0), [deal])

  // the deal read tells a signed-in reader her own units and the most she may still buy; a deal read
  // before she signed in has neither yet (the page reads it again) and the server enforces both anyway
  const mine = deal.myUnits ?? null
  const max = deal.maxMoreUnits ?? 0
  const view = dealDisplay(deal, now, [], deal.maxMoreUnits)
  const joinable = view.code === DealDisplay.joinable

  const qty = Math.max(1, Math.min(quantity, max))
  const quote = joinQuote(deal, mine ?? 0, qty)

  const fail = (e: unknown) => setMessage(e instanceof ApiError ? e.message : t('common.error'))

  const place = async () => {
    askSubscriptionConsent(deal.id) // first, inside the tap: WeChat only prompts from a user gesture
    setBusy(true)
    setMessage('')
    try {
      const placed = await createOrder(deal.id, { quantity: qty, pickupPointId: pointId, inviteCode }, key.current)
      setUncounted(placed.order.quantity)
      usePickupPoint.getState().remember(pointId) // the next join starts on it
      setStep({ name: 'pay', placed })
    } catch (e) {
      // the server answered (a refusal): the next tap is a new attempt; no answer: retry as the same one
      if (e instanceof ApiError && e.status > 0) key.current = newIdempotencyKey()
      fail(e)
      // the deal changed under the page (cancelled, sold out, closed): show it as it is now
      if (e instanceof ApiError && STALE_DEAL_CODES.includes(e.code)) onStale?.()
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
      if (e instanceof ApiError && STALE_DEAL_CODES.includes(e.code)) onStale?.()
    } finally {
      setBusy(false)
    }
  }

  const title = t(step.name === 'form' ? 'join.confirmTitle' : step.name === 'pay' ? 'join.payTitle' : 'join.doneTitle')
  // after paying: the deal as it stands with her order counted, so the buyer of the last unit is not asked to invite
  const after = dealDisplay({ ...deal, soldUnits: deal.soldUnits + uncounted }, now)
  const next = after.showNextTier ? tierLabel(deal.tierBasis, deal.nextTier) : null
  const state = joinable ? null : bannerText(view, deal.currentUnitPriceFen)

  return (
    <Popup visible position='bottom' round closeable title={title} onClose={onClose}>
      <View className='join' data-state={view.code}>
        {step.name === 'form' && (
          <>
            <View className='join__row'>
              <View>
                <Text className='join__price'>{formatFen(quote.unitPriceFen)}</Text>
                <Text className='join__per'> / {deal.product.spec}</Text>
              </View>
              {joinable && max > 0 ? (
                <QuantityStepper value={qty} min={1} max={max} onChange={setQuantity} />
              ) : (
                joinable && <Text className='join__limit'>{mine === null ? '…' : t('join.limitReached')}</Text>
              )}
            </View>
            {state ? (
              <View className={`join__state join__state--${view.code}`} role='status'>
                {state}
              </View>
            ) : (
              <Text className='join__hint'>
                {[
                  deal.perUserLimit !== null ? t('join.perUserLimit', { n: deal.perUserLimit }) : '',
                  mine ? t('join.already', { n: mine }) : '',
                  view.left !== null ? t('join.stockLeft', { n: view.left }) : '',
                ]
                  .filter(Boolean)
                  .join(t('display.separator')) || t('join.payAtJoin')}
              </Text>
            )}
            {joinable && (
              <>
                <Text className='join__section'>{t('join.choosePoint')}</Text>
                <PickupPointList points={deal.pickupPoints} from={from} selectedId={pointId} onSelect={setPointId} />
                <Text className='join__promise'>{t('join.guarantee')}</Text>
              </>
            )}
            {message && (
              <View className='join__error' role='alert'>
                {message}
              </View>
            )}
            <Button role='button' {...offWhen(busy || !joinable || max < 1 || !pointId, 'join__primary')} onClick={() => void place()}>
              {!joinable
                ? endedButtonText(view.code)
                : busy
                  ? t('join.submitting')
                  : t('join.confirmTotal', { n: qty, amount: formatFen(quote.totalFen) })}
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
                onClick={() => Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(unfinished)}` })}
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
          <View className='join__done' data-state={after.code}>
            <View className='join__done-icon'>✓</View>
            <Text className='join__done-title'>{t('join.paid', { amount: formatFen(step.order.paidFen) })}</Text>
            <Text className='join__hint join__hint--center'>{t('join.pickupHint')}</Text>
            {after.canInvite ? (
              <>
                <Text className='join__invite-line'>
                  {next
                    ? t('join.inviteLine', { next })
                    : t(deal.tierBasis === 'people' ? 'join.lowestPeople' : 'join.lowestUnits', { n: deal.count })}
                </Text>
                <Button role='button' className='join__primary' openType='share' onClick={onInvite}>
                  {t('join.inviteButton')}
                </Button>
                <Button role='button' className='join__secondary' onClick={onPoster}>
                  {t('join.posterButton')}
                </Button>
              </>
            ) : (
              after.code === DealDisplay.soldOut && <Text className='join__invite-line'>{t('join.soldOutDone')}</Text>
            )}
            <Button
              role='button'
              className={after.canInvite ? 'join__secondary' : 'join__primary'}
              onClick={() => Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(step.order.id)}` })}
            >
              {t('join.orderButton')}
            </Button>
          </View>
        )}
      </View>
    </Popup>
  )
}
