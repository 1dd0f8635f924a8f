import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { listReceipts, recordReceipt, type Receipt, type ReceiptTask } from '@/api/supplier'
import { EmptyState, RemoteState } from '@/components/page-state'
import { formatFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel, showModal } from '@/i18n'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { FormNotice } from '../../components/form'
import { useSubmit } from '../../lib/use-submit'
import '../../components/console.scss'
import './index.scss'

/** A count with a step either side, typed too. */
function Counter({ label, value, max, onChange }: { label: string; value: number; max: number; onChange: (n: number) => void }) {
  const t = useSupplierT()
  const set = (n: number) => onChange(Math.max(0, Math.min(max, Number.isFinite(n) ? Math.floor(n) : 0)))
  return (
    <View className='receipt__counter'>
      <Text className='receipt__counter-label'>{label}</Text>
      <View className='receipt__counter-row'>
        <Button role='button' className='receipt__step' aria-label={`${label} ${t('receipts.fewer')}`} onClick={() => set(value - 1)}>
          −
        </Button>
        <Input
          className='lc-input receipt__count'
          aria-label={label}
          type='number'
          value={String(value)}
          onInput={(e) => set(Number(e.detail.value))}
        />
        <Button role='button' className='receipt__step' aria-label={`${label} ${t('receipts.more')}`} onClick={() => set(value + 1)}>
          ＋
        </Button>
      </View>
    </View>
  )
}

function Recorded({ receipt }: { receipt: Receipt }) {
  const t = useSupplierT()
  const units = (n: number) => t('common.units', { n })
  return (
    <View className='lc-notice lc-notice--ok receipt__done' role='status'>
      <Text className='receipt__line'>{t('receipts.at', { time: dateTimeLabel(receipt.receivedAt) })}</Text>
      <Text className='receipt__line'>
        {t('receipts.result', { received: units(receipt.receivedUnits), missing: units(receipt.missingUnits), spoiled: units(receipt.spoiledUnits) })}
      </Text>
      {receipt.refundedOrders > 0 && (
        <Text className='receipt__line'>{t('receipts.refunded', { orders: receipt.refundedOrders, amount: formatFen(receipt.refundFen) })}</Text>
      )}
      <Text className='receipt__line'>{t('receipts.ready', { n: receipt.readyOrders })}</Text>
      {receipt.note && <Text className='receipt__line'>{receipt.note}</Text>}
    </View>
  )
}

function TaskCard({ task, onDone }: { task: ReceiptTask; onDone: () => Promise<void> }) {
  const t = useSupplierT()
  const packed = task.packedUnits
  const [received, setReceived] = useState(packed)
  const [spoiled, setSpoiled] = useState(0)
  const [note, setNote] = useState('')
  const [result, setResult] = useState<Receipt | null>(null)
  const { busy, message, run } = useSubmit()
  const receipt = task.receipt ?? result
  const units = (n: number) => t('common.units', { n })
  const over = received + spoiled > packed
  const missing = Math.max(0, packed - received - spoiled)
  const short = missing + spoiled

  const confirm = async () => {
    const { confirm: ok } = await showModal({
      title: t('receipts.confirmTitle'),
      content: short > 0 ? t('receipts.confirmShort', { n: short }) : t('receipts.confirmFull'),
      confirmText: t('receipts.confirm'),
    })
    if (!ok) return
    const done = await run(
      () =>
        recordReceipt({
          dealId: task.dealId,
          pickupPointId: task.pickupPoint.id,
          receivedUnits: received,
          spoiledUnits: spoiled,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      { done: t('receipts.done') },
    )
    if (!done) return
    setResult(done.value.receipt)
    await onDone()
  }

  return (
    <View className='lc-card' role='region' aria-label={`${task.pickupPoint.name} ${task.productName}`}>
      <View className='lc-card__head receipt__head'>
        <Text className='lc-card__title receipt__title'>{task.productName}</Text>
        <Text className={`lc-badge ${receipt ? 'lc-badge--succeeded' : 'lc-badge--open'}`}>
          {t(receipt ? 'receipts.recorded' : 'receipts.awaiting')}
        </Text>
      </View>
      <Text className='lc-muted'>
        {task.spec} · {task.pickupPoint.name}
      </Text>
      <Text className='lc-muted'>{t('receipts.supplier', { supplier: task.supplier.name, date: task.deliveryDate })}</Text>
      <Text className='receipt__packed'>{t('receipts.packed', { units: units(packed) })}</Text>
      {receipt ? (
        <Recorded receipt={receipt} />
      ) : (
        <>
          <View className='lc-row receipt__counters'>
            <Counter label={t('receipts.received')} value={received} max={packed} onChange={setReceived} />
            <Counter label={t('receipts.spoiled')} value={spoiled} max={packed} onChange={setSpoiled} />
          </View>
          <Input
            className='lc-input receipt__note'
            aria-label={t('receipts.note')}
            placeholder={t('receipts.notePlaceholder')}
            maxlength={200}
            value={note}
            onInput={(e) => setNote(e.detail.value)}
          />
          {over ? (
            <Text className='lc-notice lc-notice--bad' role='alert'>
              {t('receipts.over', { packed: units(packed) })}
            </Text>
          ) : short > 0 ? (
            <Text className='lc-notice lc-notice--bad'>{t('receipts.shortage', { missing: units(missing), spoiled: units(spoiled), n: short })}</Text>
          ) : (
            <Text className='lc-notice'>{t('receipts.complete')}</Text>
          )}
          <FormNotice message={message} />
          <Button
            role='button'
            className='lc-btn lc-btn--primary'
            disabled={busy || over || undefined}
            loading={busy || undefined}
            onClick={() => void confirm()}
          >
            {t('receipts.confirm')}
          </Button>
        </>
      )}
    </View>
  )
}

/** Deliveries from suppliers at my points: what arrived of each product; shortages are refunded, the rest become ready. */
export default function ReceiptsPage() {
  const t = useSupplierT()
  useSupplierTitle('title.receipts')
  const receipts = useRemote(() => listReceipts(), [])
  useDidShow(() => void receipts.reload())
  usePullDownRefresh(() => void receipts.reload().finally(() => Taro.stopPullDownRefresh()))
  const tasks = receipts.data?.receipts ?? []
  // the ones still to count first
  const ordered = [...tasks.filter((r) => !r.receipt), ...tasks.filter((r) => r.receipt)]

  return (
    <View className='lc-page'>
      <Text className='lc-muted receipt__intro'>{t('receipts.intro')}</Text>
      <RemoteState remote={receipts} count={2} />
      {receipts.data && tasks.length === 0 && <EmptyState title={t('receipts.none')} />}
      {ordered.map((task) => (
        <TaskCard key={`${task.dealId}:${task.pickupPoint.id}`} task={task} onDone={() => receipts.reload()} />
      ))}
    </View>
  )
}
