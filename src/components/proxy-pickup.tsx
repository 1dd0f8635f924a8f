import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { ApiError } from '@/api'
import { createOrderDelegation, getOrderDelegation, revokeOrderDelegation, type OwnerDelegation } from '@/api/proxy'
import { disabledWhen } from '@/components/button-state'
import { canDelegate } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { showModal } from '@/i18n'
import { t, useT } from '@/i18n/shopper'
import { shareLink } from '@/platform'
import type { Order } from '../../types/api'
import './proxy-pickup.scss'

/**
 * 代取 on the owner's order page: make a link for a neighbour (a share card in WeChat, a link to
 * copy in a browser), see who accepted, and take it back until pickup. The owner's own code stays
 * on the page above and keeps working.
 */
export function ProxyPickup({ order }: { order: Pick<Order, 'id' | 'status' | 'dealTitle'> }) {
  useT()
  const offered = canDelegate(order.status)
  const [busy, setBusy] = useState(false)
  const { data, reload } = useRemote(async () => (offered ? (await getOrderDelegation(order.id)).delegation : null), [order.id, offered])
  const live = data && (data.status === 'open' || data.status === 'accepted') ? data : null
  const title = t('proxy.shareTitle', { deal: order.dealTitle })

  // the share card (WeChat) carries the link; the page config enables sharing
  useShareAppMessage(() => (live ? { title, path: `/${live.path}` } : { title, path: `/shopper/pages/order/index?id=${order.id}` }))

  if (!offered) return null

  const run = async (action: () => Promise<{ delegation: OwnerDelegation }>, after?: (d: OwnerDelegation) => Promise<void>) => {
    setBusy(true)
    try {
      const { delegation } = await action()
      await reload()
      if (after) await after(delegation)
    } catch (e) {
      void Taro.showToast({ title: e instanceof ApiError ? e.message : t('proxy.failed'), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const share = async (d: OwnerDelegation) => {
    if ((await shareLink(title, `/${d.path}`)) === 'copied') void Taro.showToast({ title: t('proxy.copied'), icon: 'none' })
  }

  const revoke = async () => {
    const { confirm } = await showModal({ title: t('proxy.revoke'), content: t('proxy.revokeConfirm') })
    if (confirm)
      await run(
        () => revokeOrderDelegation(order.id),
        async () => void Taro.showToast({ title: t('proxy.revoked'), icon: 'none' }),
      )
  }

  return (
    <View className='order__card proxy-pickup' role='region' aria-label={t('proxy.title')}>
      <Text className='order__section'>{t('proxy.title')}</Text>
      <Text className='proxy-pickup__hint'>{t('proxy.hint')}</Text>
      {live?.status === 'accepted' && live.delegate && (
        <Text className='proxy-pickup__state proxy-pickup__state--accepted' role='status'>
          {t('proxy.accepted', { name: live.delegate })}
        </Text>
      )}
      {live?.status === 'open' && (
        <Text className='proxy-pickup__state' role='status'>
          {t('proxy.waiting')}
        </Text>
      )}
      <View className='proxy-pickup__actions'>
        {live ? (
          <>
            {live.status === 'open' && (
              <Button role='button' className='proxy-pickup__share' openType='share' disabled={disabledWhen(busy)} onClick={() => void share(live)}>
                {t('proxy.share')}
              </Button>
            )}
            <Button role='button' className='proxy-pickup__revoke' disabled={disabledWhen(busy)} onClick={() => void revoke()}>
              {t('proxy.revoke')}
            </Button>
          </>
        ) : (
          <Button
            role='button'
            className='proxy-pickup__share'
            disabled={disabledWhen(busy)}
            onClick={() => void run(() => createOrderDelegation(order.id), share)}
          >
            {t('proxy.create')}
          </Button>
        )}
      </View>
    </View>
  )
}
