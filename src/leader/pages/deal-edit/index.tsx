import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Popup } from '@nutui/nutui-react-taro'
import type { DealInput, PickupPoint } from '../../../../types/api'
import { ApiError } from '@/api'
import { createDeal, getMyDeal, imageSrc, listMyPoints, publishDeal, updateDeal } from '@/api/leader'
import { DealImage } from '@/components/deal-image'
import { ErrorState, LoadingCards } from '@/components/page-state'
import { formatFen, nextTier, parseYuan } from '@/domain'
import { dateTimeLabel, tierLabel, windowLabel } from '@/i18n'
import { useServerNow } from '@/hooks/use-server-now'
import { useClock } from '@/stores/clock'
import { DateTimeField, Field, Segmented, TextAreaField, TextField } from '../../components/form'
import { PhotoPicker } from '../../components/photo-picker'
import { TierEditor } from '../../components/tier-editor'
import { checkDealForm, dealFormFrom, emptyDealForm, type DealForm } from '../../lib/deal-form'
import { go } from '../../lib/use-leader'
import '../../components/console.scss'
import './index.scss'

/** What shoppers will see, drawn from the form before anything is published. */
function Preview({ input, points }: { input: DealInput; points: PickupPoint[] }) {
  const next = nextTier(input.tiers, 0)
  const chosen = points.filter((p) => input.pickupPointIds.includes(p.id))
  return (
    <View className='deal-edit__preview'>
      <DealImage className='deal-edit__preview-img' name={input.product.name} src={input.product.images?.[0] ? imageSrc(input.product.images[0]) : undefined} />
      <View className='deal-edit__preview-body'>
        <Text className='deal-edit__preview-title'>{input.title}</Text>
        <Text className='lc-muted'>{input.product.spec}</Text>
        <View className='deal-edit__preview-price'>
          <Text className='lc-price deal-edit__preview-now'>{formatFen(input.tiers[0].unitPriceFen)}</Text>
          <Text className='deal-edit__preview-list'>{formatFen(input.listPriceFen)}</Text>
        </View>
        <Text className='deal-edit__preview-next'>{tierLabel(input.tierBasis, next) ?? '已享最低价'}</Text>
        <View className='deal-edit__preview-tiers'>
          {input.tiers.map((t) => (
            <Text key={t.threshold} className='deal-edit__preview-tier'>
              满{t.threshold}
              {input.tierBasis === 'people' ? '人' : '件'} {formatFen(t.unitPriceFen)}
            </Text>
          ))}
        </View>
        <Text className='lc-muted'>截单 {dateTimeLabel(input.cutoffAt)}</Text>
        <Text className='lc-muted'>提货 {windowLabel(input.pickupStart, input.pickupEnd)}</Text>
        <Text className='lc-muted'>自提点 {chosen.map((p) => p.name).join('、')}</Text>
        {input.product.description && <Text className='deal-edit__preview-desc'>{input.product.description}</Text>}
      </View>
    </View>
  )
}

