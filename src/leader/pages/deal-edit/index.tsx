import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import type { DealInput, PickupPoint } from '../../../../types/api'
import { createDeal, getMyDeal, imageSrc, listMyPoints, publishDeal, updateDeal } from '@/api/leader'
import { DealImage } from '@/components/deal-image'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { formatFen, nextTier } from '@/domain'
import { dateTimeLabel, t as shopperT, tierLabel, windowLabel } from '@/i18n'
import { useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { useServerNow } from '@/hooks/use-server-now'
import { useClock } from '@/stores/clock'
import { DealTermsFields } from '../../components/deal-terms-fields'
import { Field, FormNotice } from '../../components/form'
import { checkDealForm, dealFormFrom, emptyDealForm, type DealForm } from '../../lib/deal-form'
import { go } from '../../lib/use-leader'
import { useDealDraft } from '../../lib/use-deal-draft'
import { failureText } from '../../lib/use-submit'
import '../../components/console.scss'
import './index.scss'

/** What shoppers will see, drawn from the form before anything is published. */
function Preview({ input, points }: { input: DealInput; points: PickupPoint[] }) {
  const t = useLeaderT()
  const next = nextTier(input.tiers, 0)
  const chosen = points.filter((p) => input.pickupPointIds.includes(p.id))
  return (
    <View className='deal-edit__preview'>
      <DealImage
        className='deal-edit__preview-img'
        name={input.product.name}
        src={input.product.images?.[0] ? imageSrc(input.product.images[0]) : undefined}
      />
      <View className='deal-edit__preview-body'>
        <Text className='deal-edit__preview-title'>{input.title}</Text>
        <Text className='lc-muted'>{input.product.spec}</Text>
        <View className='deal-edit__preview-price'>
          <Text className='lc-price deal-edit__preview-now'>{formatFen(input.tiers[0].unitPriceFen)}</Text>
          <Text className='deal-edit__preview-list'>{formatFen(input.listPriceFen)}</Text>
        </View>
        <Text className='deal-edit__preview-next'>{tierLabel(input.tierBasis, next) ?? shopperT('tier.lowest')}</Text>
        <View className='deal-edit__preview-tiers'>
          {input.tiers.map((tier) => (
            <Text key={tier.threshold} className='deal-edit__preview-tier'>
              {shopperT(input.tierBasis === 'people' ? 'tier.atPeople' : 'tier.atUnits', { n: tier.threshold })} {formatFen(tier.unitPriceFen)}
            </Text>
          ))}
        </View>
        <Text className='lc-muted'>{t('edit.previewCutoff', { time: dateTimeLabel(input.cutoffAt) })}</Text>
        <Text className='lc-muted'>{t('edit.previewPickup', { window: windowLabel(input.pickupStart, input.pickupEnd) })}</Text>
        <Text className='lc-muted'>{t('edit.previewPoints', { names: chosen.map((p) => p.name).join(t('common.listSeparator')) })}</Text>
        {input.product.description && <Text className='deal-edit__preview-desc'>{input.product.description}</Text>}
      </View>
    </View>
  )
}

export default function DealEditPage() {
  const t = useLeaderT()
  const { params } = useRouter()
  useLeaderTitle(params.id ? 'title.dealDraft' : 'title.dealNew')
  const now = useServerNow(30_000)
  const [points, setPoints] = useState<PickupPoint[] | null>(null)
  const [form, setForm] = useState<DealForm | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const check = form ? checkDealForm(form, now) : null
  const { dealId, busy, errors, notice, ready, saveDraft, publish } = useDealDraft(params.id ? decodeURIComponent(params.id) : null, check, {
    create: createDeal,
    update: updateDeal,
    publish: publishDeal,
    publishBody: (input) => t('edit.publishBody', { time: dateTimeLabel(input.cutoffAt) }),
    dealUrl: (id) => go('deal', { id }),
  })

  const load = async () => {
    setLoadError(null)
    try {
      const [{ pickupPoints }, existing] = await Promise.all([listMyPoints(), dealId ? getMyDeal(dealId) : Promise.resolve(null)])
      setPoints(pickupPoints)
      if (existing) {
        if (existing.deal.status !== 'draft') {
          void Taro.redirectTo({ url: go('deal', { id: existing.deal.id }) })
          return
        }
        setForm(dealFormFrom(existing.deal))
      } else {
        // default times follow the server's clock, not the phone's
        setForm(
          emptyDealForm(
            Date.now() + useClock.getState().offsetMs,
            pickupPoints.map((p) => p.id),
          ),
        )
      }
    } catch (e) {
      setLoadError(failureText(e, 'common.loadFailed'))
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (loadError)
    return (
      <View className='lc-page'>
        <ErrorState message={loadError} onRetry={() => void load()} />
      </View>
    )
  if (!form || !points)
    return (
      <View className='lc-page'>
        <LoadingCards count={3} />
      </View>
    )

  const set = (patch: Partial<DealForm>) => setForm({ ...form, ...patch })

  const togglePoint = (id: string) =>
    set({
      pickupPointIds: form.pickupPointIds.includes(id) ? form.pickupPointIds.filter((p) => p !== id) : [...form.pickupPointIds, id],
    })

  return (
    <View className='lc-page'>
      <DealTermsFields form={form} errors={errors} set={set}>
        <Field label={t('edit.points')} error={errors.pickupPointIds}>
          {points.length === 0 && (
            <View className='lc-muted' role='link' onClick={() => Taro.navigateTo({ url: go('point') })}>
              {t('edit.noPoints')}
            </View>
          )}
          {points.map((p) => {
            const on = form.pickupPointIds.includes(p.id)
            return (
              <View
                key={p.id}
                className={`deal-edit__point ${on ? 'deal-edit__point--on' : ''}`}
                role='checkbox'
                aria-checked={on}
                aria-label={p.name}
                onClick={() => togglePoint(p.id)}
              >
                <Text className='deal-edit__check'>{on ? '✓' : ''}</Text>
                <View className='lc-list-item__main'>
                  <Text className='lc-list-item__title'>{p.name}</Text>
                  <Text className='lc-list-item__sub'>{p.address}</Text>
                </View>
              </View>
            )
          })}
        </Field>
      </DealTermsFields>

      <FormNotice message={notice} />

      <View className='lc-bar'>
        <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => void saveDraft()}>
          {t('edit.saveDraft')}
        </Button>
        <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => ready() && setPreviewing(true)}>
          {t('edit.preview')}
        </Button>
        <Button
          role='button'
          className='lc-btn lc-btn--primary'
          disabled={busy || undefined}
          loading={busy || undefined}
          onClick={() => void publish()}
        >
          {t('edit.publish')}
        </Button>
      </View>

      <Popup
        visible={previewing && !!check?.input}
        position='bottom'
        round
        closeable
        title={t('edit.previewTitle')}
        onClose={() => setPreviewing(false)}
      >
        {check?.input && <Preview input={check.input} points={points} />}
      </Popup>
    </View>
  )
}
