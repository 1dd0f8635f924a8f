import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BASKET_PATH } from '@/api/basket'
import { t, useT } from '@/i18n'
import { useBasket } from '@/stores/basket'
import './basket-entry.scss'

/** the basket's entry with its count, wherever the shopper may want to reach it. */
export function BasketBadge({ className = '' }: { className?: string }) {
  useT()
  const n = useBasket((s) => s.items.length)
  return (
    <View
      className={`basket-badge ${className}`}
      role='link'
      aria-label={t('basket.entryLabel', { n })}
      onClick={() => void Taro.navigateTo({ url: BASKET_PATH })}
    >
      <Text>{t('title.basket')}</Text>
      {n > 0 && <Text className='basket-badge__count'>{n}</Text>}
    </View>
  )
}

/** on a deal that can be joined, "add to basket" beside the basket's entry. */
export function AddToBasket({ dealId }: { dealId: string }) {
  useT()
  const add = useBasket((s) => s.add)
  const inBasket = useBasket((s) => s.items.some((i) => i.dealId === dealId))
  return (
    <View className='basket-row'>
      <Button
        role='button'
        className='basket-row__add'
        onClick={() => {
          if (inBasket || add(dealId)) void Taro.showToast({ title: t('basket.added'), icon: 'none' })
        }}
      >
        {inBasket ? t('basket.added') : t('basket.add')}
      </Button>
      <BasketBadge />
    </View>
  )
}
