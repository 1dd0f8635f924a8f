import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { getAlerts, getOverview, type Alert, type AdminOverview } from '@/api/admin'
import { RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useAdminT, type AdminKey } from '@/i18n/admin'
import { AdminShell, ESCALATIONS_PATH, openSection, type Section } from '../../components/shell'
import { BarChart, ExportButton, Stat } from '../../components/ui'
import { adminPath, money, percentOf } from '../../lib/format'

const DAYS = 30

type Waiting = AdminOverview['waiting']
const WAITING: { key: keyof Waiting; label: AdminKey; open: () => void }[] = [
  { key: 'leaderApplications', label: 'home.waiting.leaderApplications', open: () => openSection('applications') },
  {
    key: 'supplierApplications',
    label: 'home.waiting.supplierApplications',
    open: () => void Taro.redirectTo({ url: adminPath('applications', { kind: 'supplier' }) }),
  },
  { key: 'escalations', label: 'home.waiting.escalations', open: () => void Taro.navigateTo({ url: ESCALATIONS_PATH }) },
  {
    key: 'abnormalRefunds',
    label: 'home.waiting.abnormalRefunds',
    open: () => void Taro.redirectTo({ url: adminPath('refunds', { filter: 'abnormal' }) }),
  },
  { key: 'payouts', label: 'home.waiting.payouts', open: () => openSection('payouts') },
]

const ALERT_SECTION: Record<Alert['kind'], Section> = { reconciliation: 'reconciliation', refund_abnormal: 'refunds', payout_failed: 'payouts' }

function openAlert(alert: Alert) {
  if (alert.kind === 'reconciliation' && alert.day) return void Taro.redirectTo({ url: adminPath('reconciliation', { day: alert.day }) })
  if (alert.kind === 'refund_abnormal') return void Taro.redirectTo({ url: adminPath('refunds', { filter: 'abnormal' }) })
  openSection(ALERT_SECTION[alert.kind])
}

function Alerts() {
  const t = useAdminT()
  // RECON's endpoint: a console without it yet simply shows no alerts
  const alerts = useRemote(() => getAlerts().catch(() => ({ alerts: [] as Alert[] })), [])
  const list = alerts.data?.alerts ?? []
  if (list.length === 0) return null
  return (
    <View className='ac-card' role='region' aria-label={t('home.alerts')}>
      <Text className='ac-card__title'>{t('home.alerts')}</Text>
      {list.map((a) => (
        <Text key={`${a.kind}-${a.day ?? ''}`} className='ac-alert' role='link' onClick={() => openAlert(a)}>
          {t(`alert.${a.kind}`, { n: a.count, day: a.day ?? '' })}
        </Text>
      ))}
    </View>
  )
}

function Sellers({ title, rows }: { title: string; rows: AdminOverview['leaders'] }) {
  const t = useAdminT()
  return (
    <View className='ac-card' role='region' aria-label={title}>
      <Text className='ac-card__title'>{title}</Text>
      {rows.length === 0 && <Text className='ac-muted'>{t('home.noSales')}</Text>}
      {rows.slice(0, 8).map((r) => (
        <View key={r.id} className='ac-rank'>
          <Text className='ac-rank__name'>{r.name}</Text>
          <Text className='ac-muted'>{t('home.sellerLine', { orders: r.orders, refund: money(r.refundFen) })}</Text>
          <Text className='ac-money'>{money(r.gmvFen)}</Text>
        </View>
      ))}
    </View>
  )
}

export default function AdminHomePage() {
  const t = useAdminT()
  const overview = useRemote(() => getOverview(DAYS), [])
  const data = overview.data
  return (
    <AdminShell section='home' title='title.home' actions={<ExportButton path='/admin/overview' query={{ days: DAYS }} name='overview' />}>
      <Alerts />
      <RemoteState remote={overview} count={2} />
      {data && (
        <View>
          <View className='ac-card' role='region' aria-label={t('home.today')}>
            <Text className='ac-card__title'>
              {t('home.today')} · {data.today.day}
            </Text>
            <View className='ac-stats'>
              <Stat label={t('home.orders')} value={String(data.today.orders)} />
              <Stat label={t('home.gmv')} value={money(data.today.gmvFen)} />
              <Stat label={t('home.refunds')} value={money(data.today.refundFen)} />
              <Stat
                label={t('home.refundRate')}
                value={percentOf(data.today.refundRateBps)}
                tone={data.today.refundRateBps >= 500 ? 'bad' : undefined}
              />
              <Stat label={t('home.openDeals')} value={String(data.openDeals)} />
            </View>
          </View>
          <View className='ac-card' role='region' aria-label={t('home.waiting')}>
            <Text className='ac-card__title'>{t('home.waiting')}</Text>
            <View className='ac-waiting'>
              {WAITING.map((w) => (
                <View
                  key={w.key}
                  role='link'
                  className={`ac-waiting__item ${data.waiting[w.key] > 0 ? 'ac-waiting__item--hot' : ''}`}
                  onClick={w.open}
                >
                  <Text>{t(w.label)}</Text>
                  <Text className='ac-waiting__count'>{data.waiting[w.key]}</Text>
                </View>
              ))}
            </View>
          </View>
          <Text className='ac-muted'>{t('home.lastDays', { n: DAYS })}</Text>
          <View className='ac-grid'>
            <BarChart title={t('home.chart.orders')} points={data.days.map((d) => ({ label: d.day, value: d.orders, text: String(d.orders) }))} />
            <BarChart title={t('home.chart.gmv')} points={data.days.map((d) => ({ label: d.day, value: d.gmvFen, text: money(d.gmvFen) }))} />
          </View>
          <BarChart
            title={t('home.chart.refundRate')}
            points={data.days.map((d) => ({ label: d.day, value: d.refundRateBps, text: percentOf(d.refundRateBps) }))}
          />
          <View className='ac-grid'>
            <Sellers title={t('home.leaders', { n: DAYS })} rows={data.leaders} />
            <Sellers title={t('home.suppliers', { n: DAYS })} rows={data.suppliers} />
          </View>
        </View>
      )}
    </AdminShell>
  )
}
