import { Button, Text, View } from '@tarojs/components'
import type { AdminRefund } from '@/api/admin'
import { retryRefund } from '@/api/admin'
import { showModal } from '@/i18n'
import { useAdminT } from '@/i18n/admin'
import { Badge, DataTable, Notice, type Column } from './ui'
import { money, when } from '../lib/format'
import { useSubmit } from '../lib/use-submit'

const tone = (r: AdminRefund) => (r.abnormal ? 'bad' : r.status === 'succeeded' ? 'ok' : r.status === 'closed' ? 'bad' : 'warn')

function Retry({ refund, onDone }: { refund: AdminRefund; onDone: () => void }) {
  const t = useAdminT()
  const { busy, message, run } = useSubmit()
  const retry = async () => {
    const { confirm } = await showModal({ title: t('refunds.retryTitle'), content: t('refunds.retryBody', { amount: money(refund.amountFen) }) })
    if (confirm && (await run(() => retryRefund(refund.id), t('refunds.retried')))) onDone()
  }
  return (
    <View>
      <Button role='button' className='ac-btn ac-btn--small ac-btn--primary' disabled={busy || undefined} onClick={() => void retry()}>
        {t('refunds.retry')}
      </Button>
      <Notice message={message} />
    </View>
  )
}

/** Refunds, the abnormal ones marked (the server lists them first), each retryable one with a retry. */
export function RefundsTable({ refunds, onChanged, showDeal = true }: { refunds: AdminRefund[]; onChanged: () => void; showDeal?: boolean }) {
  const t = useAdminT()
  const columns: Column<AdminRefund>[] = [
    {
      key: 'who',
      label: t('col.shopper'),
      primary: true,
      render: (r) => (
        <View>
          <Text>
            {r.shopper} · {t(`refund.reason.${r.reason}`)}
          </Text>
          {showDeal && <Text className='ac-muted'>{r.dealTitle}</Text>}
          {r.lastError && <Text className='ac-muted'>{t('refunds.lastError', { error: r.lastError })}</Text>}
        </View>
      ),
    },
    {
      key: 'status',
      label: t('col.status'),
      render: (r) => (
        <View className='ac-row'>
          <Badge tone={tone(r)}>{t(`refund.status.${r.status}`)}</Badge>
          {r.abnormal && r.status === 'pending' && <Badge tone='bad'>{t('refunds.abnormal')}</Badge>}
        </View>
      ),
    },
    { key: 'amount', label: t('col.amount'), align: 'end', render: (r) => <Text className='ac-money'>{money(r.amountFen)}</Text> },
    { key: 'attempts', label: t('csv.attempts'), render: (r) => (r.attempts > 0 ? t('refunds.attempts', { n: r.attempts }) : '—') },
    { key: 'when', label: t('col.created'), render: (r) => when(r.createdAt) },
    { key: 'actions', label: t('col.actions'), render: (r) => (r.retryable ? <Retry refund={r} onDone={onChanged} /> : '—') },
  ]
  return (
    <DataTable
      label={t('title.refunds')}
      columns={columns}
      rows={refunds}
      rowKey={(r) => r.id}
      rowLabel={(r) => `${r.shopper} ${money(r.amountFen)}`}
      rowTone={(r) => (r.abnormal ? 'bad' : undefined)}
    />
  )
}
