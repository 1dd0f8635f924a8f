import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { listAudit, type AdminAuditEntry } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { at, useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { DataTable, ExportButton, type Column } from '../../components/ui'
import { when } from '../../lib/format'

const actionText = (action: string) => (at.has(`audit.action.${action}`) ? at(`audit.action.${action}` as never) : action)
const kindText = (kind: string) => (at.has(`audit.kind.${kind}`) ? at(`audit.kind.${kind}` as never) : kind)

/** A before/after value in words: its fields one by one ("佣金 5% → 6.5%" is read from both sides). */
function describe(value: unknown): string {
  if (value === null || value === undefined) return at('audit.empty')
  if (typeof value !== 'object') return String(value)
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => {
      const name = at.has(`audit.field.${k}`) ? at(`audit.field.${k}` as never) : k
      const shown =
        v === null
          ? at('audit.empty')
          : k === 'commissionBps' && typeof v === 'number'
            ? `${v / 100}%`
            : k.endsWith('At') && typeof v === 'string'
              ? when(v)
              : String(v)
      return `${name}: ${shown}`
    })
    .join(' · ')
}

export default function AdminAuditPage() {
  const t = useAdminT()
  const [older, setOlder] = useState<AdminAuditEntry[]>([])
  const [next, setNext] = useState<string | null>(null)
  const log = useRemote(async () => {
    const page = await listAudit()
    setOlder([])
    setNext(page.nextBefore)
    return page
  }, [])
  const more = async () => {
    if (!next) return
    const page = await listAudit({ before: next })
    setOlder((rows) => [...rows, ...page.entries])
    setNext(page.nextBefore)
  }
  const entries = [...(log.data?.entries ?? []), ...older]
  const columns: Column<AdminAuditEntry>[] = [
    {
      key: 'action',
      label: t('col.action'),
      primary: true,
      render: (e) => (
        <View>
          <Text>{actionText(e.action)}</Text>
          <Text className='ac-muted ac-pre'>{t('audit.target', { kind: kindText(e.targetKind), id: e.targetId })}</Text>
        </View>
      ),
    },
    { key: 'actor', label: t('col.actor'), render: (e) => t('audit.by', { name: e.actor.name, time: when(e.createdAt) }) },
    {
      key: 'change',
      label: t('col.change'),
      render: (e) => (
        <View>
          <Text className='ac-muted'>
            {t('audit.before')}: {describe(e.before)}
          </Text>
          <Text>
            {t('audit.after')}: {describe(e.after)}
          </Text>
        </View>
      ),
    },
  ]
  return (
    <AdminShell section='audit' title='title.audit' actions={<ExportButton path='/admin/audit' name='audit' />}>
      <RemoteState remote={log} count={3} />
      {log.data && entries.length === 0 && <EmptyState title={t('audit.none')} />}
      {entries.length > 0 && (
        <DataTable label={t('title.audit')} columns={columns} rows={entries} rowKey={(e) => e.id} rowLabel={(e) => actionText(e.action)} />
      )}
      {next && (
        <View className='ac-more'>
          <Button role='button' className='ac-btn' onClick={() => void more()}>
            {t('common.more')}
          </Button>
        </View>
      )}
    </AdminShell>
  )
}
