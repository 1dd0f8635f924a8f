import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { PayoutStatus } from '../../../../types/api'
import { approvePayout, listPayouts, refusePayout, type AdminPayout } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { showModal } from '@/i18n'
import { useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { Badge, ExportButton, Notice, Segmented, isMissing } from '../../components/ui'
import { money, when } from '../../lib/format'
import { useSubmit } from '../../lib/use-submit'

const FILTERS: ('' | PayoutStatus)[] = ['requested', '', 'succeeded', 'failed', 'refused']

const tone = (s: PayoutStatus) =>
  s === 'succeeded' ? 'ok' : s === 'requested' ? 'warn' : s === 'failed' || s === 'refused' || s === 'cancelled' ? 'bad' : 'info'

function PayoutCard({ payout, onDone }: { payout: AdminPayout; onDone: () => void }) {
  const t = useAdminT()
  const [refusing, setRefusing] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, message, setMessage, run } = useSubmit()
  const approve = async () => {
    const { confirm } = await showModal({
      title: t('payouts.approveTitle'),
      content: t('payouts.approveBody', { name: payout.owner.name, amount: money(payout.amountFen) }),
    })
    if (confirm && (await run(() => approvePayout(payout.id), t('payouts.approved')))) onDone()
  }
  const refuse = async () => {
    if (!reason.trim()) return setMessage(t('payouts.needReason'))
    if (await run(() => refusePayout(payout.id, reason.trim()), t('payouts.refused'))) onDone()
  }
  return (
    <View className='ac-card' role='group' aria-label={`${payout.owner.name} ${money(payout.amountFen)}`}>
      <View className='ac-item__head'>
        <Text className='ac-item__title'>
          {payout.owner.name} · <Text className='ac-money'>{money(payout.amountFen)}</Text>
        </Text>
        <Badge tone={tone(payout.status)}>{t(`payouts.status.${payout.status}`)}</Badge>
      </View>
      <Text className='ac-muted'>
        {t('payouts.line', { kind: t(`payouts.owner.${payout.owner.kind}`), time: when(payout.requestedAt), bill: payout.billNo })}
      </Text>
      <Text className='ac-muted'>
        {t('payouts.withdrawable', { amount: money(payout.owner.withdrawableFen) })}
        {payout.owner.suspended ? ` · ${t('payouts.suspended')}` : ''}
      </Text>
      {payout.refuseReason && <Notice message={t('payouts.refusedReason', { reason: payout.refuseReason })} />}
      {payout.failReason && <Notice message={t('payouts.failReason', { reason: payout.failReason })} />}
      {payout.status === 'requested' && !refusing && (
        <View className='ac-row ac-item__actions'>
          <Button role='button' className='ac-btn ac-btn--danger' disabled={busy || undefined} onClick={() => setRefusing(true)}>
            {t('payouts.refuse')}
          </Button>
          <Button role='button' className='ac-btn ac-btn--primary' disabled={busy || undefined} onClick={() => void approve()}>
            {t('payouts.approve')}
          </Button>
        </View>
      )}
      {payout.status === 'requested' && refusing && (
        <View className='ac-item__actions'>
          <Input
            className='ac-input'
            aria-label={t('payouts.refuseReason')}
            placeholder={t('payouts.refusePlaceholder')}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='ac-row ac-item__actions'>
            <Button role='button' className='ac-btn' onClick={() => setRefusing(false)}>
              {t('common.back')}
            </Button>
            <Button role='button' className='ac-btn ac-btn--danger' disabled={busy || undefined} onClick={() => void refuse()}>
              {t('payouts.confirmRefuse')}
            </Button>
          </View>
        </View>
      )}
      <Notice message={message} />
    </View>
  )
}

export default function AdminPayoutsPage() {
  const t = useAdminT()
  const [status, setStatus] = useState<'' | PayoutStatus>('requested')
  const list = useRemote(() => listPayouts(status || undefined), [status])
  const payouts = list.data?.payouts ?? []
  return (
    <AdminShell
      section='payouts'
      title='title.payouts'
      actions={<ExportButton path='/admin/payouts' query={{ status: status || undefined }} name='payouts' />}
    >
      <View className='ac-toolbar'>
        <Segmented
          label={t('payouts.status')}
          options={FILTERS.map((s) => ({ value: s, label: s ? t(`payouts.status.${s}`) : t('common.all') }))}
          value={status}
          onChange={setStatus}
        />
        {list.data && list.data.requestedCount > 0 && <Text className='ac-muted'>{t('payouts.waiting', { n: list.data.requestedCount })}</Text>}
      </View>
      {/* PAYOUTS' endpoints may land after this console: say so rather than fail */}
      {isMissing(list.error) ? <EmptyState title={t('common.unavailable')} /> : <RemoteState remote={list} count={2} />}
      {list.data && payouts.length === 0 && <EmptyState title={t('payouts.none')} />}
      <View className='ac-cards'>
        {payouts.map((p) => (
          <PayoutCard key={p.id} payout={p} onDone={() => void list.reload()} />
        ))}
      </View>
    </AdminShell>
  )
}
