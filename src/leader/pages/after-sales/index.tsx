import { useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { assetUrl } from '@/api'
import { approveAfterSales, decideAfterSales, listEscalations, listLeaderAfterSales, refuseAfterSales, type AfterSalesView } from '@/api/after-sales'
import { afterSalesReasonText, afterSalesStatusText, afterSalesStepText } from '@/components/after-sales-entry'
import { EmptyState, RemoteState } from '@/components/page-state'
import { formatFen, parseYuan } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel, showModal } from '@/i18n'
import { useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { FieldError } from '../../components/form'
import { useSubmit } from '../../lib/use-submit'
import '../../components/console.scss'
import './index.scss'

type Mode = 'leader' | 'admin'
type Opening = 'none' | 'part' | 'refuse'

/** The most a full approval gives now: the share asked for, capped by what is left on the order. */
const fullFen = (r: AfterSalesView) => Math.min(r.askedFen, r.order.refundableFen)

/** One request: who, what, the photos and the amount; the leader's (or the operator's) answers. */
function RequestCard({ request: r, mode, onDone }: { request: AfterSalesView; mode: Mode; onDone: () => void }) {
  const t = useLeaderT()
  const [opening, setOpening] = useState<Opening>('none')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const { busy, message, setMessage, run } = useSubmit()
  const left = r.order.refundableFen
  const waiting = mode === 'leader' ? r.status === 'requested' : r.status === 'escalated'

  const finish = async (action: () => Promise<unknown>, done: string) => {
    if (await run(action, { done })) onDone()
  }

  const approveFull = async () => {
    const body = t('as.approveBody', { shopper: r.order.shopper, amount: formatFen(fullFen(r)) })
    const { confirm } = await showModal({ title: t('as.approveTitle'), content: body })
    if (!confirm) return
    if (mode === 'admin') await finish(() => decideAfterSales(r.id, { decision: 'refund', note: reason.trim() }), t('as.decided'))
    else await finish(() => approveAfterSales(r.id), t('as.approved'))
  }

  const approvePart = async () => {
    const fen = parseYuan(amount)
    if (fen === null || fen < 1 || fen > left) {
      setMessage(t('as.badAmount', { amount: formatFen(left) }))
      return
    }
    if (mode === 'admin') await finish(() => decideAfterSales(r.id, { decision: 'refund', amountFen: fen, note: reason.trim() }), t('as.decided'))
    else await finish(() => approveAfterSales(r.id, fen), t('as.approved'))
  }

  const refuse = async () => {
    if (mode === 'admin') {
      await finish(() => decideAfterSales(r.id, { decision: 'uphold', note: reason.trim() }), t('as.decided'))
      return
    }
    if (!reason.trim()) {
      setMessage(t('as.needReason'))
      return
    }
    await finish(() => refuseAfterSales(r.id, reason.trim()), t('as.refused'))
  }

  const photos = r.photos.map(assetUrl)
  return (
    <View className='lc-card as-leader__card' role='group' aria-label={r.order.dealTitle}>
      <View className='lc-card__head'>
        <Text className='lc-card__title'>{r.order.dealTitle}</Text>
        <Text className={`as-leader__status as-leader__status--${r.status}`}>{afterSalesStatusText(r)}</Text>
      </View>
      <Text className='lc-muted'>
        {t('as.line', {
          shopper: r.order.shopper,
          product: r.order.productName,
          spec: r.order.productSpec,
          n: r.quantity,
          bought: r.order.quantity,
          reason: afterSalesReasonText(r.reason),
        })}
      </Text>
      <Text className='as-leader__asked'>{t('as.asked', { amount: formatFen(r.askedFen) })}</Text>
      <Text className='lc-muted'>{t('as.left', { amount: formatFen(left), paid: formatFen(r.order.paidFen) })}</Text>
      {r.note && <Text className='as-leader__note'>{t('as.note', { note: r.note })}</Text>}
      {photos.length > 0 && (
        <View className='as-leader__photos'>
          {photos.map((src, i) => (
            <Image
              key={src}
              className='as-leader__photo'
              src={src}
              mode='aspectFill'
              aria-label={t('as.photo', { n: i + 1 })}
              onClick={() => void Taro.previewImage({ urls: photos, current: src })}
            />
          ))}
        </View>
      )}
      {r.leaderReason && <Text className='as-leader__note'>{t('as.leaderReason', { reason: r.leaderReason })}</Text>}
      {r.escalationNote && <Text className='as-leader__note'>{t('as.escalationNote', { note: r.escalationNote })}</Text>}
      <View className='as-leader__steps' role='list'>
        {r.timeline.map((step, i) => (
          <View key={`${step.kind}-${i}`} role='listitem' className='as-leader__step'>
            <Text>{afterSalesStepText(step)}</Text>
            <Text className='lc-muted'>{dateTimeLabel(step.at)}</Text>
          </View>
        ))}
      </View>

      {waiting && opening === 'none' && (
        <View className='as-leader__actions'>
          <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void approveFull()}>
            {mode === 'admin' ? `${t('as.decideRefund')} ${formatFen(fullFen(r))}` : t('as.approveFull', { amount: formatFen(fullFen(r)) })}
          </Button>
          <View className='lc-row'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setOpening('part')}>
              {t('as.approvePart')}
            </Button>
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => setOpening('refuse')}>
              {mode === 'admin' ? t('as.decideUphold') : t('as.refuse')}
            </Button>
          </View>
        </View>
      )}
      {waiting && opening === 'part' && (
        <View className='as-leader__actions'>
          <Input
            className='lc-input'
            type='digit'
            aria-label={t('as.amount')}
            placeholder={t('as.amountPlaceholder', { amount: formatFen(left) })}
            value={amount}
            onInput={(e) => setAmount(e.detail.value)}
          />
          <View className='lc-row'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setOpening('none')}>
              {t('as.back')}
            </Button>
            <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void approvePart()}>
              {t('as.confirmPart')}
            </Button>
          </View>
        </View>
      )}
      {waiting && opening === 'refuse' && (
        <View className='as-leader__actions'>
          <Input
            className='lc-input'
            aria-label={mode === 'admin' ? t('as.decisionNote') : t('as.reason')}
            placeholder={mode === 'admin' ? t('as.decisionNote') : t('as.reasonPlaceholder')}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='lc-row'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setOpening('none')}>
              {t('as.back')}
            </Button>
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => void refuse()}>
              {mode === 'admin' ? t('as.decideUphold') : t('as.confirmRefuse')}
            </Button>
          </View>
        </View>
      )}
      <FieldError message={message} />
    </View>
  )
}

/**
 * 售后处理: requests at the leader's points, waiting ones first, with photos and amounts; approve in
 * full, in part (at most what is left) or refuse with a reason. `?mode=admin`: the operator's
 * escalations, decided once and for all.
 */
export default function AfterSalesPage() {
  const t = useLeaderT()
  const mode: Mode = useRouter().params.mode === 'admin' ? 'admin' : 'leader'
  useLeaderTitle(mode === 'admin' ? 'title.afterSalesAdmin' : 'title.afterSales')
  const list = useRemote(() => (mode === 'admin' ? listEscalations() : listLeaderAfterSales()), [mode])
  return (
    <View className='lc-page'>
      <RemoteState remote={list} count={2} />
      {list.data?.requests.length === 0 && <EmptyState title={mode === 'admin' ? t('as.noneAdmin') : t('as.none')} />}
      {list.data?.requests.map((r) => (
        <RequestCard key={r.id} request={r} mode={mode} onDone={() => void list.reload()} />
      ))}
    </View>
  )
}