export default function DealEditPage() {
  const { params } = useRouter()
  const [dealId, setDealId] = useState<string | null>(params.id ? decodeURIComponent(params.id) : null)
  const now = useServerNow(30_000)
  const [points, setPoints] = useState<PickupPoint[] | null>(null)
  const [form, setForm] = useState<DealForm | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [tried, setTried] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState('')
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
        void Taro.setNavigationBarTitle({ title: '编辑草稿' })
      } else {
        // default times follow the server's clock, not the phone's
        setForm(emptyDealForm(Date.now() + useClock.getState().offsetMs, pickupPoints.map((p) => p.id)))
      }
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '加载失败')
    }
  }
  useEffect(() => {
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (loadError) return <View className='lc-page'><ErrorState message={loadError} onRetry={() => void load()} /></View>
  if (!form || !points) return <View className='lc-page'><LoadingCards count={3} /></View>

  const set = (patch: Partial<DealForm>) => setForm({ ...form, ...patch })
  const check = checkDealForm(form, now)
  const errors = tried ? check.errors : {}
  const listPriceFen = parseYuan(form.listPrice)
  const unit = form.basis === 'people' ? '人' : '件'

  /** Saves the form as a draft (creating it the first time); returns the deal's id, or null if refused. */
  const save = async (): Promise<string | null> => {
    setTried(true)
    setMessage('')
    if (!check.input) {
      setMessage('还有内容没填好，请看红字提示')
      return null
    }
    try {
      const { deal } = dealId ? await updateDeal(dealId, check.input) : await createDeal(check.input)
      setDealId(deal.id)
      return deal.id
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : '保存失败，请重试')
      return null
    }
  }

  const saveDraft = async () => {
    setBusy(true)
    const id = await save()
    setBusy(false)
    if (id) void Taro.showToast({ title: '草稿已保存', icon: 'success' })
  }

  const publish = async () => {
    if (!check.input) {
      setTried(true)
      setMessage('还有内容没填好，请看红字提示')
      return
    }
    const { confirm } = await Taro.showModal({
      title: '发布团购',
      content: `发布后邻居就能参团，价格和时间不能再改。截单时间：${dateTimeLabel(check.input.cutoffAt)}`,
      confirmText: '发布',
    })
    if (!confirm) return
    setBusy(true)
    const id = await save()
    if (id) {
      try {
        await publishDeal(id)
        void Taro.showToast({ title: '已发布', icon: 'success' })
        void Taro.redirectTo({ url: go('deal', { id }) })
      } catch (e) {
        setMessage(e instanceof ApiError ? e.message : '发布失败，请重试')
      }
    }
    setBusy(false)
  }

  const togglePoint = (id: string) =>
    set({
      pickupPointIds: form.pickupPointIds.includes(id)
        ? form.pickupPointIds.filter((p) => p !== id)
        : [...form.pickupPointIds, id],
    })

  return (
    <View className='lc-page'>
      <View className='lc-card'>
        <Text className='lc-card__title'>商品</Text>
        <TextField label='商品名称' value={form.name} onChange={(name) => set({ name })} placeholder='如：赣南脐橙' error={errors.name} maxlength={40} />
        <TextField label='规格' value={form.spec} onChange={(spec) => set({ spec })} placeholder='如：5斤/箱' error={errors.spec} maxlength={40} />
        <TextField label='团购标题（选填）' value={form.title} onChange={(title) => set({ title })} placeholder={form.name ? `${form.name} ${form.spec}` : '不填则用商品名称'} maxlength={60} />
        <TextAreaField label='商品介绍（选填）' value={form.description} onChange={(description) => set({ description })} placeholder='产地、口感、保存方法' maxlength={1000} />
        <Field label='商品图片'>
          <PhotoPicker value={form.images} onChange={(images) => set({ images })} />
        </Field>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>价格</Text>
        <TextField label='原价（元）' type='digit' value={form.listPrice} onChange={(listPrice) => set({ listPrice })} placeholder='如 29.90' error={errors.listPrice} />
        <Field label='按什么算人数'>
          <Segmented
            label='阶梯依据'
            value={form.basis}
            onChange={(basis) => set({ basis })}
            options={[
              { value: 'people', label: '按参团人数' },
              { value: 'units', label: '按总件数' },
            ]}
          />
        </Field>
        <Field label='阶梯价（人越多越便宜）' error={errors.tiers}>
          <TierEditor basis={form.basis} listPriceFen={listPriceFen} rows={form.tiers} onChange={(tiers) => set({ tiers })} />
        </Field>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>数量</Text>
        <TextField label={`成团${form.basis === 'people' ? '人数' : '件数'}`} type='number' value={form.minToSucceed} onChange={(minToSucceed) => set({ minToSucceed })} hint={`截单时不足${form.minToSucceed || 'N'}${unit}则未成团，全额退款`} error={errors.minToSucceed} />
        <View className='lc-row'>
          <View className='lc-grow'>
            <TextField label='库存（件，选填）' type='number' value={form.stock} onChange={(stock) => set({ stock })} placeholder='不限' error={errors.stock} />
          </View>
          <View className='lc-grow'>
            <TextField label='每人限购（选填）' type='number' value={form.perUserLimit} onChange={(perUserLimit) => set({ perUserLimit })} placeholder='不限' error={errors.perUserLimit} />
          </View>
        </View>
      </View>

      <View className='lc-card'>
        <Text className='lc-card__title'>时间和自提点</Text>
        <DateTimeField label='截单时间' date={form.cutoff.date} time={form.cutoff.time} onChange={(date, time) => set({ cutoff: { date, time } })} error={errors.cutoff} />
        <DateTimeField label='提货开始' date={form.pickupStart.date} time={form.pickupStart.time} onChange={(date, time) => set({ pickupStart: { date, time } })} error={errors.pickupStart} />
        <DateTimeField label='提货结束' date={form.pickupEnd.date} time={form.pickupEnd.time} onChange={(date, time) => set({ pickupEnd: { date, time } })} error={errors.pickupEnd} />
        <Field label='送到哪些自提点' error={errors.pickupPointIds}>
          {points.length === 0 && (
            <View className='lc-muted' role='link' onClick={() => Taro.navigateTo({ url: go('point') })}>
              还没有自提点，点这里添加 ›
            </View>
          )}
          {points.map((p) => {
            const on = form.pickupPointIds.includes(p.id)
            return (
              <View key={p.id} className={`deal-edit__point ${on ? 'deal-edit__point--on' : ''}`} role='checkbox' aria-checked={on} aria-label={p.name} onClick={() => togglePoint(p.id)}>
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

      {message && (
        <View className='lc-notice lc-notice--bad' role='alert'>
          {message}
        </View>
      )}

      <View className='lc-bar'>
        <Button role='button' className='lc-btn' disabled={busy || undefined} onClick={() => void saveDraft()}>
          存草稿
        </Button>
        <Button
          role='button'
          className='lc-btn'
          disabled={busy || undefined}
          onClick={() => {
            setTried(true)
            if (check.input) setPreviewing(true)
            else setMessage('还有内容没填好，请看红字提示')
          }}
        >
          预览
        </Button>
        <Button role='button' className='lc-btn lc-btn--primary' disabled={busy || undefined} loading={busy || undefined} onClick={() => void publish()}>
          发布
        </Button>
      </View>

      <Popup visible={previewing && !!check.input} position='bottom' round closeable title='邻居看到的样子' onClose={() => setPreviewing(false)}>
        {check.input && <Preview input={check.input} points={points} />}
      </Popup>
    </View>
  )
}
