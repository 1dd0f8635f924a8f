import { useEffect, useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { createSupplierDeal, getSupplierDeal, publishSupplierDeal, updateSupplierDeal } from '@/api/supplier'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { dateTimeLabel } from '@/i18n'
import { useLeaderT } from '@/i18n/leader'
import { useSupplierT, useSupplierTitle } from '@/i18n/supplier'
import { useServerNow } from '@/hooks/use-server-now'
import { useClock } from '@/stores/clock'
import { DealTermsFields } from '@/leader/components/deal-terms-fields'
import { Field, FormNotice, TextField } from '@/leader/components/form'
import { useDealDraft } from '@/leader/lib/use-deal-draft'
import { failureText } from '@/leader/lib/use-submit'
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
  const now = useServerNow(30_000)
  const [form, setForm] = useState<SupplierDealForm | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const check = form ? checkSupplierDealForm(form, now) : null
  const { dealId, busy, errors, notice, saveDraft, publish } = useDealDraft(params.id ? decodeURIComponent(params.id) : null, check, {
    create: createSupplierDeal,
    update: updateSupplierDeal,
    publish: publishSupplierDeal,
    publishBody: (input) => t('edit.publishBody', { time: dateTimeLabel(input.cutoffAt), date: input.deliveryDate }),
    dealUrl: (id) => goSupplier('deal', { id }),
  })

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

  return (
    <View className='lc-page'>
      <DealTermsFields form={form} errors={errors} set={set}>
        <Text className='lc-muted'>{t('edit.pointsNote')}</Text>
      </DealTermsFields>

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
