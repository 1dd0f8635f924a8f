import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { lookupPickup, verifyPickup, type VerifiedPickup } from '@/api/leader'
import { formatShanghai } from '@/domain'
import '../../components/console.scss'
import './index.scss'

type Step =
  | { kind: 'check'; code: string; order: VerifiedPickup }
  | { kind: 'done'; order: VerifiedPickup }
  | { kind: 'used'; message: string }
  | { kind: 'refused'; message: string }

const CAN_SCAN = process.env.TARO_ENV === 'weapp'

function refusal(e: unknown): Step {
  const error = e instanceof ApiError ? e : new ApiError('UNKNOWN', '核销失败，请重试')
  if (error.code === 'CODE_ALREADY_USED') return { kind: 'used', message: error.message }
  if (error.code === 'NOT_FOUND') return { kind: 'refused', message: '提货码不对，请让邻居再核对一下' }
  return { kind: 'refused', message: error.message }
}

function OrderLines({ order }: { order: VerifiedPickup }) {
  return (
    <>
      <View className='verify__item'>
        <Text className='verify__product'>
          {order.product.name} {order.product.spec}
        </Text>
        <Text className='verify__qty'>× {order.quantity}</Text>
      </View>
      <Text className='lc-muted'>
        {order.dealTitle} · {order.pickupPoint.name}
        {order.pickedUpAt ? ` · ${formatShanghai(order.pickedUpAt, 'HH:mm')} 核销` : ''}
      </Text>
    </>
  )
}

/**
 * Hand goods out: type the shopper's six digits (or scan their QR in WeChat), check whose order it
 * is and what to give, then confirm. A used code, a wrong code and the server's lock-out after too
 * many wrong codes each say so in words.
 */
export default function VerifyPage() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [step, setStep] = useState<Step | null>(null)

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
            if (step?.kind !== 'done') setStep(null)
          }}
          onConfirm={() => ready && !busy && void lookup(code)}
        />
        <Button role='button' className='lc-btn lc-btn--primary' disabled={!ready || busy || undefined} onClick={() => void lookup(code)}>
          查看订单
        </Button>
        {CAN_SCAN && (
          <Button role='button' className='lc-btn verify__scan' disabled={busy || undefined} onClick={() => void scan()}>
            扫邻居的提货二维码
          </Button>
        )}
      </View>

      {step?.kind === 'check' && (
        <View className='verify__result verify__result--check' role='region' aria-label='核对订单'>
          <Text className='verify__give'>{step.order.shopper} 的订单</Text>
          <OrderLines order={step.order} />
          <View className='lc-row verify__actions'>
            <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => setStep(null)}>
              不是这个
            </Button>
            <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} onClick={() => void confirm(step.code)}>
              确认交货
            </Button>
          </View>
        </View>
      )}
      {step?.kind === 'done' && (
        <View className='verify__result verify__result--ok' role='status'>
          <Text className='verify__mark'>✓ 已核销</Text>
          <Text className='verify__give'>请交给 {step.order.shopper}</Text>
          <OrderLines order={step.order} />
        </View>
      )}
      {step?.kind === 'used' && (
        <View className='verify__result verify__result--used' role='alert'>
          <Text className='verify__mark'>已核销过</Text>
          <Text className='verify__message'>{step.message}</Text>
        </View>
      )}
      {step?.kind === 'refused' && (
        <View className='verify__result verify__result--bad' role='alert'>
          <Text className='verify__message'>{step.message}</Text>
        </View>
      )}
    </View>
  )
}
