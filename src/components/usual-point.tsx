import { Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { t, useT } from '@/i18n/shopper'
import { usePickupPoint } from '@/stores/pickup-point'
import './usual-point.scss'

/**
 * on a pickup point of the list, "make this my usual point" (the join sheet then picks it
 * first wherever the deal ships there), or a badge saying it already is.
 */
export function UsualPointButton({ pointId }: { pointId: string }) {
  useT()
  const usual = usePickupPoint((s) => s.pointId === pointId)
  if (usual) return <Text className='usual-point usual-point--on'>{t('points.isDefault')}</Text>
  const choose = () => {
    usePickupPoint.getState().remember(pointId)
    void Taro.showToast({ title: t('points.setDefaultDone'), icon: 'none' })
  }
  return (
    <Button role='button' className='usual-point' onClick={choose}>
      {t('points.setDefault')}
    </Button>
  )
}
