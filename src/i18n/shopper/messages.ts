/**
 * The words of a message (Messages, in the shopper subpackage): in Chinese the server's own; in
 * English told again from the message's kind and facts.
 */
import { formatFen } from '@/domain'
import type { Message, MessageKind } from '../../../types/api'
import { dateTimeLabel, isEnglish, windowLabel } from '../index'
import { t, type MessageKey } from './index'

const MESSAGE_TITLES: Record<MessageKind, MessageKey> = {
  deal_succeeded: 'messages.kind.deal_succeeded',
  deal_failed: 'messages.kind.deal_failed',
  goods_arrived: 'messages.kind.goods_arrived',
  pickup_reminder: 'messages.kind.pickup_reminder',
  pickup_grace_reminder: 'messages.kind.pickup_grace_reminder',
  order_unclaimed: 'messages.kind.order_unclaimed',
  after_sales_requested: 'messages.kind.after_sales_requested',
  after_sales_approved: 'messages.kind.after_sales_approved',
  after_sales_refused: 'messages.kind.after_sales_refused',
  after_sales_escalated: 'messages.kind.after_sales_escalated',
  after_sales_decided: 'messages.kind.after_sales_decided',
  // the answer to a leader application
  leader_application_approved: 'messages.kind.leader_application_approved',
  leader_application_rejected: 'messages.kind.leader_application_rejected',
  supplier_application_approved: 'messages.kind.supplier_application_approved',
  supplier_application_rejected: 'messages.kind.supplier_application_rejected',
  shortage_refunded: 'messages.kind.shortage_refunded',
  payout_succeeded: 'messages.kind.payout_succeeded',
  payout_failed: 'messages.kind.payout_failed',
}

const cancelled = (m: Pick<Message, 'kind' | 'facts'>) => m.kind === 'deal_failed' && m.facts?.reason === 'deal_cancelled'

/**
 * A message's title: the server's own (Chinese) words in Chinese; in English, chosen by its kind
 * (a deal the leader cancelled says so), or the server's title for a kind this app does not know.
 */
export function messageTitle(m: Pick<Message, 'kind' | 'title' | 'facts'>): string {
  const key = cancelled(m) ? 'messages.kind.deal_cancelled' : (MESSAGE_TITLES as Record<string, MessageKey | undefined>)[m.kind]
  return isEnglish() && key ? t(key) : m.title
}

/**
 * A message's text: the server's own in Chinese; in English, told again from its facts (deal,
 * point, amounts, times) — or the server's text for a message written before facts were kept, or a
 * kind this app does not know.
 */
export function messageBody(m: Pick<Message, 'kind' | 'body' | 'facts'>): string {
  const f = m.facts
  if (!isEnglish() || !f) return m.body
  const fen = (value: number | null) => formatFen(value ?? 0)
  const at = (value: string | null) => (value ? dateTimeLabel(value) : '')
  switch (m.kind) {
    case 'deal_succeeded': {
      const difference = f.refundFen ? t('messages.body.difference', { amount: fen(f.refundFen) }) : ''
      const window = f.pickupStart && f.pickupEnd ? windowLabel(f.pickupStart, f.pickupEnd) : ''
      return t('messages.body.deal_succeeded', { deal: f.deal, amount: fen(f.amountFen), difference, window, point: f.point })
    }
    case 'deal_failed':
      return t(cancelled(m) ? 'messages.body.deal_cancelled' : 'messages.body.deal_failed', { deal: f.deal, amount: fen(f.amountFen) })
    case 'goods_arrived':
      return t('messages.body.goods_arrived', { deal: f.deal, point: f.point, time: at(f.pickupEnd) })
    case 'pickup_reminder':
      return t('messages.body.pickup_reminder', { deal: f.deal, point: f.point, time: at(f.pickupEnd) })
    // pickupEnd carries the end of the grace period
    case 'pickup_grace_reminder':
    case 'order_unclaimed':
      return t(`messages.body.${m.kind}`, { deal: f.deal, point: f.point, time: at(f.pickupEnd) })
    case 'after_sales_requested':
    case 'after_sales_approved':
      return t(`messages.body.${m.kind}`, { deal: f.deal, amount: fen(f.amountFen) })
    case 'after_sales_refused':
    case 'after_sales_escalated':
      return t(`messages.body.${m.kind}`, { deal: f.deal })
    case 'after_sales_decided':
      return f.amountFen
        ? t('messages.body.after_sales_decided_refund', { deal: f.deal, amount: fen(f.amountFen) })
        : t('messages.body.after_sales_decided', { deal: f.deal })
    // the admin's reason is shown as written
    case 'leader_application_approved':
      return t('messages.body.leader_application_approved', { point: f.point })
    case 'leader_application_rejected':
      return t('messages.body.leader_application_rejected', { reason: f.note ?? '' })
    case 'supplier_application_approved':
      return t('messages.body.supplier_application_approved')
    case 'supplier_application_rejected':
      return t('messages.body.supplier_application_rejected', { reason: f.note ?? '' })
    // amountFen: what is refunded; note: how many units were short
    case 'shortage_refunded':
      return t('messages.body.shortage_refunded', { deal: f.deal, point: f.point, n: f.note ?? '', amount: fen(f.amountFen) })
    case 'payout_succeeded':
      return t('messages.body.payout_succeeded', { amount: fen(f.amountFen) })
    case 'payout_failed':
      return t('messages.body.payout_failed', { amount: fen(f.amountFen), reason: f.note ?? '' })
    default:
      return m.body
  }
}
