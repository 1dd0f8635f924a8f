import { useEffect, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { SupplierDealInput } from '../../../../types/api'
import { createSupplierDeal, getSupplierDeal, publishSupplierDeal, updateSupplierDeal } from '@/api/supplier'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { parseYuan } from '@/domain'
import { dateTimeLabel, showModal } from '@/i18n'
import { unitWord, useLeaderT } from '@/i18n/leader'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { useServerNow } from '@/hooks/use-server-now'
import { useClock } from '@/stores/clock'
import { DateTimeField, Field, FormNotice, Segmented, TextAreaField, TextField } from '@/leader/components/form'
import { PhotoPicker } from '@/leader/components/photo-picker'
import { TierEditor } from '@/leader/components/tier-editor'
import { failureText, useSubmit } from '@/leader/lib/use-submit'
import { checkSupplierDealForm, emptySupplierDealForm, supplierDealFormFrom, type SupplierDealForm } from '../../lib/deal-form'
import { goSupplier } from '../../lib/go'
import '@/leader/components/console.scss'
import '../../components/supplier.scss'

/** A supplier's deal: the leader's deal form (its very fields and rules), no pickup points, plus the commission and the delivery day. */
export default function SupplierDealEditPage() {
  const lt = useLeaderT()
  const t = useSupplierT()
  const { params } = useRouter()
  useSupplierTitle(params.id ? 'title.dealDraft' : 'title.dealNew')
  const [dealId, setDealId] = useState<string | null>(params.id ? decodeURIComponent(params.id) : null)
  const now = useServerNow(30_000)
  const [form, setForm] = useState<SupplierDealForm | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [tried, setTried] = useState(false)
  const { busy, message, run } = useSubmit()

  const load = async () => {
    setLoadError(null)
    try {
      if (!dealId) {
        // default times follow the server's clock, not the phone's
        setForm(emptySupplierDealForm(Date.now() + useClock.getState().offsetMs))
        return
      }
      const { deal } = await getSupplierDeal(dealId)
      if (deal.status !== 'draft') {
        void Taro.redirectTo({ url: goSupplier('deal', { id: deal.id }) })
        return
      }
      setForm(supplierDealFormFrom(deal))
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
  if (!form)
    return (
      <View className='lc-page'>
        <LoadingCards count={3} />
      </View>
    )

  const set = (patch: Partial<SupplierDealForm>) => setForm({ ...form, ...patch })
  const check = checkSupplierDealForm(form, now)
  const errors = tried ? check.errors : {}
  const listPriceFen = parseYuan(form.listPrice)
  const unit = unitWord(form.basis)
  const ready = (): SupplierDealInput | null => {
    setTried(true)
    return check.input
  }
  const notice = tried && !check.input ? lt('edit.incomplete') : message

  const save = async (input: SupplierDealInput): Promise<string> => {
    const { deal } = dealId ? await updateSupplierDeal(dealId, input) : await createSupplierDeal(input)
    setDealId(deal.id)
    return deal.id
  }

  const saveDraft = async () => {
    const input = ready()
    if (input) await run(() => save(input), { done: lt('edit.draftSaved') })
  }

  const publish = async () => {
    const input = ready()
    if (!input) return
    const { confirm } = await showModal({
      title: lt('edit.publishTitle'),
      content: t('edit.publishBody', { time: dateTimeLabel(input.cutoffAt), date: input.deliveryDate }),
      confirmText: lt('edit.publish'),
    })
    if (!confirm) return
    // saved first, so a refused publish leaves the draft saved with its id
    const published = await run(
      async () => {
        const id = await save(input)
        await publishSupplierDeal(id)
        return id
      },
      { done: lt('edit.published') },
    )
    if (published) void Taro.redirectTo({ url: goSupplier('deal', { id: published.value }) })
  }

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>{lt('edit.product')}</Text>
        <TextField
          label={lt('edit.name')}
          value={form.name}
          onChange={(name) => set({ name })}
          placeholder={lt('edit.namePlaceholder')}
          error={errors.name}
          maxlength={40}
        />
        <TextField
          label={lt('edit.spec')}
          value={form.spec}
          onChange={(spec) => set({ spec })}
          placeholder={lt('edit.specPlaceholder')}
          error={errors.spec}
          maxlength={40}
        />
        <TextField
          label={lt('edit.title')}
          value={form.title}
          onChange={(title) => set({ title })}
          placeholder={form.name ? `${form.name} ${form.spec}` : lt('edit.titlePlaceholder')}
          maxlength={60}
        />
        <TextAreaField
          label={lt('edit.description')}
          value={form.description}
          onChange={(description) => set({ description })}
          placeholder={lt('edit.descriptionPlaceholder')}
          maxlength={1000}
        />
        <Field label={lt('edit.images')}>
          <PhotoPicker value={form.images} onChange={(images) => set({ images })} />
        </Field>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{lt('edit.price')}</Text>
        <TextField
          label={lt('edit.listPrice')}
          type='digit'
          value={form.listPrice}
          onChange={(listPrice) => set({ listPrice })}
          placeholder={lt('edit.listPricePlaceholder')}
          error={errors.listPrice}
        />
        <Field label={lt('edit.basis')}>
          <Segmented
            label={lt('edit.basisLabel')}
            value={form.basis}
            onChange={(basis) => set({ basis })}
            options={[
              { value: 'people', label: lt('edit.basisPeople') },
              { value: 'units', label: lt('edit.basisUnits') },
            ]}
          />
        </Field>
        <Field label={lt('edit.tiers')} error={errors.tiers}>
          <TierEditor basis={form.basis} listPriceFen={listPriceFen} rows={form.tiers} onChange={(tiers) => set({ tiers })} />
        </Field>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{lt('edit.quantity')}</Text>
        <TextField
          label={lt(form.basis === 'people' ? 'edit.minPeople' : 'edit.minUnits')}
          type='number'
          value={form.minToSucceed}
          onChange={(minToSucceed) => set({ minToSucceed })}
          hint={lt('edit.minHint', { n: form.minToSucceed || 'N', unit })}
          error={errors.minToSucceed}
        />
        <View className='lc-row'>
          <View className='lc-grow'>
            <TextField
              label={lt('edit.stock')}
              type='number'
              value={form.stock}
              onChange={(stock) => set({ stock })}
              placeholder={lt('common.unlimited')}
              error={errors.stock}
            />
          </View>
          <View className='lc-grow'>
            <TextField
              label={lt('edit.perUserLimit')}
              type='number'
              value={form.perUserLimit}
              onChange={(perUserLimit) => set({ perUserLimit })}
              placeholder={lt('common.unlimited')}
              error={errors.perUserLimit}
            />
          </View>
        </View>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{lt('edit.timesAndPoints')}</Text>
        <DateTimeField
          label={lt('edit.cutoff')}
          date={form.cutoff.date}
          time={form.cutoff.time}
          onChange={(date, time) => set({ cutoff: { date, time } })}
          error={errors.cutoff}
        />
        <DateTimeField
          label={lt('edit.pickupStart')}
          date={form.pickupStart.date}
          time={form.pickupStart.time}
          onChange={(date, time) => set({ pickupStart: { date, time } })}
          error={errors.pickupStart}
        />
        <DateTimeField
          label={lt('edit.pickupEnd')}
          date={form.pickupEnd.date}
          time={form.pickupEnd.time}
          onChange={(date, time) => set({ pickupEnd: { date, time } })}
          error={errors.pickupEnd}
        />
        <Text className='lc-muted'>{t('edit.pointsNote')}</Text>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>{t('edit.supply')}</Text>
        <TextField
          label={t('edit.commission')}
          type='digit'
          value={form.commission}
          onChange={(commission) => set({ commission })}
          placeholder={t('edit.commissionPlaceholder')}
          hint={t('edit.commissionHint')}
          error={errors.commission}
        />
        <Field label={t('edit.delivery')} hint={t('edit.deliveryHint')} error={errors.deliveryDate}>
          <Picker mode='date' value={form.deliveryDate} onChange={(e) => set({ deliveryDate: String(e.detail.value) })}>
            <View className='lc-picker sc-days__picker' aria-label={t('edit.delivery')}>
              <Text>{form.deliveryDate}</Text>
              <Text className='lc-chevron'>›</Text>
            </View>
          </Picker>
        </Field>
      </View>

      <FormNotice message={notice} />

      <View className='lc-bar'>
        <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => void saveDraft()}>
          {lt('edit.saveDraft')}
        </Button>
        <Button
          role='button'
          className='lc-btn lc-btn--primary'
          disabled={busy || undefined}
          loading={busy || undefined}
          onClick={() => void publish()}
        >
          {lt('edit.publish')}
        </Button>
      </View>
    </View>
  )
}
