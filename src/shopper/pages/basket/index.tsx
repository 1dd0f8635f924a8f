import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError, getDeal, newIdempotencyKey } from '@/api'
import { checkoutBasket, payForBasket, type Basket } from '@/api/basket'
import { offWhen } from '@/components/button-state'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { QuantityStepper } from '@/components/quantity-stepper'
import { useSignIn } from '@/components/sign-in'
import { DealDisplay, dealDisplay, formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { knownErrorText } from '@/i18n/errors'
import { t, useT, usePageTitle } from '@/i18n/shopper'
import { PickupPointList } from '@/pages/deal/pickup-point-list'
import { useBasket } from '@/stores/basket'
import { useLocation } from '@/stores/location'
import { usePickupPoint } from '@/stores/pickup-point'
import type { DealDetail, PickupPoint } from '../../../../types/api'
import './index.scss'

/** The pickup points every deal ships to (the basket has one point for all its orders). */
function commonPoints(deals: DealDetail[]): PickupPoint[] {
  if (deals.length === 0) return []
  return deals[0].pickupPoints.filter((p) => deals.every((d) => d.pickupPoints.some((q) => q.id === p.id)))
}

const removedWord = (code: string) => knownErrorText(code) ?? t('basket.removedFallback')

/**
 * several deals for tomorrow's pickup. Each item at its current price with a stepper, one
 * pickup point common to all, the total; checkout joins each deal on its own and pays them in one
 * payment; what the server took out is said before paying; then the orders, paid.
 */
export default function BasketPage() {
  usePageTitle('title.basket')
  useT()
  const items = useBasket((s) => s.items)
  const coords = useLocation((s) => s.coords)
  const now = useServerNow()
  const ids = items.map((i) => i.dealId).join(',')
  const remote = useRemote(() => Promise.all(items.map((i) => getDeal(i.dealId).then((r) => r.deal))), [ids])
  const [chosen, setChosen] = useState<string | null>(null)
  const [basket, setBasket] = useState<Basket | null>(null)
  // the titles of what checkout took out, kept: those deals leave the basket (and its reads) at once
  const [removedTitles, setRemovedTitles] = useState<Record<string, string>>({})
  const [paid, setPaid] = useState<Basket | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
  // one key per checkout attempt: a retry after no answer is the same checkout
  const key = useRef(newIdempotencyKey())

  const { signIn, sheet } = useSignIn()
  const fail = (e: unknown) => setMessage(e instanceof ApiError ? e.message : t('common.error'))

  if (paid) {
    return (
      <View className='basket'>
        <View className='basket__card basket__done' role='status'>
          <Text className='basket__done-title'>{t('basket.doneTitle')}</Text>
          {paid.orders
            .filter((o) => o.paidFen > 0)
            .map((o) => (
              <View
                key={o.id}
                className='basket__done-order'
                role='link'
                onClick={() => void Taro.navigateTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(o.id)}` })}
              >
                <Text>{t('basket.doneOrder', { title: o.dealTitle, n: o.quantity, amount: formatFen(o.paidFen) })}</Text>
                <Text className='basket__status'>{t(`orderStatus.${o.status}` as never)}</Text>
              </View>
            ))}
          <Text className='basket__total'>{t('basket.total', { amount: formatFen(paid.paidFen) })}</Text>
        </View>
        <Button role='button' className='basket__primary' onClick={() => void Taro.switchTab({ url: '/pages/orders/index' })}>
          {t('basket.viewOrders')}
        </Button>
      </View>
    )
  }

  if (items.length === 0) {
    return (
      <View className='basket'>
        <EmptyState title={t('basket.emptyTitle')} description={t('basket.emptyBody')} />
        <Button role='button' className='basket__primary' onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
          {t('basket.browse')}
        </Button>
      </View>
    )
  }
  if (!remote.data && remote.loading) return <LoadingCards count={2} />
  if (!remote.data && remote.error) return <ErrorState message={remote.error.message} onRetry={() => void remote.reload()} />
  if (!remote.data) return null

  const deals = remote.data
  const rows = items.flatMap((item) => {
    const deal = deals.find((d) => d.id === item.dealId)
    if (!deal) return []
    const view = dealDisplay(deal, now, [], deal.maxMoreUnits)
    const joinable = view.code === DealDisplay.joinable && view.canJoin
    const max = Math.max(1, deal.maxMoreUnits ?? 99)
    return [{ item, deal, joinable, max }]
  })
  const open = rows.filter((r) => r.joinable)
  const points = commonPoints(open.map((r) => r.deal))
  const remembered = usePickupPoint.getState().pointId
  const pointId = points.find((p) => p.id === chosen)?.id ?? points.find((p) => p.id === remembered)?.id ?? points[0]?.id ?? null
  const totalFen = open.reduce((sum, r) => sum + r.deal.currentUnitPriceFen * Math.min(r.item.quantity, r.max), 0)

  const pay = async (b: Basket) => {
    setBusy(true)
    setMessage('')
    try {
      const done = await payForBasket(b.id)
      setPaid(done)
      useBasket.getState().clear()
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }

  const checkout = async () => {
    if (!pointId || open.length === 0) return
    if (!(await signIn())) return
    setBusy(true)
    setMessage('')
    try {
      const { basket: made } = await checkoutBasket(
        { pickupPointId: pointId, items: open.map((r) => ({ dealId: r.deal.id, quantity: Math.min(r.item.quantity, r.max) })) },
        key.current,
      )
      key.current = newIdempotencyKey()
      usePickupPoint.getState().remember(pointId)
      // what could not be joined is no longer in the basket
      setRemovedTitles(Object.fromEntries(made.removed.map((r) => [r.dealId, deals.find((d) => d.id === r.dealId)?.title ?? ''])))
      for (const r of made.removed) useBasket.getState().remove(r.dealId)
      setBasket(made)
      setBusy(false)
      // nothing taken out: straight on to paying; otherwise the shopper reads what was first
      if (made.removed.length === 0 && made.orders.length > 0) await pay(made)
    } catch (e) {
      if (e instanceof ApiError && e.status > 0) key.current = newIdempotencyKey()
      fail(e)
      setBusy(false)
    }
  }

  if (basket) {
    const titleOf = (dealId: string) => removedTitles[dealId] ?? deals.find((d) => d.id === dealId)?.title ?? ''
    return (
      <View className='basket'>
        {basket.removed.length > 0 && (
          <View className='basket__card basket__removed' role='alert'>
            <Text className='basket__removed-title'>{t('basket.removedTitle')}</Text>
            {basket.removed.map((r) => (
              <Text key={r.dealId} className='basket__removed-item'>
                {titleOf(r.dealId)} · {removedWord(r.code)}
              </Text>
            ))}
          </View>
        )}
        <View className='basket__card'>
          {basket.orders.map((o) => (
            <View key={o.id} className='basket__row'>
              <Text className='basket__name'>{o.dealTitle}</Text>
              <Text>{t('basket.doneOrder', { title: '', n: o.quantity, amount: formatFen(o.unitPriceFen * o.quantity) }).replace(/^ × /, '× ')}</Text>
            </View>
          ))}
          <Text className='basket__total'>{t('basket.total', { amount: formatFen(basket.totalFen) })}</Text>
        </View>
        {message && (
          <Text className='basket__message' role='alert'>
            {message}
          </Text>
        )}
        {basket.totalFen > 0 ? (
          <Button role='button' {...offWhen(busy, 'basket__primary')} onClick={() => void pay(basket)}>
            {t('basket.pay', { amount: formatFen(basket.totalFen) })}
          </Button>
        ) : (
          <Text className='basket__message'>{t('basket.nothingLeft')}</Text>
        )}
      </View>
    )
  }

  return (
    <View className='basket'>
      <View className='basket__card'>
        {rows.map(({ item, deal, joinable, max }) => (
          <View key={deal.id} className='basket__row' data-deal={deal.id}>
            <View className='basket__main'>
              <Text className='basket__name'>{deal.title}</Text>
              {joinable ? (
                <Text className='basket__price'>{t('basket.unitPrice', { price: formatFen(deal.currentUnitPriceFen) })}</Text>
              ) : (
                <Text className='basket__gone'>{t('basket.notJoinable')}</Text>
              )}
            </View>
            {joinable && (
              <QuantityStepper
                value={Math.min(item.quantity, max)}
                min={1}
                max={max}
                onChange={(n) => useBasket.getState().setQuantity(deal.id, n)}
              />
            )}
            <Text className='basket__remove' role='button' onClick={() => useBasket.getState().remove(deal.id)}>
              {t('basket.remove')}
            </Text>
          </View>
        ))}
      </View>

      <View className='basket__card'>
        <Text className='basket__card-title'>{t('basket.point')}</Text>
        {points.length > 0 ? (
          <>
            <Text className='basket__hint'>{t('basket.pointHint')}</Text>
            <PickupPointList points={points} from={coords} selectedId={pointId ?? undefined} onSelect={setChosen} />
          </>
        ) : (
          <Text className='basket__message' role='alert'>
            {t('basket.noCommonPoint')}
          </Text>
        )}
      </View>

      {message && (
        <Text className='basket__message' role='alert'>
          {message}
        </Text>
      )}
      <View className='basket__bar'>
        <Text className='basket__total'>{t('basket.total', { amount: formatFen(totalFen) })}</Text>
        <Button role='button' {...offWhen(busy || !pointId || open.length === 0, 'basket__primary')} onClick={() => void checkout()}>
          {t('basket.checkout', { amount: formatFen(totalFen) })}
        </Button>
      </View>
      {sheet}
    </View>
  )
}
