import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { parseYuan } from '@/domain'
import { unitWord, useLeaderT } from '@/i18n/leader'
import type { DealForm, DealFormErrors } from '../lib/deal-form'
import { DateTimeField, Field, Segmented, TextAreaField, TextField } from './form'
import { PhotoPicker } from './photo-picker'
import { TierEditor } from './tier-editor'
import './console.scss'

interface Props {
  form: DealForm
  errors: DealFormErrors
  set: (patch: Partial<DealForm>) => void
  /** what closes the times card: the leader's pickup points, the supplier's note that leaders bring theirs */
  children?: ReactNode
}

/**
 * The deal's terms as both consoles edit them, card by card: the product, the price and its tiers,
 * the quantities, and the cutoff and pickup window.
 */
export function DealTermsFields({ form, errors, set, children }: Props) {
  const lt = useLeaderT()
  const listPriceFen = parseYuan(form.listPrice)
  const unit = unitWord(form.basis)
  return (
    <>
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
        {children}
      </View>
    </>
  )
}
