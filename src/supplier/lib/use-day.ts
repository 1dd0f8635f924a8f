import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { useServerNow } from '@/hooks/use-server-now'
import type { SupplierDealSummary } from '../../../types/api'
import { addDays, shanghaiToday } from '@/leader/lib/datetime'

/** The delivery day a page shows: `?date=` when the home passed one, else tomorrow (deliveries follow the cutoff). */
export function useDeliveryDay() {
  const { params } = useRouter()
  const now = useServerNow(60_000)
  const given = params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : null
  const [date, setDate] = useState(() => given ?? addDays(shanghaiToday(now), 1))
  return { date, setDate, now }
}

/** The day the after-cutoff pages open on: the nearest delivery day from today on, else tomorrow. */
export function nextDeliveryDay(deals: SupplierDealSummary[], now: number): string {
  const today = shanghaiToday(now)
  const days = deals
    .filter((d) => d.status === 'open' || d.status === 'succeeded' || d.status === 'completed')
    .map((d) => d.deliveryDate)
    .filter((day) => day >= today)
    .sort()
  return days[0] ?? addDays(today, 1)
}
