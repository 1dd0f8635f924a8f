import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { dialNumber } from '@/domain'
import { useT } from '@/i18n'
import './phone-link.scss'

interface Props {
  contact: string
  className?: string
}

/**
 * a contact as written; a phone number is a link that dials it (Taro.makePhoneCall: WeChat's
 * own sheet, a browser's tel:). A tap on it does not also choose the row it sits in.
 */
export function PhoneLink({ contact, className = '' }: Props) {
  const t = useT()
  const number = dialNumber(contact)
  if (!number) return <Text className={className}>{contact}</Text>
  return (
    <Text
      className={`phone-link ${className}`}
      role='link'
      aria-label={t('phone.call', { number: contact })}
      onClick={(e) => {
        e.stopPropagation()
        void Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)
      }}
    >
      {contact}
    </Text>
  )
}
