import { Button, Text, View } from '@tarojs/components'
import { useT } from '@/i18n'
import './sign-in-prompt.scss'

/** Shown in place of personal pages until the shopper signs in. */
export function SignInPrompt({ text, onSignIn }: { text: string; onSignIn: () => void }) {
  const t = useT()
  return (
    <View className='sign-in-prompt'>
      <Text className='sign-in-prompt__text'>{text}</Text>
      <Button role='button' className='sign-in-prompt__button' onClick={onSignIn}>
        {t('common.signIn')}
      </Button>
    </View>
  )
}
