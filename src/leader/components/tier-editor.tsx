import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import type { TierBasis } from '../../../types/api'
import { formatFen, MAX_TIERS } from '@/domain'
import { t } from '@/i18n'
import { unitWord, useLeaderT } from '@/i18n/leader'
import { checkTierRows, isPriceProblem, isThresholdProblem, previewAt, suggestNextRow, tierProblemKey, type TierRow } from '../lib/tier-rows'
import { FieldError } from './form'
import './console.scss'
import './tier-editor.scss'

interface Props {
  basis: TierBasis
  /** the list price, when the leader has typed a valid one: no tier may cost more */
  listPriceFen: number | null
  rows: TierRow[]
  onChange: (rows: TierRow[]) => void
}

/**
 * The price ladder: each row "from N people/units, ¥x each". Thresholds must rise and prices fall;
 * what is wrong is said under the row it is about, and the preview shows what shoppers would see.
 */
export function TierEditor({ basis, listPriceFen, rows, onChange }: Props) {
  const lt = useLeaderT()
  const unit = unitWord(basis)
  const { tiers, problems } = checkTierRows(rows, listPriceFen)
  // starts where a new deal starts: nobody yet, as the first shopper will see it
  const [previewCount, setPreviewCount] = useState(0)

  const setRow = (index: number, patch: Partial<TierRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
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
          <View key={index} className='tier-editor__row' aria-label={lt('tiers.row', { n: index + 1 })} role='group'>
            <View className='tier-editor__inputs'>
              <Text className='tier-editor__label'>{lt('tiers.at')}</Text>
              <Input
                className={`lc-input tier-editor__count ${mine.some(isThresholdProblem) ? 'lc-input--bad' : ''}`}
                aria-label={lt(basis === 'people' ? 'tiers.thresholdPeople' : 'tiers.thresholdUnits', { n: index + 1 })}
                type='number'
                value={row.threshold}
                disabled={index === 0 || undefined}
                onInput={(e) => setRow(index, { threshold: e.detail.value })}
              />
              <Text className='tier-editor__label'>{lt('tiers.each', { unit })}</Text>
              <Input
                className={`lc-input tier-editor__price ${mine.some(isPriceProblem) ? 'lc-input--bad' : ''}`}
                aria-label={lt('tiers.price', { n: index + 1 })}
                type='digit'
                value={row.price}
                placeholder='0.00'
                onInput={(e) => setRow(index, { price: e.detail.value })}
              />
              {index > 0 ? (
                <View className='tier-editor__remove' role='button' aria-label={lt('tiers.remove', { n: index + 1 })} onClick={() => remove(index)}>
                  ×
                </View>
              ) : (
                <View className='tier-editor__remove tier-editor__remove--none' />
              )}
            </View>
            {mine.map((p) => (
              <FieldError key={p.code} message={lt(tierProblemKey(p))} />
            ))}
          </View>
        )
      })}
      {whole.map((p) => (
        <FieldError key={p.code} message={lt(tierProblemKey(p))} />
      ))}
      {rows.length < MAX_TIERS && (
        <View className='tier-editor__add' role='button' onClick={add}>
          {lt('tiers.add')}
        </View>
      )}

      <View className='tier-editor__preview' aria-label={lt('tiers.preview')}>
        <Text className='tier-editor__preview-title'>{lt('tiers.preview')}</Text>
        {preview ? (
          <>
            <View className='tier-editor__stepper'>
              <View
                className='tier-editor__step'
                role='button'
                aria-label={lt('tiers.fewer')}
                onClick={() => setPreviewCount((n) => Math.max(0, n - 1))}
              >
                －
              </View>
              <Text className='tier-editor__step-count'>{lt('tiers.count', { n: previewCount, unit })}</Text>
              <View
                className='tier-editor__step'
                role='button'
                aria-label={lt('tiers.more')}
                onClick={() => setPreviewCount((n) => Math.min(lastThreshold + 5, n + 1))}
              >
                ＋
              </View>
            </View>
            <View className='tier-editor__shopper'>
              <Text className='tier-editor__now lc-price'>{formatFen(preview.currentPriceFen)}</Text>
              {listPriceFen !== null && <Text className='tier-editor__list'>{formatFen(listPriceFen)}</Text>}
              <Text className='tier-editor__next'>{preview.label ?? t('tier.lowest')}</Text>
            </View>
          </>
        ) : (
          <Text className='lc-muted'>{lt('tiers.previewEmpty')}</Text>
        )}
      </View>
    </View>
  )
}
