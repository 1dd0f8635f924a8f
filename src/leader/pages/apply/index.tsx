import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ApiError } from '@/api'
import { applyToLead } from '@/api/leader'
import { TextField } from '../../components/form'
import { checkPoint, emptyPoint, PointFields, type PointDraft, type PointErrors } from '../../components/point-form'
import '../../components/console.scss'

interface Errors {
  name?: string
  community?: string
  phone?: string
}

export default function ApplyPage() {
  const [name, setName] = useState('')
  const [community, setCommunity] = useState('')
  const [phone, setPhone] = useState('')
  const [point, setPoint] = useState<PointDraft>(emptyPoint())
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')

  const errors: Errors = {}
  if (!name.trim()) errors.name = '请填写姓名'
  if (!community.trim()) errors.community = '请填写所在小区'
  if (!/^1\d{10}$/.test(phone.trim())) errors.phone = '请填写 11 位手机号'
  const pointCheck = checkPoint({ ...point, contact: point.contact || phone })
  const shown: Errors = tried ? errors : {}
  const pointErrors: PointErrors = tried ? pointCheck.errors : {}

  const submit = async () => {
    setTried(true)
    setMessage('')
    if (Object.keys(errors).length || !pointCheck.input) return
    setBusy(true)
    try {
      await applyToLead({ name: name.trim(), community: community.trim(), phone: phone.trim(), pickupPoint: pointCheck.input })
      await Taro.showToast({ title: '申请已提交', icon: 'success' })
      setTimeout(() => void Taro.navigateBack(), 800)
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : '提交失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>关于你</Text>
        <TextField label='姓名' value={name} onChange={setName} placeholder='真实姓名' error={shown.name} maxlength={20} />
        <TextField label='所在小区' value={community} onChange={setCommunity} placeholder='如：幸福里小区' error={shown.community} maxlength={40} />
        <TextField label='手机号' type='number' value={phone} onChange={setPhone} placeholder='审核结果会通知你' error={shown.phone} maxlength={11} />
      </View>
      <View className='lc-card'>
        <Text className='lc-card__title'>第一个自提点</Text>
        <Text className='lc-muted'>邻居来这里提货，审核通过后自动创建</Text>
        <PointFields value={point} onChange={setPoint} errors={pointErrors} />
      </View>
      {message && (
        <View className='lc-notice lc-notice--bad' role='alert'>
          {message}
        </View>
      )}
      <View className='lc-bar'>
        <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} loading={busy || undefined} onClick={() => void submit()}>
          提交申请
        </Button>
      </View>
    </View>
  )
}
