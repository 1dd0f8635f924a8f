import { useEffect, useState } from 'react'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ApiError, assetUrl, getOrder } from '@/api'
import { createAfterSales, getOrderAfterSales, uploadAfterSalesPhoto } from '@/api/after-sales'
import { disabledWhen } from '@/components/button-state'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { QuantityStepper } from '@/components/quantity-stepper'
import { AFTER_SALES_MAX_PHOTOS, formatFen, fullRefundFen } from '@/domain'
import { useRemote } from '@/hooks/use-remote'
import { dateTimeLabel } from '@/i18n'
import { t, useT, type MessageKey, usePageTitle } from '@/i18n/shopper'
import { AfterSalesReason } from '../../../../types/api'
import { compressPhoto } from '../../lib/compress-photo'
import { AFTER_SALES_KINDS, askSubscriptionConsent, useSubscriptions } from '@/stores/subscriptions'
import './index.scss'

const REASONS = Object.values(AfterSalesReason)

/**
 * 申请售后 (refund only): how many units went wrong, why, a note and up to six photos (compressed on
 * the phone, uploaded one by one); the estimate is the domain's full refund for those units.
 */
export default function AfterSalesFormPage() {
  usePageTitle('title.afterSales')
  useT()
  const orderId = useRouter().params.orderId ?? ''
  // the template ids must be at hand when the tap comes (WeChat only)
  useEffect(() => void useSubscriptions.getState().load(), [])
  const remote = useRemote(async () => {
    const [{ order }, offer] = await Promise.all([getOrder(orderId), getOrderAfterSales(orderId)])
    return { order, offer }
  }, [orderId])
  const [quantity, setQuantity] = useState(1)
  const [reason, setReason] = useState<AfterSalesReason | null>(null)
  const [note, setNote] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [uploading, setUploading] = useState(0)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  if (!remote.data && remote.loading) return <LoadingCards count={1} />
  if (!remote.data && remote.error) return <ErrorState message={remote.error.message} onRetry={() => void remote.reload()} />
  if (!remote.data) return null
  const { order, offer } = remote.data
  const max = offer.maxPhotos || AFTER_SALES_MAX_PHOTOS
  const estimate = fullRefundFen(order, quantity)

  const pick = async () => {
    setMessage('')
    let paths: string[]
    try {
      const res = await Taro.chooseImage({ count: max - photos.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = res.tempFilePaths
    } catch {
      return // closed without choosing
    }
    let urls = photos
    for (const path of paths.slice(0, max - photos.length)) {
      setUploading((n) => n + 1)
      try {
        const { url } = await uploadAfterSalesPhoto(await compressPhoto(path))
        urls = [...urls, url]
        setPhotos(urls)
      } catch {
        setMessage(t('afterSales.form.photoFailed'))
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  const submit = async () => {
    if (!reason) {
      setMessage(t('afterSales.form.pickReason'))
      return
    }
    // first, inside the tap: WeChat asks whether to send the leader's answer as a message
    askSubscriptionConsent(order.dealId, AFTER_SALES_KINDS)
    setBusy(true)
    setMessage('')
    try {
      await createAfterSales(orderId, { quantity, reason, note: note.trim(), photos })
      void Taro.showToast({ title: t('afterSales.form.submitted'), icon: 'none' })
      await Taro.navigateBack().catch(() => Taro.redirectTo({ url: `/shopper/pages/order/index?id=${encodeURIComponent(orderId)}` }))
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : t('order.actionFailed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='as-form'>
      <View className='as-form__card'>
        <Text className='as-form__title'>{order.dealTitle}</Text>
        <Text className='as-form__muted'>{t('afterSales.form.kind')}</Text>
        {offer.windowEndsAt && <Text className='as-form__muted'>{t('afterSales.form.window', { time: dateTimeLabel(offer.windowEndsAt) })}</Text>}
      </View>

      <View className='as-form__card'>
        <View className='as-form__row'>
          <View className='as-form__label'>
            <Text>{t('afterSales.form.quantity')}</Text>
            <Text className='as-form__muted'>{t('afterSales.form.bought', { n: order.quantity })}</Text>
          </View>
          <QuantityStepper value={quantity} min={1} max={order.quantity} onChange={setQuantity} />
        </View>
      </View>

      <View className='as-form__card'>
        <Text className='as-form__section'>{t('afterSales.form.reason')}</Text>
        <View className='as-form__reasons' role='radiogroup' aria-label={t('afterSales.form.reason')}>
          {REASONS.map((r) => (
            <View
              key={r}
              role='radio'
              aria-checked={reason === r}
              className={`as-form__reason ${reason === r ? 'as-form__reason--on' : ''}`}
              onClick={() => setReason(r)}
            >
              {t(`afterSales.reason.${r}` as MessageKey)}
            </View>
          ))}
        </View>
      </View>

      <View className='as-form__card'>
        <Text className='as-form__section'>{t('afterSales.form.note')}</Text>
        <Textarea
          className='as-form__note'
          aria-label={t('afterSales.form.note')}
          value={note}
          maxlength={500}
          placeholder={t('afterSales.form.notePlaceholder')}
          onInput={(e) => setNote(e.detail.value)}
        />
        <Text className='as-form__section'>{t('afterSales.form.photos', { n: photos.length, max })}</Text>
        <View className='as-form__photos'>
          {photos.map((url, i) => (
            <View key={url} className='as-form__photo'>
              <Image className='as-form__img' src={assetUrl(url)} mode='aspectFill' />
              <View
                className='as-form__remove'
                role='button'
                aria-label={t('afterSales.form.removePhoto', { n: i + 1 })}
                onClick={() => setPhotos(photos.filter((u) => u !== url))}
              >
                ×
              </View>
            </View>
          ))}
          {uploading > 0 && (
            <View className='as-form__photo as-form__photo--busy'>
              <Text>{t('afterSales.form.uploading')}</Text>
            </View>
          )}
          {photos.length + uploading < max && (
            <View className='as-form__photo as-form__add' role='button' aria-label={t('afterSales.form.addPhoto')} onClick={() => void pick()}>
              <Text className='as-form__plus'>＋</Text>
              <Text className='as-form__muted'>{t('afterSales.form.addPhoto')}</Text>
            </View>
          )}
        </View>
      </View>

      <View className='as-form__foot'>
        <Text className='as-form__estimate' role='status'>
          {t('afterSales.form.estimate', { amount: formatFen(estimate) })}
        </Text>
        {message && (
          <Text className='as-form__error' role='alert'>
            {message}
          </Text>
        )}
        <Button role='button' className='as-form__submit' disabled={disabledWhen(busy || uploading > 0)} onClick={() => void submit()}>
          {busy ? t('afterSales.form.submitting') : t('afterSales.form.submit')}
        </Button>
      </View>
    </View>
  )
}
