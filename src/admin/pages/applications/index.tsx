import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { LeaderApplicationStatus } from '../../../../types/api'
import {
  approveLeaderApplication,
  approveSupplier,
  listLeaderApplications,
  listSuppliers,
  rejectLeaderApplication,
  rejectSupplier,
  type LeaderApplication,
  type Supplier,
} from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { PhoneLink } from '@/components/phone-link'
import { maskPhone } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { showModal } from '@/i18n'
import { useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { Notice, Segmented, isMissing } from '../../components/ui'
import { bpsFromPercent, percentOf, when } from '../../lib/format'
import { useSubmit } from '../../lib/use-submit'

type Kind = 'leader' | 'supplier'
const STATUSES: LeaderApplicationStatus[] = ['pending', 'approved', 'rejected']

/** Approve (with a rate for a leader) or reject with a reason the applicant reads. */
function Review({
  onApprove,
  onReject,
  withRate,
  confirmText,
}: {
  onApprove: (bps: number) => Promise<unknown>
  onReject: (reason: string) => Promise<unknown>
  withRate: boolean
  confirmText: (rate: string) => string
}) {
  const t = useAdminT()
  const [rate, setRate] = useState('5')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, message, setMessage, run } = useSubmit()

  const approve = async () => {
    const bps = withRate ? bpsFromPercent(rate) : 0
    if (bps === null) return setMessage(t('apps.badRate'))
    const { confirm } = await showModal({ title: t('apps.approveTitle'), content: confirmText(percentOf(bps)) })
    if (confirm) await run(() => onApprove(bps), t('apps.approved'))
  }
  const reject = async () => {
    if (!reason.trim()) return setMessage(t('apps.needReason'))
    await run(() => onReject(reason.trim()), t('apps.rejected'))
  }
  return (
    <View className='ac-item__actions'>
      {!rejecting ? (
        <View className='ac-row'>
          {withRate && (
            <>
              <Text>{t('apps.rate')}</Text>
              <Input
                className='ac-input ac-rate-input'
                aria-label={t('apps.rateLabel')}
                type='digit'
                value={rate}
                onInput={(e) => setRate(e.detail.value)}
              />
              <Text>%</Text>
            </>
          )}
          <Button role='button' className='ac-btn ac-btn--danger' disabled={busy || undefined} onClick={() => setRejecting(true)}>
            {t('apps.reject')}
          </Button>
          <Button role='button' className='ac-btn ac-btn--primary' disabled={busy || undefined} onClick={() => void approve()}>
            {t('apps.approve')}
          </Button>
        </View>
      ) : (
        <View>
          <Input
            className='ac-input'
            aria-label={t('apps.reason')}
            placeholder={t('apps.reasonPlaceholder')}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='ac-row ac-item__actions'>
            <Button role='button' className='ac-btn' disabled={busy || undefined} onClick={() => setRejecting(false)}>
              {t('common.back')}
            </Button>
            <Button role='button' className='ac-btn ac-btn--danger' disabled={busy || undefined} onClick={() => void reject()}>
              {t('apps.confirmReject')}
            </Button>
          </View>
        </View>
      )}
      <Notice message={message} />
    </View>
  )
}

function LeaderCard({ app, onDone }: { app: LeaderApplication; onDone: () => void }) {
  const t = useAdminT()
  const done = <T,>(p: Promise<T>) => p.then((v) => (onDone(), v))
  return (
    <View className='ac-card' role='group' aria-label={t('apps.applicationOf', { name: app.name })}>
      <View className='ac-item__head'>
        <Text className='ac-item__title'>
          {app.name} · {app.community}
        </Text>
      </View>
      <Text className='ac-muted'>{t('apps.applicant', { nickname: app.nickname, phone: maskPhone(app.phone), time: when(app.createdAt) })}</Text>
      <View className='ac-item__box'>
        <Text>{t('apps.point', { name: app.pickupPoint.name })}</Text>
        <Text className='ac-muted'>
          {app.pickupPoint.address} · {app.pickupPoint.hours} · <PhoneLink contact={app.pickupPoint.contact} />
        </Text>
      </View>
      {app.status === 'approved' && <Notice tone='ok' message={t('apps.approvedRate', { rate: (app.commissionBps ?? 0) / 100 })} />}
      {app.status === 'rejected' && <Notice message={t('apps.rejectedReason', { reason: app.rejectReason ?? '' })} />}
      {app.status === 'pending' && (
        <Review
          withRate
          confirmText={(rate) =>
            t('apps.approveBody', { name: app.name, community: app.community, rate: rate.replace('%', ''), point: app.pickupPoint.name })
          }
          onApprove={(bps) => done(approveLeaderApplication(app.id, bps))}
          onReject={(reason) => done(rejectLeaderApplication(app.id, reason))}
        />
      )}
    </View>
  )
}

