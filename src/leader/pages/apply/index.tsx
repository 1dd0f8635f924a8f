import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { applyToLead } from '@/api/leader'
import { useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { FormNotice, TextField } from '../../components/form'
import { checkPoint, emptyPoint, PointFields, type PointDraft, type PointErrors } from '../../components/point-form'
import { useSubmit } from '../../lib/use-submit'
import '../../components/console.scss'

interface Errors {
  name?: string
  community?: string
  phone?: string
}

export default function ApplyPage() {
  const t = useLeaderT()
  useLeaderTitle('title.apply')
  const [name, setName] = useState('')
  const [community, setCommunity] = useState('')
  const [phone, setPhone] = useState('')
  const [point, setPoint] = useState<PointDraft>(emptyPoint())
  const [tried, setTried] = useState(false)
  const { busy, message, setMessage, run } = useSubmit()

  const errors: Errors = {}
  if (!name.trim()) errors.name = t('apply.needName')
  if (!community.trim()) errors.community = t('apply.needCommunity')
  if (!/^1\d{10}$/.test(phone.trim())) errors.phone = t('apply.needPhone')
  const pointCheck = checkPoint({ ...point, contact: point.contact || phone })
  const shown: Errors = tried ? errors : {}
  const pointErrors: PointErrors = tried ? pointCheck.errors : {}

  const submit = async () => {
    setTried(true)
    setMessage('')
    if (Object.keys(errors).length || !pointCheck.input) return
    const input = { name: name.trim(), community: community.trim(), phone: phone.trim(), pickupPoint: pointCheck.input }
    if (await run(() => applyToLead(input), { done: t('apply.submitted') })) setTimeout(() => void Taro.navigateBack(), 800)
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('apply.about')}</Text>
        <TextField
          label={t('apply.name')}
          value={name}
          onChange={setName}
          placeholder={t('apply.namePlaceholder')}
          error={shown.name}
          maxlength={20}
        />
        <TextField
          label={t('apply.community')}
          value={community}
          onChange={setCommunity}
          placeholder={t('apply.communityPlaceholder')}
          error={shown.community}
          maxlength={40}
        />
        <TextField
          label={t('apply.phone')}
          type='number'
          value={phone}
          onChange={setPhone}
          placeholder={t('apply.phonePlaceholder')}
          error={shown.phone}
          maxlength={11}
        />
      </View>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('apply.firstPoint')}</Text>
        <Text className='lc-muted'>{t('apply.firstPointNote')}</Text>
        <PointFields value={point} onChange={setPoint} errors={pointErrors} />
      </View>
      <FormNotice message={message} />
      <View className='lc-bar'>
        <Button
          role='button'
          className='lc-btn lc-btn--primary'
          disabled={busy || undefined}
          loading={busy || undefined}
          onClick={() => void submit()}
        >
          {t('apply.submit')}
        </Button>
      </View>
    </View>
  )
}
