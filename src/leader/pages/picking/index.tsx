import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { getPickingList } from '@/api/leader'
import { EmptyState, ErrorState, LoadingCards } from '@/components/page-state'
import { useRemote } from '@/hooks/use-remote'
import { useServerNow } from '@/hooks/use-server-now'
import { addDays, shanghaiToday } from '../../lib/datetime'
import { ORDER_STATUS_TEXT } from '../../lib/deal-status'
import { pickingCsv } from '../../lib/picking-csv'
import { sharePickingImage } from '../../lib/picking-image'
import '../../components/console.scss'
import './index.scss'

/** H5: the browser saves the file; in WeChat the text goes to the clipboard to paste into a chat or sheet. */
function saveCsv(name: string, csv: string) {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = name
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
    return
  }
  void Taro.setClipboardData({ data: csv.replace(/^\uFEFF/, '') })
}

export default function PickingPage() {
  const now = useServerNow(60_000)
  const today = shanghaiToday(now)
  const [date, setDate] = useState(() => addDays(today, 1))
  const list = useRemote(() => getPickingList(date), [date])
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))

  const chips = [
    { label: '今天', value: today },
    { label: '明天', value: addDays(today, 1) },
    { label: '后天', value: addDays(today, 2) },
  ]
  const points = list.data?.pickupPoints ?? []

  return (
    <View className='lc-page'>
      <View className='lc-card picking__dates'>
        <View className='lc-segmented'>
          {chips.map((c) => (
            <View key={c.label} role='radio' aria-checked={date === c.value} className={`lc-segmented__item ${date === c.value ? 'lc-segmented__item--on' : ''}`} onClick={() => setDate(c.value)}>
              {c.label}
            </View>
          ))}
        </View>
        <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='lc-picker picking__date' aria-label='提货日期'>
            <Text>提货日期 {date}</Text>
            <Text className='lc-chevron'>›</Text>
          </View>
        </Picker>
      </View>

      {list.error && !list.data && <ErrorState message={list.error.message} onRetry={() => void list.reload()} />}
      {!list.data && !list.error && <LoadingCards count={2} />}
      {list.data && points.length === 0 && <EmptyState title='这天没有要分的货' description='成团后的订单会按提货日期出现在这里' />}

      {points.map((p) => (
        <View key={p.pickupPoint.id} className='lc-card' role='region' aria-label={p.pickupPoint.name}>
          <Text className='lc-card__title'>{p.pickupPoint.name}</Text>
          <Text className='lc-muted'>{p.pickupPoint.address}</Text>
          <View className='picking__totals'>
            {p.products.map((prod) => (
              <View key={prod.dealId} className='picking__total'>
                <View className='lc-list-item__main'>
                  <Text className='picking__product'>{prod.name}</Text>
                  <Text className='lc-muted'>
                    {prod.spec}
                    {prod.pickedUpQuantity ? ` · 已提${prod.pickedUpQuantity}` : ''}
                  </Text>
                </View>
                <Text className='picking__qty'>× {prod.quantity}</Text>
              </View>
            ))}
          </View>
          <Text className='picking__subhead'>顾客（{p.shoppers.length}）</Text>
          {p.shoppers.map((s) => (
            <View key={s.orderId} className='picking__shopper'>
              <Text className='picking__name'>{s.shopper}</Text>
              <Text className='picking__what'>
                {s.product} × {s.quantity}
              </Text>
              <Text className={`lc-badge ${s.status === 'picked_up' ? 'lc-badge--succeeded' : ''}`}>{ORDER_STATUS_TEXT[s.status] ?? s.status}</Text>
            </View>
          ))}
        </View>
      ))}

      {points.length > 0 && (
        <View className='lc-bar'>
          <Button
            role='button'
            className='lc-btn'
            onClick={() => list.data && void sharePickingImage(list.data).catch(() => Taro.showToast({ title: '图片生成失败', icon: 'none' }))}
          >
            {process.env.TARO_ENV === 'h5' ? '保存为图片' : '分享图片'}
          </Button>
          <Button role='button' className='lc-btn lc-btn--primary' onClick={() => list.data && saveCsv(`配货单-${date}.csv`, pickingCsv(list.data))}>
            {process.env.TARO_ENV === 'h5' ? '下载 CSV 表格' : '复制表格文本'}
          </Button>
        </View>
      )}
    </View>
  )
}
