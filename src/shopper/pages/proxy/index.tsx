import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ApiError } from '@/api'
import { acceptDelegation, getDelegation, type DelegationView } from '@/api/proxy'
import { disabledWhen } from '@/components/button-state'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { PickupQr } from '@/components/pickup-qr'
import { useSignIn } from '@/components/sign-in'
import { SignInPrompt } from '@/components/sign-in-prompt'
import { useRemote } from '@/hooks/use-remote'
import { windowLabel } from '@/i18n'
import { t, useT, usePageTitle } from '@/i18n/shopper'
import { useSession } from '@/stores/session'
import './index.scss'

/** "123456" -> "123 456": easier to read aloud at the counter. */
const spaced = (code: string) => code.replace(/(\d{3})(?=\d)/g, '$1 ')

/** What the link's state means to the neighbour holding it (null: it can be accepted, or it is theirs). */
function stateNote(d: DelegationView): string | null {
  if (d.status === 'revoked') return t('proxyPage.revoked')
  if (d.status === 'used' || d.orderStatus === 'picked_up') return t('proxyPage.done')
  if (d.status === 'accepted' && !d.mine) return t('proxyPage.taken')
  return null
}

/**
 * 代取, the neighbour's side: a link from a share card (or a copied H5 link) shows whose goods and
 * where; signed in, the neighbour accepts and gets a code and QR of their own, shown to them alone.
 */
export default function ProxyPage() {
  usePageTitle('title.proxy')
  useT()
  const token = useRouter().params.token ?? ''
  const session = useSession((s) => s.token)
  const { signIn, sheet } = useSignIn()
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string | null>(null)
  const remote = useRemote(async () => (session && token ? (await getDelegation(token)).delegation : null), [token, session])

  if (!token) return <ErrorState message={t('proxyPage.missing')} onRetry={() => Taro.reLaunch({ url: '/pages/home/index' })} />
  if (!session) {
    return (
      <View className='proxy'>
        <SignInPrompt text={t('proxyPage.signIn')} onSignIn={() => void signIn()} />
        {sheet}
      </View>
    )
  }
  const d = remote.data
  if (!d && remote.loading) return <LoadingCards count={1} />
  if (!d && remote.error) return <ErrorState message={remote.error.message} onRetry={() => void remote.reload()} />
  if (!d) return null

  const accept = async () => {
    setBusy(true)
    setRefusal(null)
    try {
      await acceptDelegation(token)
      await remote.reload()
    } catch (e) {
      setRefusal(e instanceof ApiError ? e.message : t('proxy.failed'))
    } finally {
      setBusy(false)
    }
  }

  const note = stateNote(d)
  const showCode = d.mine && d.pickupCode && d.status === 'accepted'

  return (
    <View className='proxy'>
      <View className='proxy__card'>
        <Text className='proxy__offer'>{t('proxyPage.offer', { owner: d.owner })}</Text>
        <Text className='proxy__product'>
          {d.product.name} {d.product.spec} × {d.quantity}
        </Text>
        <Text className='proxy__muted'>{d.dealTitle}</Text>
      </View>

      {showCode && (
        <View className='proxy__card proxy__code-card'>
          <Text className='proxy__muted'>{t('proxyPage.code')}</Text>
          <Text className='proxy__code' aria-label={`${t('proxyPage.code')} ${d.pickupCode}`}>
            {spaced(d.pickupCode!)}
          </Text>
          {d.pickupQr && <PickupQr className='proxy__qr' payload={d.pickupQr} />}
          <Text className='proxy__muted'>{t('proxyPage.codeHint')}</Text>
        </View>
      )}

      <View className='proxy__card'>
        <Text className='proxy__section'>{t('proxyPage.point')}</Text>
        <Text className='proxy__point'>{d.pickupPoint.name}</Text>
        <Text className='proxy__muted'>{d.pickupPoint.address}</Text>
        <Text className='proxy__muted'>{t('proxyPage.window', { window: windowLabel(d.pickupStart, d.pickupEnd) })}</Text>
      </View>

      {note && (
        <Text className='proxy__note' role='status'>
          {note}
        </Text>
      )}
      {refusal && (
        <Text className='proxy__note proxy__note--bad' role='alert'>
          {refusal}
        </Text>
      )}
      {d.status === 'open' && (
        <Button role='button' className='proxy__accept' disabled={disabledWhen(busy)} onClick={() => void accept()}>
          {t('proxyPage.accept')}
        </Button>
      )}
      {sheet}
    </View>
  )
}
