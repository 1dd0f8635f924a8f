import { Text, View } from '@tarojs/components'
import { useT } from '@/i18n'
import './quantity-stepper.scss'

interface Props {
  value: number
  min: number
  max: number
  onChange: (value: number) => void
}

/** − 2 +, with 44px tap targets; the ends are greyed out rather than hidden. */
export function QuantityStepper({ value, min, max, onChange }: Props) {
  const t = useT()
  const canLess = value > min
  const canMore = value < max
  return (
    <View className='stepper'>
      <View
        role='button'
        aria-label={t('join.less')}
        aria-disabled={!canLess}
        className={`stepper__button ${canLess ? '' : 'stepper__button--off'}`}
        onClick={() => canLess && onChange(value - 1)}
      >
        −
      </View>
      <Text className='stepper__value' aria-label={t('join.quantity')}>
        {value}
      </Text>
      <View
        role='button'
        aria-label={t('join.more')}
        aria-disabled={!canMore}
        className={`stepper__button ${canMore ? '' : 'stepper__button--off'}`}
        onClick={() => canMore && onChange(value + 1)}
      >
        +
      </View>
    </View>
  )
}
