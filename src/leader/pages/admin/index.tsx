import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LeaderApplication, LeaderApplicationStatus } from '../../../../types/api'
import { approveApplication, listApplications, rejectApplication } from '@/api/leader'
import { EmptyState, RemoteState } from '@/components/page-state'
import { PhoneLink } from '@/components/phone-link'
import { maskPhone } from '@/domain'
import { dateTimeLabel, showModal } from '@/i18n'
import { useRemote } from '@/hooks/use-remote'
import { lt, useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { FieldError, Segmented } from '../../components/form'
import { useSubmit } from '../../lib/use-submit'
import { go } from '../../lib/use-leader'
import '../../components/console.scss'
import './index.scss'

const STATUSES: LeaderApplicationStatus[] = ['pending', 'approved', 'rejected']

function ApplicationCard({ app, onDone }: { app: LeaderApplication; onDone: () => void }) {
  const t = useLeaderT()
  const [rate, setRate] = useState('5')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const { busy, message, setMessage, run } = useSubmit()
  const review = async (action: () => Promise<unknown>, done: string) => {
    if (await run(action, { done })) onDone()
  }

  const approve = async () => {
    const percent = Number(rate)
    if (!/^\d{1,2}(\.\d)?$/.test(rate.trim()) || percent > 30) {
      setMessage(t('admin.badRate'))
      return
    }
    const { confirm } = await showModal({
      title: t('admin.approveTitle'),
      content: t('admin.approveBody', { name: app.name, community: app.community, rate: percent, point: app.pickupPoint.name }),
    })
    if (confirm) await review(() => approveApplication(app.id, Math.round(percent * 100)), t('admin.approved'))
  }

  const reject = async () => {
    if (!reason.trim()) {
      setMessage(t('admin.needReason'))
      return
    }
    await review(() => rejectApplication(app.id, reason.trim()), t('admin.rejected'))
  }

  return (
    <View className='lc-card' role='group' aria-label={t('admin.applicationOf', { name: app.name })}>
      <View className='lc-card__head'>
        <Text className='lc-card__title'>
          {app.name} · {app.community}
        </Text>
      </View>
      <Text className='lc-muted'>
        {t('admin.applicant', { nickname: app.nickname, phone: maskPhone(app.phone), time: dateTimeLabel(app.createdAt) })}
      </Text>
      <View className='admin__point'>
        <Text className='admin__point-name'>{t('admin.point', { name: app.pickupPoint.name })}</Text>
        <Text className='lc-muted'>
          {app.pickupPoint.address} · {app.pickupPoint.hours} · <PhoneLink contact={app.pickupPoint.contact} />
        </Text>
      </View>
      {app.status === 'approved' && (
        <Text className='lc-notice lc-notice--ok'>{t('admin.approvedRate', { rate: (app.commissionBps ?? 0) / 100 })}</Text>
      )}
      {app.status === 'rejected' && <Text className='lc-notice lc-notice--bad'>{t('admin.rejectedReason', { reason: app.rejectReason ?? '' })}</Text>}
      {app.status === 'pending' && !rejecting && (
        <View className='admin__actions'>
          <View className='admin__rate'>
            <Text>{t('admin.rate')}</Text>
            <Input
              className='lc-input admin__rate-input'
              aria-label={t('admin.rateLabel')}
              type='digit'
              value={rate}
              onInput={(e) => setRate(e.detail.value)}
            />
            <Text>%</Text>
          </View>
          <View className='lc-row'>
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => setRejecting(true)}>
              {t('admin.reject')}
            </Button>
            <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void approve()}>
              {t('admin.approve')}
            </Button>
          </View>
        </View>
      )}
      {app.status === 'pending' && rejecting && (
        <View className='admin__actions'>
          <Input
            className='lc-input'
            aria-label={t('admin.reason')}
            placeholder={t('admin.reasonPlaceholder')}
            value={reason}
            onInput={(e) => setReason(e.detail.value)}
          />
          <View className='lc-row admin__reject-row'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setRejecting(false)}>
              {t('common.back')}
            </Button>
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => void reject()}>
              {t('admin.confirmReject')}
            </Button>
          </View>
        </View>
      )}
      <FieldError message={message} />
    </View>
  )
}

export default function AdminPage() {
  const t = useLeaderT()
  useLeaderTitle('title.admin')
  const [status, setStatus] = useState<LeaderApplicationStatus>('pending')
  const list = useRemote(() => listApplications(status), [status])
  return (
    <View className='lc-page'>
      {/* the operator's after-sales escalations */}
      <View className='lc-card lc-list-item' role='link' onClick={() => Taro.navigateTo({ url: go('after-sales', { mode: 'admin' }) })}>
        <Text className='lc-card__title'>{t('as.entryAdmin')}</Text>
        <Text className='lc-chevron'>›</Text>
      </View>
      <View className='admin__tabs'>
        <Segmented
          label={t('admin.tabs')}
          options={STATUSES.map((value) => ({ value, label: lt(`admin.tab.${value}`) }))}
          value={status}
          onChange={setStatus}
        />
      </View>
      <RemoteState remote={list} count={2} />
      {list.data?.applications.length === 0 && (
        <EmptyState title={t('admin.none')} description={status === 'pending' ? t('admin.noneBody') : undefined} />
      )}
      {list.data?.applications.map((app) => (
        <ApplicationCard key={app.id} app={app} onDone={() => void list.reload()} />
      ))}
    </View>
  )
}
