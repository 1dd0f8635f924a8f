import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { DealStatus } from '../../../../types/api'
import { listDeals, type AdminDeal } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { Badge, DataTable, ExportButton, SearchBar, Segmented, type Column } from '../../components/ui'
import { adminPath, money, percentOf, when } from '../../lib/format'

const STATUSES: ('' | DealStatus)[] = ['', 'open', 'succeeded', 'draft', 'failed', 'cancelled', 'completed']

export const dealTone = (status: DealStatus) =>
  status === 'open' ? 'ok' : status === 'succeeded' || status === 'completed' ? 'info' : status === 'draft' ? 'warn' : 'bad'

export default function AdminDealsPage() {
  const t = useAdminT()
  const [q, setQ] = useState('')
  const [status, setStatus] = useState<'' | DealStatus>('')
  const [extra, setExtra] = useState<AdminDeal[]>([])
  const [next, setNext] = useState<number | null>(null)
  const list = useRemote(async () => {
    const page = await listDeals({ q: q || undefined, status: status || undefined })
    setExtra([])
    setNext(page.nextOffset)
    return page
  }, [q, status])
  const more = async () => {
    if (next === null) return
    const page = await listDeals({ q: q || undefined, status: status || undefined, offset: next })
    setExtra((rows) => [...rows, ...page.deals])
    setNext(page.nextOffset)
  }
  const rows = [...(list.data?.deals ?? []), ...extra]
  const columns: Column<AdminDeal>[] = [
    {
      key: 'title',
      label: t('col.deal'),
      primary: true,
      render: (d) => (
        <View>
          <Text>{d.title}</Text>
          {d.supplier && <Text className='ac-muted'>{t('deals.supplier', { name: d.supplier.name })}</Text>}
        </View>
      ),
    },
    { key: 'status', label: t('col.status'), render: (d) => <Badge tone={dealTone(d.status)}>{t(`deal.status.${d.status}`)}</Badge> },
    { key: 'leader', label: t('col.leader'), render: (d) => d.leader.name },
    { key: 'orders', label: t('col.orders'), align: 'end', render: (d) => d.orders },
    { key: 'gmv', label: t('col.gmv'), align: 'end', render: (d) => <Text className='ac-money'>{money(d.gmvFen)}</Text> },
    { key: 'refunds', label: t('col.refunds'), align: 'end', render: (d) => <Text className='ac-money'>{money(d.refundFen)}</Text> },
    { key: 'commission', label: t('col.commission'), align: 'end', render: (d) => (d.commissionBps === null ? '—' : percentOf(d.commissionBps)) },
    { key: 'cutoff', label: t('col.cutoff'), render: (d) => when(d.cutoffAt) },
  ]
  return (
    <AdminShell
      section='deals'
      title='title.deals'
      actions={<ExportButton path='/admin/deals' query={{ q: q || undefined, status: status || undefined }} name='deals' />}
    >
      <View className='ac-toolbar'>
        <SearchBar label={t('deals.searchLabel')} placeholder={t('deals.search')} onSearch={setQ} />
      </View>
      <View className='ac-toolbar'>
        <Segmented
          label={t('deals.statusLabel')}
          options={STATUSES.map((s) => ({ value: s, label: s ? t(`deal.status.${s}`) : t('common.all') }))}
          value={status}
          onChange={setStatus}
        />
        {list.data && <Text className='ac-muted'>{t('common.total', { n: list.data.total })}</Text>}
      </View>
      <RemoteState remote={list} count={3} />
      {list.data && rows.length === 0 && <EmptyState title={t('deals.none')} />}
      {rows.length > 0 && (
        <DataTable
          label={t('title.deals')}
          columns={columns}
          rows={rows}
          rowKey={(d) => d.id}
          rowLabel={(d) => d.title}
          onRowClick={(d) => void Taro.navigateTo({ url: adminPath('deal', { id: d.id }) })}
        />
      )}
      {next !== null && (
        <View className='ac-more'>
          <Button role='button' className='ac-btn' onClick={() => void more()}>
            {t('common.more')}
          </Button>
        </View>
      )}
    </AdminShell>
  )
}
