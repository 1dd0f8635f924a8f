import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { applyToSupply, mySupplier } from '@/api/supplier'
import { lt } from '@/i18n/leader'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { FormNotice, TextField } from '@/leader/components/form'
import { picksOnMap } from '@/leader/lib/platform'
import { useSubmit } from '@/leader/lib/use-submit'
import { LocationField, spotFrom, type Spot } from '../../components/location-field'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'

interface Errors {
  name?: string
  contactName?: string
  phone?: string
  depotAddress?: string
  location?: string
}

export default function SupplierApplyPage() {
  const t = useSupplierT()
  useSupplierTitle('title.apply')
  const [name, setName] = useState('')
  const [contactName, setContactName] = useState('')
  const [phone, setPhone] = useState('')
  const [depotAddress, setDepotAddress] = useState('')
  const [spot, setSpot] = useState<Spot>({ lat: '', lng: '' })
  const [tried, setTried] = useState(false)
  const { busy, message, setMessage, run } = useSubmit()

  // applying again after a rejection starts from what was sent last time
  useEffect(() => {
    mySupplier()
      .then(({ supplier }) => {
        if (!supplier) return
        setName(supplier.name)
        setContactName(supplier.contactName)
        setPhone(supplier.phone)
        setDepotAddress(supplier.depotAddress)
        setSpot({ lat: String(supplier.depotLat), lng: String(supplier.depotLng) })
      })
      .catch(() => undefined)
  }, [])

  const place = spotFrom(spot)
  const errors: Errors = {}
  if (!name.trim()) errors.name = t('apply.needName')
  if (!contactName.trim()) errors.contactName = t('apply.needContact')
  if (!/^1\d{10}$/.test(phone.trim())) errors.phone = t('apply.needPhone')
  if (!depotAddress.trim()) errors.depotAddress = t('apply.needAddress')
  if (!place) errors.location = lt(picksOnMap ? 'point.needMapLocation' : 'point.needHereLocation')
  const shown: Errors = tried ? errors : {}

  const submit = async () => {
    setTried(true)
    setMessage('')
    if (Object.keys(errors).length || !place) return
    const input = {
      name: name.trim(),
      contactName: contactName.trim(),
      phone: phone.trim(),
      depotAddress: depotAddress.trim(),
      depotLat: place.lat,
      depotLng: place.lng,
    }
    if (await run(() => applyToSupply(input), { done: t('apply.submitted') })) setTimeout(() => void Taro.navigateBack(), 800)
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('apply.about')}</Text>
        <Text className='lc-muted sc-gap'>{t('apply.aboutNote')}</Text>
        <TextField
          label={t('apply.name')}
          value={name}
          onChange={setName}
          placeholder={t('apply.namePlaceholder')}
          error={shown.name}
          maxlength={30}
        />
        <TextField
          label={t('apply.contactName')}
          value={contactName}
          onChange={setContactName}
          placeholder={t('apply.contactNamePlaceholder')}
          error={shown.contactName}
          maxlength={20}
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
        <Text className='lc-card__title'>{t('apply.depot')}</Text>
        <Text className='lc-muted'>{t('apply.depotNote')}</Text>
        <TextField
          label={t('apply.depotAddress')}
          value={depotAddress}
          onChange={setDepotAddress}
          placeholder={t('apply.depotAddressPlaceholder')}
          error={shown.depotAddress}
          maxlength={100}
        />
        <LocationField
          label={lt('point.location')}
          value={spot}
          error={shown.location}
          onChange={(next, picked) => {
            setSpot(next)
            if (picked?.address && !depotAddress.trim()) setDepotAddress(picked.address)
          }}
        />
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
