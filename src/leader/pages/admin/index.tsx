import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { LeaderApplication, LeaderApplicationStatus } from '../../../../types/api'
import { ApiError } from '@/api'
import { approveApplication, listApplications, rejectApplication } from '@/api/leader'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { formatShanghai, maskPhone } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { Segmented } from '../../components/form'
import '../../components/console.scss'
import './index.scss'

const TABS: { value: LeaderApplicationStatus; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'rejected', label: '已拒绝' },
]

function ApplicationCard({ app, onDone }: { app: LeaderApplication; onDone: () => void }) {
  const [rate, setRate] = useState('5')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setMessage('')
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
      onDone()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  const approve = async () => {
    const percent = Number(rate)
    if (!/^\d{1,2}(\.\d)?$/.test(rate.trim()) || percent > 30) {
      setMessage('佣金比例填 0–30 之间的数字，如 5 或 6.5')
      return
    }
    const { confirm } = await Taro.showModal({
      title: '通过申请',
      content: `${app.name}（${app.community}）成为团长，佣金 ${percent}%，并创建自提点「${app.pickupPoint.name}」`,
    })
    if (confirm) await run(() => approveApplication(app.id, Math.round(percent * 100)), '已通过')
  }

  const reject = async () => {
    if (!reason.trim()) {
      setMessage('请写明拒绝原因，申请人会看到')
      return
    }
    await run(() => rejectApplication(app.id, reason.trim()), '已拒绝')
  }

  return (
    <View className='lc-card' role='group' aria-label={`${app.name}的申请`}>
      <View className='lc-card__head'>
        <Text className='lc-card__title'>
          {app.name} · {app.community}
        </Text>
      </View>
      <Text className='lc-muted'>
        微信昵称 {app.nickname} · 手机 {maskPhone(app.phone)} · {formatShanghai(app.createdAt)} 提交
      </Text>
      <View className='admin__point'>
        <Text className='admin__point-name'>自提点：{app.pickupPoint.name}</Text>
        <Text className='lc-muted'>
          {app.pickupPoint.address} · {app.pickupPoint.hours} · {app.pickupPoint.contact}
        </Text>
      </View>
      {app.status === 'approved' && <Text className='lc-notice lc-notice--ok'>已通过 · 佣金 {(app.commissionBps ?? 0) / 100}%</Text>}
      {app.status === 'rejected' && <Text className='lc-notice lc-notice--bad'>已拒绝：{app.rejectReason}</Text>}
      {app.status === 'pending' && !rejecting && (
        <View className='admin__actions'>
          <View className='admin__rate'>
            <Text>佣金</Text>
            <Input className='lc-input admin__rate-input' aria-label='佣金比例' type='digit' value={rate} onInput={(e) => setRate(e.detail.value)} />
            <Text>%</Text>
          </View>
          <View className='lc-row'>
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => setRejecting(true)}>
              拒绝
            </Button>
            <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void approve()}>
              通过
            </Button>
          </View>
        </View>
      )}
      {app.status === 'pending' && rejecting && (
        <View className='admin__actions'>
          <Input className='lc-input' aria-label='拒绝原因' placeholder='拒绝原因（申请人会看到）' value={reason} onInput={(e) => setReason(e.detail.value)} />
          <View className='lc-row admin__reject-row'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setRejecting(false)}>
              返回
            </Button>
            <Button role='button' className='lc-btn lc-btn--danger' disabled={busy || undefined} onClick={() => void reject()}>
              确认拒绝
            </Button>
          </View>
        </View>
      )}
      {message && (
        <View className='lc-field__error' role='alert'>
          {message}
        </View>
      )}
    </View>
  )
}

export default function AdminPage() {
  const [status, setStatus] = useState<LeaderApplicationStatus>('pending')
  const list = useRemote(() => listApplications(status), [status])
  return (
    <View className='lc-page'>
      <View className='admin__tabs'>
        <Segmented label='申请状态' options={TABS} value={status} onChange={setStatus} />
      </View>
      {list.error && !list.data && <ErrorState message={list.error.message} onRetry={() => void list.reload()} />}
      {!list.data && !list.error && <LoadingCards count={2} />}
      {list.data?.applications.length === 0 && <EmptyState title='没有申请' description={status === 'pending' ? '新的申请会出现在这里' : undefined} />}
      {list.data?.applications.map((app) => <ApplicationCard key={app.id} app={app} onDone={() => void list.reload()} />)}
    </View>
  )
}
