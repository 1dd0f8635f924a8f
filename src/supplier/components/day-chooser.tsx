import { Picker, Text, View } from '@tarojs/components'
import { useSupplierT } from '@/i18n/supplier'
import { addDays, shanghaiToday } from '@/leader/lib/datetime'

interface Props {
  date: string
  onChange: (date: string) => void
  /** the server's now, for today's chips */
  now: number
}

/** Today / tomorrow / the day after, or any day on the phone's date wheel: the delivery day a page shows. */
export function DayChooser({ date, onChange, now }: Props) {
  const t = useSupplierT()
  const today = shanghaiToday(now)
  const chips = [
    { label: t('day.today'), value: today },
    { label: t('day.tomorrow'), value: addDays(today, 1) },
    { label: t('day.dayAfter'), value: addDays(today, 2) },
  ]
  return (
    <View className='lc-card sc-days sc-noprint'>
      <View className='lc-segmented'>
        {chips.map((c) => (
          <View
            key={c.label}
            role='radio'
            aria-checked={date === c.value}
            className={`lc-segmented__item ${date === c.value ? 'lc-segmented__item--on' : ''}`}
            onClick={() => onChange(c.value)}
          >
            {c.label}
          </View>
        ))}
      </View>
      <Picker mode='date' value={date} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='lc-picker sc-days__picker' aria-label={t('day.label')}>
          <Text>{date}</Text>
          <Text className='lc-chevron'>›</Text>
        </View>
      </Picker>
    </View>
  )
}
