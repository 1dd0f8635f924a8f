import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ApiError } from '@/api'
import { afterSalesFormPath, escalateAfterSales, getOrderAfterSales, type AfterSalesTimelineStep, type AfterSalesView } from '@/api/after-sales'
import { disabledWhen } from '@/components/button-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel, showModal } from '@/i18n'
import { t, useT, type MessageKey } from '@/i18n/shopper'
import type { Order } from '../../types/api'
import './after-sales-entry.scss'

const fen = (value: number | null) => formatFen(value ?? 0)

/** One step of a request in words. */
export function afterSalesStepText(step: AfterSalesTimelineStep): string {
  switch (step.kind) {
    case 'asked':
      return t('afterSales.step.asked', { amount: fen(step.amountFen) })
    case 'answered':
      return step.amountFen !== null ? t('afterSales.step.approved', { amount: fen(step.amountFen) }) : t('afterSales.step.refused')
    case 'escalated':
      return t('afterSales.step.escalated')
    case 'decided':
      return step.amountFen !== null ? t('afterSales.step.decidedRefund', { amount: fen(step.amountFen) }) : t('afterSales.step.decidedUphold')
    case 'refunded':
      return t('afterSales.step.refunded', { amount: fen(step.amountFen) })
    default:
      return ''
  }
}

export const afterSalesStatusText = (r: Pick<AfterSalesView, 'status'>) => t(`afterSales.status.${r.status}` as MessageKey)
export const afterSalesReasonText = (reason: string) => t(`afterSales.reason.${reason}` as MessageKey)

/** A request: its state, what was asked and given, the leader's reason, its steps; escalate after a refusal. */
function RequestCard({ request, busy, onEscalate }: { request: AfterSalesView; busy: boolean; onEscalate: () => void }) {
  return (
    <View className='after-sales-entry__request' role='group' aria-label={afterSalesStatusText(request)}>
      <Text className={`after-sales-entry__status after-sales-entry__status--${request.status}`} role='status'>
        {afterSalesStatusText(request)}
      </Text>
      <Text className='after-sales-entry__line'>
        {t('afterSales.summary', { n: request.quantity, reason: afterSalesReasonText(request.reason), amount: fen(request.askedFen) })}
      </Text>
      {request.approvedFen !== null && (
        <Text className='after-sales-entry__refund'>{t('afterSales.refund', { amount: fen(request.approvedFen) })}</Text>
      )}
      {request.leaderReason && <Text className='after-sales-entry__note'>{t('afterSales.leaderReason', { reason: request.leaderReason })}</Text>}
      {request.decisionNote && <Text className='after-sales-entry__note'>{t('afterSales.decisionNote', { note: request.decisionNote })}</Text>}
      <View className='after-sales-entry__steps' role='list'>
        {request.timeline.map((step, i) => (
          <View key={`${step.kind}-${i}`} role='listitem' className='after-sales-entry__step'>
            <Text>{afterSalesStepText(step)}</Text>
            <Text className='after-sales-entry__time'>{dateTimeLabel(step.at)}</Text>
          </View>
        ))}
      </View>
      {request.canEscalate && (
        <>
          <Text className='after-sales-entry__hint'>{t('afterSales.escalateHint')}</Text>
          <Button role='button' className='after-sales-entry__escalate' disabled={disabledWhen(busy)} onClick={onEscalate}>
            {t('afterSales.escalate')}
          </Button>
        </>
      )}
    </View>
  )
}

/**
 * 售后 on the shopper's order page: once the order is picked up, "request a refund" while the window
 * is open, and each request's state and steps; "ask the platform" once after a refusal.
 */
export function AfterSalesEntry({ order }: { order: Pick<Order, 'id' | 'status'> }) {
  useT()
  const shown = order.status === 'picked_up'
  const [busy, setBusy] = useState(false)
  const { data, reload } = useRemote(async () => (shown ? getOrderAfterSales(order.id) : null), [order.id, shown])
  // again on return from the request form
  useDidShow(() => void reload())
  if (!shown) return null

  const escalate = async (request: AfterSalesView) => {
    const { confirm } = await showModal({ title: t('afterSales.escalate'), content: t('afterSales.escalateHint') })
    if (!confirm) return
    setBusy(true)
    try {
      await escalateAfterSales(request.id, '')
      void Taro.showToast({ title: t('afterSales.escalated'), icon: 'none' })
      await reload()
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : t('order.actionFailed'), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  if (!data || (!data.canRequest && data.requests.length === 0)) return null
  return (
    <View className='order__card after-sales-entry' role='region' aria-label={t('afterSales.section')}>
      <Text className='order__section'>{t('afterSales.section')}</Text>
      {data.requests.map((r) => (
        <RequestCard key={r.id} request={r} busy={busy} onEscalate={() => void escalate(r)} />
      ))}
      {data.canRequest && (
        <>
          {data.windowEndsAt && (
            <Text className='after-sales-entry__hint'>{t('afterSales.entry.until', { time: dateTimeLabel(data.windowEndsAt) })}</Text>
          )}
          <Button
            role='button'
            className='after-sales-entry__request-button'
            onClick={() => void Taro.navigateTo({ url: afterSalesFormPath(order.id) })}
          >
            {t('afterSales.entry.request')}
          </Button>
        </>
      )}
    </View>
  )
}
