import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { getDeal, setDealCommission, type AdminDealDetail } from '@/api/admin'
import { RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { at, useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { OrdersTable } from '../../components/orders-table'
import { RefundsTable } from '../../components/refunds-table'
import { Badge, ExportButton, Notice, Stat } from '../../components/ui'
import { bpsFromPercent, money, percentOf, when } from '../../lib/format'
import { useSubmit } from '../../lib/use-submit'
import { dealTone } from '../deals/index'

function Commission({ deal, onSaved }: { deal: AdminDealDetail['deal']; onSaved: () => void }) {
  const t = useAdminT()
  const [text, setText] = useState(deal.commissionBps === null ? '' : String(deal.commissionBps / 100))
  const { busy, message, setMessage, run } = useSubmit()
  const save = async (bps: number | null) => {
    if (await run(() => setDealCommission(deal.id, bps), t('deal.commissionSaved'))) onSaved()
  }
  const submit = () => {
    const bps = bpsFromPercent(text)
    if (bps === null) return setMessage(t('apps.badRate'))
    void save(bps)
  }
  return (
    <View className='ac-card' role='region' aria-label={t('deal.commission')}>
      <Text className='ac-card__title'>{t('deal.commission')}</Text>
      <Text>{deal.commissionBps === null ? t('deal.commissionOwn') : percentOf(deal.commissionBps)}</Text>
      {deal.settledAt ? (
        <Text className='ac-muted'>{t('deal.commissionLocked')}</Text>
      ) : (
        <View className='ac-item__actions'>
          <Text className='ac-muted'>{t('deal.commissionHint')}</Text>
          <View className='ac-row'>
            <Input
              className='ac-input ac-rate-input'
              aria-label={t('deal.commissionLabel')}
              type='digit'
              value={text}
              onInput={(e) => setText(e.detail.value)}
            />
            <Text>%</Text>
            <Button role='button' className='ac-btn ac-btn--small ac-btn--primary' disabled={busy || undefined} onClick={submit}>
              {t('common.save')}
            </Button>
            {deal.commissionBps !== null && (
              <Button role='button' className='ac-btn ac-btn--small' disabled={busy || undefined} onClick={() => void save(null)}>
                {t('deal.commissionClear')}
              </Button>
            )}
          </View>
        </View>
      )}
      <Notice message={message} />
    </View>
  )
}

export default function AdminDealPage() {
  const t = useAdminT()
  const id = useRouter().params.id ?? ''
  const detail = useRemote(() => getDeal(id), [id])
  const data = detail.data
  return (
    <AdminShell
      section='deals'
      title='title.deal'
      heading={data?.deal.title}
      actions={<ExportButton path='/admin/orders' query={{ dealId: id }} name={`orders-${id}`} />}
    >
      <RemoteState remote={detail} count={2} />
      {data && (
        <View>
          <View className='ac-card'>
            <View className='ac-row'>
              <Badge tone={dealTone(data.deal.status)}>{t(`deal.status.${data.deal.status}`)}</Badge>
              <Text className='ac-muted'>{t('deals.line', { leader: data.deal.leader.name, cutoff: when(data.deal.cutoffAt) })}</Text>
              {data.deal.supplier && <Text className='ac-muted'>{t('deals.supplier', { name: data.deal.supplier.name })}</Text>}
            </View>
            <View className='ac-stats'>
              <Stat label={t('col.orders')} value={String(data.deal.orders)} />
              <Stat label={t('col.gmv')} value={money(data.deal.gmvFen)} />
              <Stat label={t('col.refunds')} value={money(data.deal.refundFen)} />
              <Stat label={t('col.shopper')} value={t('deal.people', { n: data.deal.participants, units: data.deal.units })} />
            </View>
            <Text className='ac-muted'>
              {data.deal.finalUnitPriceFen === null
                ? t('deal.priceOpen', { list: money(data.deal.listPriceFen) })
                : t('deal.price', { list: money(data.deal.listPriceFen), final: money(data.deal.finalUnitPriceFen) })}
            </Text>
          </View>
          <View className='ac-grid'>
            <Commission deal={data.deal} onSaved={() => void detail.reload()} />
            <View className='ac-card' role='region' aria-label={t('deal.points')}>
              <Text className='ac-card__title'>{t('deal.points')}</Text>
              {data.points.map((p) => (
                <View key={p.id} className='ac-rank'>
                  <Text className='ac-rank__name'>{p.name}</Text>
                  <Text className='ac-muted'>{t('deal.pointLine', { leader: p.leader, orders: p.orders, units: p.units })}</Text>
                </View>
              ))}
            </View>
          </View>
          <View className='ac-card' role='region' aria-label={t('deal.timeline')}>
            <Text className='ac-card__title'>{t('deal.timeline')}</Text>
            {data.timeline.map((e, i) => (
              <View key={`${e.kind}-${i}`} className='ac-timeline__item'>
                <Text className='ac-timeline__time'>{when(e.at)}</Text>
                <Text>
                  {t(`event.${e.kind}`, {
                    detail:
                      e.kind === 'settled'
                        ? t(`deal.status.${e.detail as AdminDealDetail['deal']['status']}`)
                        : e.kind === 'admin' && at.has(`audit.action.${e.detail}`)
                          ? at(`audit.action.${e.detail}` as never)
                          : e.detail,
                  })}
                </Text>
              </View>
            ))}
          </View>
          <Text className='ac-card__title'>{t('deal.orders', { n: data.orders.length })}</Text>
          {data.orders.length === 0 ? <Text className='ac-muted'>{t('deal.noOrders')}</Text> : <OrdersTable orders={data.orders} showDeal={false} />}
          <Text className='ac-card__title'>{t('deal.refunds', { n: data.refunds.length })}</Text>
          {data.refunds.length === 0 ? (
            <Text className='ac-muted'>{t('deal.noRefunds')}</Text>
          ) : (
            <RefundsTable refunds={data.refunds} showDeal={false} onChanged={() => void detail.reload()} />
          )}
        </View>
      )}
    </AdminShell>
  )
}
