import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { lookupPickup, verifyPickup, type VerifiedPickup } from '@/api/leader'
import { formatShanghai } from '@/domain'
import { lt, useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { canScan } from '../../lib/platform'
import { useSession } from '@/stores/session'
import { StaffArrivals } from './staff-arrivals'
import { UnclaimedOrders } from './unclaimed'
import '../../components/console.scss'
import './index.scss'

type Step =
  | { kind: 'check'; code: string; order: VerifiedPickup }
  | { kind: 'done'; order: VerifiedPickup }
  | { kind: 'used'; message: string }
  | { kind: 'refused'; message: string }

function refusal(e: unknown): Step {
  if (!(e instanceof ApiError)) return { kind: 'refused', message: lt('verify.failed') }
  if (e.code === 'CODE_ALREADY_USED') return { kind: 'used', message: e.message }
  // a code that is nobody's order here: the server's NOT_FOUND, said as what it means at this counter
  if (e.code === 'NOT_FOUND') return { kind: 'refused', message: lt('verify.wrongCode') }
  return { kind: 'refused', message: e.message }
}

function OrderLines({ order }: { order: VerifiedPickup }) {
  const t = useLeaderT()
  return (
    <>
      <View className='verify__item'>
        <Text className='verify__product'>
          {order.product.name} {order.product.spec}
        </Text>
        <Text className='verify__qty'>× {order.quantity}</Text>
      </View>
      {order.collectedBy === 'delegate' && <Text className='verify__delegate'>{t('verify.delegate')}</Text>}
      <Text className='lc-muted'>
        {order.dealTitle} · {order.pickupPoint.name}
        {order.pickedUpAt ? t('verify.pickedUpAt', { time: formatShanghai(order.pickedUpAt, 'HH:mm') }) : ''}
      </Text>
    </>
  )
}

/**
 * Hand goods out: type the shopper's six digits (or scan their QR in WeChat), check whose order it
 * is and what to give, then confirm. A used code, a wrong code and the server's lock-out after too
 * many wrong codes each say so in words. Pickup staff (核销员) use this same page at their points
 * (the server decides where each may verify); a neighbour's delegated code says so. The leader
 * also finds her unclaimed orders here.
 */
export default function VerifyPage() {
  const t = useLeaderT()
  useLeaderTitle('title.verify')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [step, setStep] = useState<Step | null>(null)
  // staff are not leaders: the unclaimed orders (and their refunds) stay the leader's
  const isLeader = useSession((s) => s.user?.roles.includes('leader') ?? false)

  const lookup = async (value: string) => {
    setBusy(true)
    setStep(null)
    try {
      const { order } = await lookupPickup(value)
      setStep({ kind: 'check', code: value, order })
    } catch (e) {
      setStep(refusal(e))
    } finally {
      setBusy(false)
    }
  }

  const confirm = async (value: string) => {
    setBusy(true)
    try {
      const { order } = await verifyPickup(value)
      setStep({ kind: 'done', order })
      setCode('')
    } catch (e) {
      setStep(refusal(e))
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      if (result) await lookup(result)
    } catch {
      // closed the camera
    }
  }

  const ready = /^\d{6}$/.test(code)

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('verify.enter')}</Text>
        <Text className='lc-muted'>{t('verify.enterHint')}</Text>
        <Input
          className='verify__code'
          aria-label={t('verify.code')}
          type='number'
          maxlength={6}
          value={code}
          placeholder={t('verify.codePlaceholder')}
          focus
          onInput={(e) => {
            setCode(e.detail.value.replace(/\D/g, '').slice(0, 6))
            if (step?.kind !== 'done') setStep(null)
          }}
          onConfirm={() => ready && !busy && void lookup(code)}
        />
        <Button role='button' className='lc-btn lc-btn--primary' disabled={!ready || busy || undefined} onClick={() => void lookup(code)}>
          {t('verify.lookup')}
        </Button>
        {canScan && (
          <Button role='button' className='lc-btn verify__scan' disabled={busy || undefined} onClick={() => void scan()}>
            {t('verify.scan')}
          </Button>
        )}
      </View>

      {step?.kind === 'check' && (
        <View className='verify__result verify__result--check' role='region' aria-label={t('verify.check')}>
          <Text className='verify__give'>{t('verify.orderOf', { name: step.order.shopper })}</Text>
          <OrderLines order={step.order} />
          <View className='lc-row verify__actions'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setStep(null)}>
              {t('verify.notThis')}
            </Button>
            <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void confirm(step.code)}>
              {t('verify.confirm')}
            </Button>
          </View>
        </View>
      )}
      {step?.kind === 'done' && (
        <View className='verify__result verify__result--ok' role='status'>
          <Text className='verify__mark'>{t('verify.done')}</Text>
          <Text className='verify__give'>{t('verify.giveTo', { name: step.order.shopper })}</Text>
          <OrderLines order={step.order} />
        </View>
      )}
      {step?.kind === 'used' && (
        <View className='verify__result verify__result--used' role='alert'>
          <Text className='verify__mark'>{t('verify.used')}</Text>
          <Text className='verify__message'>{step.message}</Text>
        </View>
      )}
      {step?.kind === 'refused' && (
        <View className='verify__result verify__result--bad' role='alert'>
          <Text className='verify__message'>{step.message}</Text>
        </View>
      )}
      {/* after a hand-out the goods still to arrive are read again (that order no longer waits) */}
      {isLeader ? <UnclaimedOrders /> : <StaffArrivals key={step?.kind === 'done' ? step.order.id : 'counter'} />}
    </View>
  )
}
