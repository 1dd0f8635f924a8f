import { useState } from 'react'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { listRefunds } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { RefundsTable } from '../../components/refunds-table'
import { ExportButton, Segmented } from '../../components/ui'

type Filter = 'all' | 'abnormal'

export default function AdminRefundsPage() {
  const t = useAdminT()
  const [filter, setFilter] = useState<Filter>(useRouter().params.filter === 'abnormal' ? 'abnormal' : 'all')
  const list = useRemote(() => listRefunds({ abnormal: filter === 'abnormal' }), [filter])
  const refunds = list.data?.refunds ?? []
  return (
    <AdminShell
      section='refunds'
      title='title.refunds'
      actions={<ExportButton path='/admin/refunds' query={{ abnormal: filter === 'abnormal' ? 'true' : undefined }} name='refunds' />}
    >
      <View className='ac-toolbar'>
        <Segmented
          label={t('refunds.filter')}
          options={[
            { value: 'all', label: t('refunds.filter.all') },
            { value: 'abnormal', label: t('refunds.filter.abnormal') },
          ]}
          value={filter}
          onChange={setFilter}
        />
      </View>
      <RemoteState remote={list} count={3} />
      {list.data && refunds.length === 0 && <EmptyState title={filter === 'abnormal' ? t('refunds.noneAbnormal') : t('refunds.none')} />}
      {refunds.length > 0 && <RefundsTable refunds={refunds} onChanged={() => void list.reload()} />}
    </AdminShell>
  )
}
