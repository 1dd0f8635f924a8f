import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { listPeople, setUserCommission, suspendUser, unsuspendUser, type AdminPerson } from '@/api/admin'
import { EmptyState, RemoteState } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { showModal } from '@/i18n'
import { useAdminT } from '@/i18n/admin'
import { AdminShell } from '../../components/shell'
import { Badge, ExportButton, Notice, SearchBar, Segmented } from '../../components/ui'
import { bpsFromPercent, percentOf, when } from '../../lib/format'
import { useSubmit } from '../../lib/use-submit'

type Role = 'leader' | 'supplier'

function PersonCard({ person, onChanged }: { person: AdminPerson; onChanged: () => void }) {
  const t = useAdminT()
  const [editing, setEditing] = useState(false)
  const [rate, setRate] = useState(person.commissionBps === null ? '' : String(person.commissionBps / 100))
  const { busy, message, setMessage, run } = useSubmit()
  const name = person.supplier ? person.supplier.name : person.nickname
  const isLeader = person.roles.includes('leader')

  const toggle = async () => {
    const suspend = !person.suspendedAt
    const { confirm } = await showModal({
      title: t(suspend ? 'people.suspendTitle' : 'people.unsuspendTitle'),
      content: t(suspend ? 'people.suspendBody' : 'people.unsuspendBody', { name }),
    })
    if (!confirm) return
    const done = await run(
      () => (suspend ? suspendUser(person.id) : unsuspendUser(person.id)),
      t(suspend ? 'people.suspendedDone' : 'people.unsuspendedDone'),
    )
    if (done) onChanged()
  }
  const saveRate = async () => {
    const bps = bpsFromPercent(rate)
    if (bps === null) return setMessage(t('apps.badRate'))
    if (await run(() => setUserCommission(person.id, bps), t('people.rateSaved'))) {
      setEditing(false)
      onChanged()
    }
  }

  return (
    <View className='ac-card' role='group' aria-label={name}>
      <View className='ac-item__head'>
        <Text className='ac-item__title'>{name}</Text>
        {person.suspendedAt ? <Badge tone='bad'>{t('people.suspended')}</Badge> : <Badge tone='ok'>{t('people.active')}</Badge>}
      </View>
      {person.supplier && <Text className='ac-muted'>{person.nickname}</Text>}
      <Text className='ac-muted'>
        {[person.phone, t('people.stats', { points: person.points, deals: person.deals, open: person.openDeals })].filter(Boolean).join(' · ')}
      </Text>
      {person.suspendedAt && <Text className='ac-muted'>{t('people.suspendedAt', { time: when(person.suspendedAt) })}</Text>}
      {isLeader && (
        <View className='ac-item__box'>
          <Text>
            {person.commissionBps === null ? t('people.rateNone') : t('people.rate', { rate: percentOf(person.commissionBps).replace('%', '') })}
          </Text>
          {editing && (
            <View>
              <Text className='ac-muted'>{t('people.rateHint')}</Text>
              <View className='ac-row ac-item__actions'>
                <Input
                  className='ac-input ac-rate-input'
                  aria-label={t('people.rateLabel')}
                  type='digit'
                  value={rate}
                  onInput={(e) => setRate(e.detail.value)}
                />
                <Text>%</Text>
                <Button role='button' className='ac-btn ac-btn--small ac-btn--primary' disabled={busy || undefined} onClick={() => void saveRate()}>
                  {t('common.save')}
                </Button>
                <Button role='button' className='ac-btn ac-btn--small' onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
              </View>
            </View>
          )}
        </View>
      )}
      <View className='ac-row ac-item__actions'>
        {isLeader && !editing && (
          <Button role='button' className='ac-btn ac-btn--small' onClick={() => setEditing(true)}>
            {t('people.rateChange')}
          </Button>
        )}
        <Button
          role='button'
          className={`ac-btn ac-btn--small ${person.suspendedAt ? '' : 'ac-btn--danger'}`}
          disabled={busy || undefined}
          onClick={() => void toggle()}
        >
          {t(person.suspendedAt ? 'people.unsuspend' : 'people.suspend')}
        </Button>
      </View>
      <Notice message={message} />
    </View>
  )
}

export default function AdminPeoplePage() {
  const t = useAdminT()
  const [role, setRole] = useState<Role>('leader')
  const [q, setQ] = useState('')
  const list = useRemote(() => listPeople({ role, q: q || undefined }), [role, q])
  const people = list.data?.people ?? []
  return (
    <AdminShell
      section='people'
      title='title.people'
      actions={<ExportButton path='/admin/people' query={{ role, q: q || undefined }} name='people' />}
    >
      <View className='ac-toolbar'>
        <Segmented
          label={t('people.role')}
          options={[
            { value: 'leader' as Role, label: t('apps.kind.leader') },
            { value: 'supplier' as Role, label: t('apps.kind.supplier') },
          ]}
          value={role}
          onChange={setRole}
        />
        <SearchBar label={t('people.searchLabel')} placeholder={t('people.search')} onSearch={setQ} />
      </View>
      <RemoteState remote={list} count={2} />
      {list.data && people.length === 0 && <EmptyState title={t('people.none')} />}
      <View className='ac-cards'>
        {people.map((p) => (
          <PersonCard key={p.id} person={p} onChanged={() => void list.reload()} />
        ))}
      </View>
    </AdminShell>
  )
}