function SupplierCard({ supplier, onDone }: { supplier: Supplier; onDone: () => void }) {
  const t = useAdminT()
  const done = <T,>(p: Promise<T>) => p.then((v) => (onDone(), v))
  return (
    <View className='ac-card' role='group' aria-label={t('apps.applicationOf', { name: supplier.name })}>
      <Text className='ac-item__title'>{supplier.name}</Text>
      <Text className='ac-muted'>
        {t('apps.applicant', { nickname: supplier.nickname, phone: maskPhone(supplier.phone), time: when(supplier.createdAt) })}
      </Text>
      <View className='ac-item__box'>
        <Text>{t('apps.depot', { address: supplier.depotAddress })}</Text>
        <Text className='ac-muted'>{t('apps.contact', { name: supplier.contactName, phone: supplier.phone })}</Text>
      </View>
      {supplier.status === 'rejected' && <Notice message={t('apps.rejectedReason', { reason: supplier.rejectReason ?? '' })} />}
      {(supplier.status === 'approved' || supplier.status === 'suspended') && <Notice tone='ok' message={t('apps.approved')} />}
      {supplier.status === 'pending' && (
        <Review
          withRate={false}
          confirmText={() => t('apps.approveSupplierBody', { name: supplier.name })}
          onApprove={() => done(approveSupplier(supplier.id))}
          onReject={(reason) => done(rejectSupplier(supplier.id, reason))}
        />
      )}
    </View>
  )
}

export default function AdminApplicationsPage() {
  const t = useAdminT()
  const [kind, setKind] = useState<Kind>(useRouter().params.kind === 'supplier' ? 'supplier' : 'leader')
  const [status, setStatus] = useState<LeaderApplicationStatus>('pending')
  const leaders = useRemote(() => (kind === 'leader' ? listLeaderApplications(status) : Promise.resolve(null)), [kind, status])
  const suppliers = useRemote(() => (kind === 'supplier' ? listSuppliers(status) : Promise.resolve(null)), [kind, status])
  const remote = kind === 'leader' ? leaders : suppliers
  const count = kind === 'leader' ? leaders.data?.applications.length : suppliers.data?.suppliers.length
  return (
    <AdminShell section='applications' title='title.applications'>
      <View className='ac-toolbar'>
        <Segmented
          label={t('apps.kind')}
          options={[
            { value: 'leader' as Kind, label: t('apps.kind.leader') },
            { value: 'supplier' as Kind, label: t('apps.kind.supplier') },
          ]}
          value={kind}
          onChange={setKind}
        />
        <Segmented
          label={t('apps.status')}
          options={STATUSES.map((value) => ({ value, label: t(`apps.status.${value}`) }))}
          value={status}
          onChange={setStatus}
        />
      </View>
      {/* SUPPLIERS' endpoints may land after this console: say so rather than fail */}
      {isMissing(remote.error) ? <EmptyState title={t('common.unavailable')} /> : <RemoteState remote={remote} count={2} />}
      {count === 0 && <EmptyState title={t('apps.none')} description={status === 'pending' ? t('apps.noneBody') : undefined} />}
      <View className='ac-cards'>
        {kind === 'leader' && leaders.data?.applications.map((app) => <LeaderCard key={app.id} app={app} onDone={() => void leaders.reload()} />)}
        {kind === 'supplier' && suppliers.data?.suppliers.map((s) => <SupplierCard key={s.id} supplier={s} onDone={() => void suppliers.reload()} />)}
      </View>
    </AdminShell>
  )
}
