import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { verifyPickup, type VerifiedPickup } from '@/api/leader'
import { formatShanghai } from '@/domain'
import '../../components/console.scss'
import './index.scss'

type Outcome =
  | { kind: 'done'; order: VerifiedPickup }
  | { kind: 'used'; message: string }
  | { kind: 'refused'; message: string }

const CAN_SCAN = process.env.TARO_ENV === 'weapp'

/**
 * Hand goods out: type the shopper's six digits (or scan their QR in WeChat), confirm, and the
 * screen says plainly whom to give what. A used code, a wrong code and the server's lock-out after
 * too many wrong codes each say so in words.
 */
export default function VerifyPage() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const verify = async (value: string) => {
    setBusy(true)
    setOutcome(null)
    try {
      const { order } = await verifyPickup(value)
      setOutcome({ kind: 'done', order })
      setCode('')
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('UNKNOWN', '核销失败，请重试')
      if (error.code === 'CODE_ALREADY_USED') setOutcome({ kind: 'used', message: error.message })
      else if (error.code === 'NOT_FOUND') setOutcome({ kind: 'refused', message: '提货码不对，请让邻居再核对一下' })
      else setOutcome({ kind: 'refused', message: error.message })
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      if (result) await verify(result)
    } catch {
      // closed the camera
    }
  }

  const ready = /^\d{6}$/.test(code)

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>输入提货码</Text>
        <Text className='lc-muted'>让邻居打开「订单」里的 6 位提货码</Text>
        <Input
          className='verify__code'
          aria-label='提货码'
          type='number'
          maxlength={6}
          value={code}
          placeholder='6 位数字'
          focus
          onInput={(e) => {
            setCode(e.detail.value.replace(/\D/g, '').slice(0, 6))
            if (outcome?.kind !== 'done') setOutcome(null)
          }}
          onConfirm={() => ready && !busy && void verify(code)}
        />
        <Button role='button' className='lc-btn lc-btn--primary' disabled={!ready || busy || undefined} loading={busy || undefined} onClick={() => void verify(code)}>
          确认核销
        </Button>
        {CAN_SCAN && (
          <Button role='button' className='lc-btn verify__scan' disabled={busy || undefined} onClick={() => void scan()}>
            扫邻居的提货二维码
          </Button>
        )}
      </View>

      {outcome?.kind === 'done' && (
        <View className='verify__result verify__result--ok' role='status'>
          <Text className='verify__mark'>✓ 已核销</Text>
          <Text className='verify__give'>请交给 {outcome.order.shopper}</Text>
          <View className='verify__item'>
            <Text className='verify__product'>
              {outcome.order.product.name} {outcome.order.product.spec}
            </Text>
            <Text className='verify__qty'>× {outcome.order.quantity}</Text>
          </View>
          <Text className='lc-muted'>
            {outcome.order.dealTitle} · {outcome.order.pickupPoint.name}
            {outcome.order.pickedUpAt ? ` · ${formatShanghai(outcome.order.pickedUpAt, 'HH:mm')}` : ''}
          </Text>
        </View>
      )}
      {outcome?.kind === 'used' && (
        <View className='verify__result verify__result--used' role='alert'>
          <Text className='verify__mark'>已核销过</Text>
          <Text className='verify__message'>{outcome.message}</Text>
        </View>
      )}
      {outcome?.kind === 'refused' && (
        <View className='verify__result verify__result--bad' role='alert'>
          <Text className='verify__message'>{outcome.message}</Text>
        </View>
      )}
    </View>
  )
}
