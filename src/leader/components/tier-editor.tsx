import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { TierBasis } from '../../../types/api'
import { formatFen } from '@/domain'
import { t, useT } from '@/i18n'
import { checkTierRows, isPriceProblem, isThresholdProblem, previewAt, suggestNextRow, tierProblemKey, type TierRow } from '../lib/tier-rows'
import './console.scss'
import './tier-editor.scss'

interface Props {
  basis: TierBasis
  /** the list price, when the leader has typed a valid one: no tier may cost more */
  listPriceFen: number | null
  rows: TierRow[]
  onChange: (rows: TierRow[]) => void
}

const MAX_ROWS = 10

/**
 * The price ladder: each row "from N people/units, ¥x each". Thresholds must rise and prices fall;
 * what is wrong is said under the row it is about, and the preview shows what shoppers would see.
 */
export function TierEditor({ basis, listPriceFen, rows, onChange }: Props) {
  useT()
  const unit = basis === 'people' ? '人' : '件'
  const { tiers, problems } = checkTierRows(rows, listPriceFen)
  // starts where a new deal starts: nobody yet, as the first shopper will see it
  const [previewCount, setPreviewCount] = useState(0)

  const setRow = (index: number, patch: Partial<TierRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  const remove = (index: number) => onChange(rows.filter((_, i) => i !== index))
  const add = () => onChange([...rows, suggestNextRow(rows)])

  const whole = problems.filter((p) => p.index === -1)
  const preview = tiers && problems.length === 0 ? previewAt(basis, tiers, previewCount) : null
  const lastThreshold = tiers?.[tiers.length - 1]?.threshold ?? 1

  return (
    <View className='tier-editor'>
      {rows.map((row, index) => {
        const mine = problems.filter((p) => p.index === index)
        return (
          <View key={index} className='tier-editor__row' aria-label={`第${index + 1}档`} role='group'>
            <View className='tier-editor__inputs'>
              <Text className='tier-editor__label'>满</Text>
              <Input
                className={`lc-input tier-editor__count ${mine.some(isThresholdProblem) ? 'lc-input--bad' : ''}`}
                aria-label={`第${index + 1}档${basis === 'people' ? '人数' : '件数'}`}
                type='number'
                value={row.threshold}
                disabled={index === 0 || undefined}
                onInput={(e) => setRow(index, { threshold: e.detail.value })}
              />
              <Text className='tier-editor__label'>{unit} 每份 ¥</Text>
              <Input
                className={`lc-input tier-editor__price ${mine.some(isPriceProblem) ? 'lc-input--bad' : ''}`}
                aria-label={`第${index + 1}档价格`}
                type='digit'
                value={row.price}
                placeholder='0.00'
                onInput={(e) => setRow(index, { price: e.detail.value })}
              />
              {index > 0 ? (
                <View
                  className='tier-editor__remove'
                  role='button'
                  aria-label={`删除第${index + 1}档`}
                  onClick={() => remove(index)}
                >
                  ×
                </View>
              ) : (
                <View className='tier-editor__remove tier-editor__remove--none' />
              )}
            </View>
            {mine.map((p) => (
              <View key={p.code} className='lc-field__error' role='alert'>
                {t(tierProblemKey(p))}
              </View>
            ))}
          </View>
        )
      })}
      {whole.map((p) => (
        <View key={p.code} className='lc-field__error' role='alert'>
          {t(tierProblemKey(p))}
        </View>
      ))}
      {rows.length < MAX_ROWS && (
        <View className='tier-editor__add' role='button' onClick={add}>
          ＋ 加一档
        </View>
      )}

      <View className='tier-editor__preview' aria-label='顾客看到的价格'>
        <Text className='tier-editor__preview-title'>顾客看到的价格</Text>
        {preview ? (
          <>
            <View className='tier-editor__stepper'>
              <View
                className='tier-editor__step'
                role='button'
                aria-label='少一人'
                onClick={() => setPreviewCount((n) => Math.max(0, n - 1))}
              >
                －
              </View>
              <Text className='tier-editor__step-count'>
                已拼 {previewCount} {unit}
              </Text>
              <View
                className='tier-editor__step'
                role='button'
                aria-label='多一人'
                onClick={() => setPreviewCount((n) => Math.min(lastThreshold + 5, n + 1))}
              >
                ＋
              </View>
            </View>
            <View className='tier-editor__shopper'>
              <Text className='tier-editor__now lc-price'>{formatFen(preview.currentPriceFen)}</Text>
              {listPriceFen !== null && <Text className='tier-editor__list'>{formatFen(listPriceFen)}</Text>}
              <Text className='tier-editor__next'>{preview.label ?? '已享最低价'}</Text>
            </View>
          </>
        ) : (
          <Text className='lc-muted'>价格填好后，这里显示顾客看到的样子</Text>
        )}
      </View>
    </View>
  )
}
