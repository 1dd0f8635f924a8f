import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import type { DealInput, PickupPoint } from '../../../../types/api'
import { createDeal, getMyDeal, imageSrc, listMyPoints, publishDeal, updateDeal } from '@/api/leader'
import { DealImage } from '@/components/deal-image'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { formatFen, nextTier, parseYuan } from '@/domain'
import { dateTimeLabel, showModal, t as shopperT, tierLabel, windowLabel } from '@/i18n'
import { unitWord, useLeaderT, useLeaderTitle } from '@/i18n/leader'
import { useServerNow } from '@/hooks/use-server-now'
import { useClock } from '@/stores/clock'
import { DateTimeField, Field, FormNotice, Segmented, TextAreaField, TextField } from '../../components/form'
import { PhotoPicker } from '../../components/photo-picker'
import { TierEditor } from '../../components/tier-editor'
import { checkDealForm, dealFormFrom, emptyDealForm, type DealForm } from '../../lib/deal-form'
import { go } from '../../lib/use-leader'
import { failureText, useSubmit } from '../../lib/use-submit'
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
  const [dealId, setDealId] = useState<string | null>(params.id ? decodeURIComponent(params.id) : null)
  const now = useServerNow(30_000)
  const [points, setPoints] = useState<PickupPoint[] | null>(null)
  const [form, setForm] = useState<DealForm | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [tried, setTried] = useState(false)
  const { busy, message, run } = useSubmit()
  const [previewing, setPreviewing] = useState(false)

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
  const check = checkDealForm(form, now)
  const errors = tried ? check.errors : {}
  const listPriceFen = parseYuan(form.listPrice)
  const unit = unitWord(form.basis)

  /** The form as it stands, or null after pointing at the red notes. */
  const ready = (): DealInput | null => {
    setTried(true)
    return check.input
  }
  // worked out from the form as it stands, so it goes the moment the last red note is fixed;
  // otherwise the last try's refusal from the server
  const notice = tried && !check.input ? t('edit.incomplete') : message

  /** Saves the form as a draft (creating it the first time); the deal's id. */
  const save = async (input: DealInput): Promise<string> => {
    const { deal } = dealId ? await updateDeal(dealId, input) : await createDeal(input)
    setDealId(deal.id)
    return deal.id
  }

  const saveDraft = async () => {
    const input = ready()
    if (input) await run(() => save(input), { done: t('edit.draftSaved') })
  }

  const publish = async () => {
    const input = ready()
    if (!input) return
    const { confirm } = await showModal({
      title: t('edit.publishTitle'),
      content: t('edit.publishBody', { time: dateTimeLabel(input.cutoffAt) }),
      confirmText: t('edit.publish'),
    })
    if (!confirm) return
    // saved first, so a refused publish leaves the draft saved with its id
    const published = await run(
      async () => {
        const id = await save(input)
        await publishDeal(id)
        return id
      },
      { done: t('edit.published') },
    )
    if (published) void Taro.redirectTo({ url: go('deal', { id: published.value }) })
  }

  const togglePoint = (id: string) =>
    set({
      pickupPointIds: form.pickupPointIds.includes(id) ? form.pickupPointIds.filter((p) => p !== id) : [...form.pickupPointIds, id],
    })

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{t('edit.product')}</Text>
        <TextField
          label={t('edit.name')}
          value={form.name}
          onChange={(name) => set({ name })}
          placeholder={t('edit.namePlaceholder')}
          error={errors.name}
          maxlength={40}
        />
        <TextField
          label={t('edit.spec')}
          value={form.spec}
          onChange={(spec) => set({ spec })}
          placeholder={t('edit.specPlaceholder')}
          error={errors.spec}
          maxlength={40}
        />
        <TextField
          label={t('edit.title')}
          value={form.title}
          onChange={(title) => set({ title })}
          placeholder={form.name ? `${form.name} ${form.spec}` : t('edit.titlePlaceholder')}
          maxlength={60}
        />
        <TextAreaField
          label={t('edit.description')}
          value={form.description}
          onChange={(description) => set({ description })}
          placeholder={t('edit.descriptionPlaceholder')}
          maxlength={1000}
        />
        <Field label={t('edit.images')}>
          <PhotoPicker value={form.images} onChange={(images) => set({ images })} />
        </Field>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('edit.price')}</Text>
        <TextField
          label={t('edit.listPrice')}
          type='digit'
          value={form.listPrice}
          onChange={(listPrice) => set({ listPrice })}
          placeholder={t('edit.listPricePlaceholder')}
          error={errors.listPrice}
        />
        <Field label={t('edit.basis')}>
          <Segmented
            label={t('edit.basisLabel')}
            value={form.basis}
            onChange={(basis) => set({ basis })}
            options={[
              { value: 'people', label: t('edit.basisPeople') },
              { value: 'units', label: t('edit.basisUnits') },
            ]}
          />
        </Field>
        <Field label={t('edit.tiers')} error={errors.tiers}>
          <TierEditor basis={form.basis} listPriceFen={listPriceFen} rows={form.tiers} onChange={(tiers) => set({ tiers })} />
        </Field>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('edit.quantity')}</Text>
        <TextField
          label={t(form.basis === 'people' ? 'edit.minPeople' : 'edit.minUnits')}
          type='number'
          value={form.minToSucceed}
          onChange={(minToSucceed) => set({ minToSucceed })}
          hint={t('edit.minHint', { n: form.minToSucceed || 'N', unit })}
          error={errors.minToSucceed}
        />
        <View className='lc-row'>
          <View className='lc-grow'>
            <TextField
              label={t('edit.stock')}
              type='number'
              value={form.stock}
              onChange={(stock) => set({ stock })}
              placeholder={t('common.unlimited')}
              error={errors.stock}
            />
          </View>
          <View className='lc-grow'>
            <TextField
              label={t('edit.perUserLimit')}
              type='number'
              value={form.perUserLimit}
              onChange={(perUserLimit) => set({ perUserLimit })}
              placeholder={t('common.unlimited')}
              error={errors.perUserLimit}
            />
          </View>
        </View>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('edit.timesAndPoints')}</Text>
        <DateTimeField
          label={t('edit.cutoff')}
          date={form.cutoff.date}
          time={form.cutoff.time}
          onChange={(date, time) => set({ cutoff: { date, time } })}
          error={errors.cutoff}
        />
        <DateTimeField
          label={t('edit.pickupStart')}
          date={form.pickupStart.date}
          time={form.pickupStart.time}
          onChange={(date, time) => set({ pickupStart: { date, time } })}
          error={errors.pickupStart}
        />
        <DateTimeField
          label={t('edit.pickupEnd')}
          date={form.pickupEnd.date}
          time={form.pickupEnd.time}
          onChange={(date, time) => set({ pickupEnd: { date, time } })}
          error={errors.pickupEnd}
        />
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
      </View>

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
        visible={previewing && !!check.input}
        position='bottom'
        round
        closeable
        title={t('edit.previewTitle')}
        onClose={() => setPreviewing(false)}
      >
        {check.input && <Preview input={check.input} points={points} />}
      </Popup>
    </View>
  )
}
