import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ApiError } from '@/api'
import { acceptStaffInvite, getStaffInvite, inviteStaff, listMyPoints, listStaff, removeStaff, type StaffInviteResponse } from '@/api/leader'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { formatShanghai } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { showModal } from '@/i18n'
import { lt, useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { shareLink } from '@/platform'
import { go, useLeader } from '../../lib/use-leader'
import '../../components/console.scss'
import './index.scss'

const failed = (e: unknown) => (e instanceof ApiError ? e.message : lt('verify.failed'))

/** The invitee's side: who invites them to which point; accepting makes them staff there. */
function AcceptInvite({ code }: { code: string }) {
  const t = useLeaderT()
  const { token } = useLeader()
  const { signIn, sheet } = useSignIn()
  const [done, setDone] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const invite = useRemote(async () => (token ? (await getStaffInvite(code)).invite : null), [code, token])

  if (!token) {
    return (
      <View className='lc-page'>
        <SignInPrompt text={t('staff.accept.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  if (!invite.data && invite.loading) return <LoadingCards count={1} />
  if (!invite.data) return <ErrorState message={invite.error?.message ?? t('verify.failed')} onRetry={() => void invite.reload()} />
  const i = invite.data

  const accept = async () => {
    setRefusal(null)
    try {
      const { pickupPoint } = await acceptStaffInvite(code)
      setDone(pickupPoint.name)
    } catch (e) {
      setRefusal(failed(e))
    }
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('staff.accept.title')}</Text>
        <Text className='staff__body'>{t('staff.accept.body', { leader: i.leader, point: i.pickupPoint.name })}</Text>
        <Text className='lc-muted'>{i.pickupPoint.address}</Text>
        {done ? (
          <>
            <Text className='lc-notice lc-notice--ok' role='status'>
              {t('staff.accept.done', { point: done })}
            </Text>
            <Button role='button' className='lc-btn lc-btn--primary' onClick={() => Taro.redirectTo({ url: go('verify') })}>
              {t('staff.accept.goVerify')}
            </Button>
          </>
        ) : (
          <Button role='button' className='lc-btn lc-btn--primary' onClick={() => void accept()}>
            {t('staff.accept.button')}
          </Button>
        )}
        {refusal && (
          <Text className='lc-notice' role='alert'>
            {refusal}
          </Text>
        )}
      </View>
    </View>
  )
}

/** The leader's side: invite a helper to one of her points, see her staff, remove one at once. */
function ManageStaff() {
  const t = useLeaderT()
  const points = useRemote(async () => (await listMyPoints()).pickupPoints, [])
  const staff = useRemote(async () => (await listStaff()).staff, [])
  const [pointId, setPointId] = useState<string | null>(null)
  const [made, setMade] = useState<StaffInviteResponse | null>(null)
  const [busy, setBusy] = useState(false)

  if (!points.data && points.loading) return <LoadingCards count={2} />
  if (!points.data) return <ErrorState message={points.error?.message ?? t('verify.failed')} onRetry={() => void points.reload()} />
  const chosen = pointId ?? points.data[0]?.id ?? null

  const invite = async () => {
    if (!chosen) return
    setBusy(true)
    try {
      setMade(await inviteStaff(chosen))
    } catch (e) {
      void Taro.showToast({ title: failed(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const copy = async (m: StaffInviteResponse) => {
    if ((await shareLink(t('staff.invite'), `/${m.path}`)) === 'copied') void Taro.showToast({ title: t('staff.copied'), icon: 'none' })
  }

  const remove = async (grantId: string, name: string) => {
    const { confirm } = await showModal({ title: t('staff.remove'), content: t('staff.removeConfirm', { name }) })
    if (!confirm) return
    try {
      await removeStaff(grantId)
      void Taro.showToast({ title: t('staff.removed'), icon: 'none' })
      await staff.reload()
    } catch (e) {
      void Taro.showToast({ title: failed(e), icon: 'none' })
    }
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('staff.invite')}</Text>
        <Text className='lc-muted'>{t('staff.inviteHint')}</Text>
        {points.data.length === 0 ? (
          <Text className='lc-muted'>{t('staff.noPoints')}</Text>
        ) : (
          <>
            <View className='lc-segmented' role='radiogroup' aria-label={t('staff.point')}>
              {points.data.map((p) => (
                <View
                  key={p.id}
                  role='radio'
                  aria-checked={p.id === chosen}
                  className={`lc-segmented__item ${p.id === chosen ? 'lc-segmented__item--on' : ''}`}
                  onClick={() => {
                    setPointId(p.id)
                    setMade(null)
                  }}
                >
                  {p.name}
                </View>
              ))}
            </View>
            <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void invite()}>
              {t('staff.makeInvite')}
            </Button>
          </>
        )}
        {made && (
          <View className='staff__invite' role='region' aria-label={t('staff.invite')}>
            <Text className='staff__body'>{t('staff.inviteMade', { time: formatShanghai(made.expiresAt, 'MM-DD HH:mm') })}</Text>
            <Text className='staff__link' selectable>
              /{made.path}
            </Text>
            <Button role='button' className='lc-btn' onClick={() => void copy(made)}>
              {t('staff.copy')}
            </Button>
          </View>
        )}
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('staff.list')}</Text>
        {staff.data?.length === 0 && <Text className='lc-muted'>{t('staff.none')}</Text>}
        {staff.data?.map((s) => (
          <View key={s.id} className='lc-list-item' role='listitem' aria-label={s.nickname}>
            <View className='lc-list-item__main'>
              <Text className='lc-list-item__title'>{s.nickname}</Text>
              <Text className='lc-list-item__sub'>{s.pickupPoint.name}</Text>
            </View>
            <Button role='button' className='lc-btn lc-btn--danger lc-btn--small staff__remove' onClick={() => void remove(s.id, s.nickname)}>
              {t('staff.remove')}
            </Button>
          </View>
        ))}
      </View>
    </View>
  )
}

/**
 * 核销员: a leader invites staff to one of her points and removes them at once; the invite link
 * (`?invite=CODE`) opens this same page for the invitee to accept.
 */
export default function StaffPage() {
  useLeaderTitle('title.staff')
  const code = useRouter().params.invite
  return code ? <AcceptInvite code={code} /> : <ManageStaff />
}
