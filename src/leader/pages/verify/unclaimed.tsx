import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { listUnclaimed, pickUpLate, refundNoShow, type UnclaimedOrder } from '@/api/leader'
import { formatFen } from '@/domain'
import { showModal } from '@/i18n'
import { lt, useLeaderT } from '@/i18n/leader'

const failed = (e: unknown) => (e instanceof ApiError ? e.message : lt('verify.failed'))

function UnclaimedRow({ order, onDone }: { order: UnclaimedOrder; onDone: () => Promise<void> }) {
  const t = useLeaderT()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)

  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true)
    try {
      await action()
      void Taro.showToast({ title: done, icon: 'success' })
      await onDone()
    } catch (e) {
      void Taro.showToast({ title: failed(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const refund = async () => {
    const amount = formatFen(order.refundableFen)
    const { confirm } = await showModal({ title: t('verify.unclaimed.refund', { amount }), content: t('verify.unclaimed.refundConfirm', { amount }) })
    if (confirm) await act(() => refundNoShow(order.id), t('verify.unclaimed.refundDone'))
  }

  return (
    <View className='lc-list-item unclaimed__item' role='listitem' aria-label={order.shopper}>
      <View className='lc-list-item__main'>
        <Text className='lc-list-item__title'>{order.dealTitle}</Text>
        <Text className='lc-list-item__sub'>
          {t('verify.unclaimed.line', {
            shopper: order.shopper,
            product: `${order.product.name} ${order.product.spec}`,
            qty: order.quantity,
            point: order.pickupPoint.name,
          })}
        </Text>
        <Input
          className='lc-input unclaimed__note'
          aria-label={t('verify.unclaimed.note')}
          value={note}
          maxlength={200}
          placeholder={t('verify.unclaimed.notePlaceholder')}
          onInput={(e) => setNote(e.detail.value)}
        />
        <View className='lc-row'>
          <Button
            role='button'
            className='lc-btn lc-btn--small'
            disabled={busy || note.trim() === '' || undefined}
            onClick={() => void act(() => pickUpLate(order.id, note.trim()), t('verify.unclaimed.lateDone'))}
          >
            {t('verify.unclaimed.late')}
          </Button>
          <Button role='button' className='lc-btn lc-btn--danger lc-btn--small' disabled={busy || undefined} onClick={() => void refund()}>
            {t('verify.unclaimed.refund', { amount: formatFen(order.refundableFen) })}
          </Button>
        </View>
      </View>
    </View>
  )
}

/**
 * 未提货: orders still at the leader's points after the grace period. Loaded when opened (the
 * counter's everyday work is the code above). Staff do not see this: refunds are the leader's.
 */
export function UnclaimedOrders() {
  const t = useLeaderT()
  const [orders, setOrders] = useState<UnclaimedOrder[] | null>(null)
  const [open, setOpen] = useState(false)

  const load = async () => {
    try {
      setOrders((await listUnclaimed()).orders)
    } catch (e) {
      void Taro.showToast({ title: failed(e), icon: 'none' })
    }
  }

  return (
    <View className='lc-card' role='region' aria-label={t('verify.unclaimed.title')}>
      <View className='lc-card__head'>
        <Text className='lc-card__title'>{t('verify.unclaimed.title')}</Text>
        {!open && (
          <Button
            role='button'
            className='lc-btn lc-btn--small'
            onClick={() => {
              setOpen(true)
              void load()
            }}
          >
            {t('verify.unclaimed.title')}
          </Button>
        )}
      </View>
      {open && <Text className='lc-muted'>{t('verify.unclaimed.hint')}</Text>}
      {open && orders?.length === 0 && <Text className='lc-muted'>{t('verify.unclaimed.none')}</Text>}
      {open && orders?.map((o) => <UnclaimedRow key={o.id} order={o} onDone={load} />)}
    </View>
  )
}
