import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { dealPath, formatFen } from '@/domain'
import { dateTimeLabel } from '@/i18n'
import { t, useT, type MessageKey } from '@/i18n/shopper'
import type { Order, TimelineEntry, TimelineKind } from '../../types/api'
import './order-timeline.scss'

const fen = (value: number | undefined) => formatFen(value ?? 0)

/** A key built from a server's code, when this app has words for it. */
const known = (key: string): MessageKey | null => (t.has(key) ? key : null)

function pickedUp(step: TimelineEntry): string {
  if (step.collectedBy === 'owner') return t('timeline.pickedUpOwner')
  if (step.collectedBy === 'delegate') {
    return step.collectorNickname ? t('timeline.pickedUpDelegate', { name: step.collectorNickname }) : t('timeline.pickedUpNeighbour')
  }
  return t('timeline.pickedUp')
}

/** Each kind of step in words (a feature adding a kind adds its words here; the type checks it). */
const STEP: Record<TimelineKind, (step: TimelineEntry) => string> = {
  placed: (s) => t('timeline.placed', { n: s.quantity ?? 0, price: fen(s.unitPriceFen) }),
  paid: (s) => t('timeline.paid', { amount: fen(s.amountFen) }),
  settled: (s) =>
    s.refundFen
      ? t('timeline.settledRefund', { price: fen(s.finalUnitPriceFen), refund: fen(s.refundFen) })
      : t('timeline.settled', { price: fen(s.finalUnitPriceFen) }),
  arrived: (s) => t('timeline.arrived', { point: s.pointName ?? '' }),
  picked_up: pickedUp,
  refund: (s) => t('timeline.refund', { reason: t(known(`order.refund.${s.reason}`) ?? 'order.refund'), amount: fen(s.amountFen) }),
  expired: () => t('timeline.expired'),
  cancelled: () => t('timeline.cancelled'),
  // an answer or a decision with an amount refunds it
  after_sales_asked: (s) =>
    t('timeline.after_sales_asked', { n: s.quantity ?? 0, reason: t(known(`afterSales.reason.${s.reason}`) ?? 'afterSales.section') }),
  after_sales_answered: (s) => (s.amountFen ? t('timeline.afterSalesApproved', { amount: fen(s.amountFen) }) : t('timeline.afterSalesRefused')),
  after_sales_escalated: () => t('timeline.after_sales_escalated'),
  after_sales_decided: (s) =>
    s.amountFen ? t('timeline.afterSalesDecidedRefund', { amount: fen(s.amountFen) }) : t('timeline.afterSalesDecidedUphold'),
  // no-shows
  unclaimed: () => t('timeline.unclaimed'),
  late_pickup: (s) => t('timeline.latePickup', { note: s.note ?? '' }),
}

/** The step in words; a kind this app does not know yet (a newer server) still shows, plainly. */
function stepText(step: TimelineEntry): string {
  const words = (STEP as Record<string, ((s: TimelineEntry) => string) | undefined>)[step.kind]
  return words ? words(step) : t('timeline.other')
}

/** A refund's state at the provider, under its line. */
function stepNote(step: TimelineEntry): string | null {
  if (step.kind === 'refund' && step.status) {
    const key = known(`timeline.refundStatus.${step.status}`)
    return key ? t(key) : null
  }
  return step.note ?? null
}

/**
 * The order's timeline (every step with its Shanghai time, newest at the bottom) and, on a finished
 * order whose product is on sale again, "buy again" to that deal.
 */
export function OrderTimeline({ order }: { order: Order }) {
  useT()
  const steps = order.timeline ?? []
  return (
    <>
      {steps.length > 0 && (
        <View className='order__card order-timeline' role='list' aria-label={t('timeline.title')}>
          <Text className='order__section'>{t('timeline.title')}</Text>
          {steps.map((step, i) => {
            const note = stepNote(step)
            return (
              <View key={`${step.kind}-${step.at}-${i}`} role='listitem' className={`order-timeline__step order-timeline__step--${step.kind}`}>
                <View className='order-timeline__dot' />
                <View className='order-timeline__body'>
                  <Text className='order-timeline__text'>{stepText(step)}</Text>
                  {note && <Text className='order-timeline__note'>{note}</Text>}
                  <Text className='order-timeline__time'>{dateTimeLabel(step.at)}</Text>
                </View>
              </View>
            )
          })}
        </View>
      )}
      {order.againDealId && (
        <View className='order__actions'>
          <Button role='button' className='order-timeline__again' onClick={() => Taro.navigateTo({ url: dealPath(order.againDealId!) })}>
            {t('order.buyAgain')}
          </Button>
        </View>
      )}
    </>
  )
}
