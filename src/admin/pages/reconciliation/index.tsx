import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { getReconciliation, listReconciliationDays, runReconciliation, type ReconciliationReport } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { shanghaiDate } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { useAdminT } from '@/i18n/admin'
import { serverNow } from '@/stores/clock'
import { AdminShell } from '../../components/shell'
import { Badge, DataTable, ExportButton, Notice, Stat, isMissing, type Column } from '../../components/ui'
import { money, when } from '../../lib/format'
import { useSubmit } from '../../lib/use-submit'

type Difference = ReconciliationReport['differences'][number]

/** The daily job reconciles yesterday (Asia/Shanghai): the day an operator opens first. */
const yesterday = () => shanghaiDate(serverNow() - 24 * 3600_000)

export default function AdminReconciliationPage() {
  const t = useAdminT()
  const [day, setDay] = useState(useRouter().params.day || yesterday())
  const report = useRemote(() => getReconciliation(day), [day])
  const days = useRemote(() => listReconciliationDays(30), [])
  const { busy, message, run } = useSubmit()
  const rerun = async () => {
    if (await run(() => runReconciliation(day), t('recon.ran'))) {
      void report.reload()
      void days.reload()
    }
  }
  const data = report.data
  const columns: Column<Difference>[] = [
    {
      key: 'code',
      label: t('col.reason'),
      primary: true,
      render: (d) => (
        <View>
          <Text>{at(d)}</Text>
          <Text className='ac-muted ac-pre'>
            {t(`recon.kind.${d.kind}`)} {d.ref}
          </Text>
        </View>
      ),
    },
    {
      key: 'ledger',
      label: t('recon.ledger', { amount: '' }).trim(),
      align: 'end',
      render: (d) => (d.ledgerFen === null ? t('recon.none') : money(d.ledgerFen)),
    },
    {
      key: 'record',
      label: t('recon.record', { amount: '' }).trim(),
      align: 'end',
      render: (d) => (d.recordFen === null ? t('recon.none') : money(d.recordFen)),
    },
    { key: 'order', label: t('col.order'), render: (d) => <Text className='ac-pre'>{d.orderId ?? '—'}</Text> },
  ]
  // a code this console does not know yet reads as itself
  function at(d: Difference) {
    const key = `recon.code.${d.code}`
    return t.has(key) ? t(key, { note: d.note }) : `${d.code} ${d.note}`
  }

  return (
    <AdminShell
      section='reconciliation'
      title='title.reconciliation'
      actions={
        <View className='ac-row'>
          <ExportButton path='/admin/reconciliation' query={{ day }} name={`reconciliation-${day}`} />
          <Button role='button' className='ac-btn ac-btn--small ac-btn--primary' disabled={busy || undefined} onClick={() => void rerun()}>
            {t('recon.run')}
          </Button>
        </View>
      }
    >
      <View className='ac-toolbar'>
        <Picker mode='date' value={day} end={shanghaiDate(serverNow())} onChange={(e) => setDay(String(e.detail.value))}>
          <View className='ac-input' role='button' aria-label={t('recon.day')}>
            {t('recon.day')}：{day}
          </View>
        </Picker>
      </View>
      <Notice message={message} />
      {isMissing(report.error) ? <EmptyState title={t('common.unavailable')} /> : <RemoteState remote={report} count={2} />}
      {data && (
        <View>
          <View className='ac-card' role='region' aria-label={t('recon.statement', { day: data.day })}>
            <View className='ac-item__head'>
              <Text className='ac-card__title'>{t('recon.statement', { day: data.day })}</Text>
              <Badge tone={data.statement.balanced ? 'ok' : 'bad'}>{t(data.statement.balanced ? 'recon.balanced' : 'recon.unbalanced')}</Badge>
            </View>
            <Text className='ac-muted'>
              {data.ranAt ? t('recon.ranAt', { time: when(data.ranAt) }) : t('recon.notRun')} ·{' '}
              {t('recon.transactions', { n: data.statement.transactionCount })}
            </Text>
            <View className='ac-stats'>
              <Stat label={t('recon.paymentsIn')} value={money(data.statement.paymentsInFen)} />
              <Stat label={t('recon.refundsOut')} value={money(data.statement.refundsOutFen)} />
              <Stat label={t('recon.commissions')} value={money(data.statement.commissionsFen)} />
              <Stat label={t('recon.supplierPayables')} value={money(data.statement.supplierPayablesFen)} />
              <Stat label={t('recon.payouts')} value={money(data.statement.payoutsFen)} />
              <Stat
                label={t('recon.margin')}
                value={money(data.statement.platformMarginFen)}
                tone={data.statement.platformMarginFen < 0 ? 'bad' : 'ok'}
              />
            </View>
          </View>
          <Text className='ac-card__title'>{t('recon.differences', { n: data.differences.length })}</Text>
          {data.differences.length === 0 ? (
            <Notice tone='ok' message={t('recon.noDifferences')} />
          ) : (
            <DataTable
              label={t('recon.differences', { n: data.differences.length })}
              columns={columns}
              rows={data.differences}
              rowKey={(d) => `${d.code}-${d.ref}`}
              rowTone={() => 'bad'}
            />
          )}
        </View>
      )}
      {days.data && days.data.length > 0 && (
        <View className='ac-card' role='region' aria-label={t('recon.days')}>
          <Text className='ac-card__title'>{t('recon.days')}</Text>
          {days.data.map((d) => (
            <View key={d.day} className='ac-rank' role='link' aria-current={d.day === day ? 'true' : undefined} onClick={() => setDay(d.day)}>
              <Text className='ac-rank__name'>{d.day}</Text>
              {d.ranAt === null ? (
                <Text className='ac-muted'>{t('recon.dayNotRun')}</Text>
              ) : (
                <Badge tone={d.differenceCount || d.balanced === false ? 'bad' : 'ok'}>
                  {d.differenceCount ? t('recon.dayLine', { n: d.differenceCount }) : t('recon.balanced')}
                </Badge>
              )}
            </View>
          ))}
        </View>
      )}
    </AdminShell>
  )
}
