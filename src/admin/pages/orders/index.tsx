import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { searchOrders } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { OrdersTable } from '../../components/orders-table'
import { ExportButton, SearchBar } from '../../components/ui'

export default function AdminOrdersPage() {
  const t = useAdminT()
  const [q, setQ] = useState(useRouter().params.q ?? '')
  const list = useRemote(() => searchOrders(q), [q])
  const orders = list.data?.orders ?? []
  return (
    <AdminShell section='orders' title='title.orders' actions={<ExportButton path='/admin/orders' query={{ q: q || undefined }} name='orders' />}>
      <View className='ac-toolbar'>
        <SearchBar label={t('orders.searchLabel')} placeholder={t('orders.search')} initial={q} onSearch={setQ} />
      </View>
      <RemoteState remote={list} count={3} />
      {list.data && (
        <Text className='ac-muted' role='status'>
          {q ? t('orders.results', { n: orders.length }) : t('orders.recent')}
        </Text>
      )}
      {list.data && orders.length === 0 && <EmptyState title={t('orders.none')} description={q ? t('orders.noneBody') : undefined} />}
      {orders.length > 0 && (
        <View className='ac-list-gap'>
          <OrdersTable orders={orders} showMatch={!!q} />
        </View>
      )}
    </AdminShell>
  )
}
