import { useState, type ReactNode } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Query } from '@/api/client'
import { useAdminT } from '@/i18n/admin'
import { saveCsv } from '../lib/csv'
import { failureText } from '../lib/use-submit'

/** A row of choices, one on (status filters, tabs). */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string
  options: { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <View className='ac-seg' role='radiogroup' aria-label={label}>
      {options.map((o) => (
        <View
          key={o.value}
          role='radio'
          aria-checked={o.value === value}
          className={`ac-seg__item ${o.value === value ? 'ac-seg__item--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}

/** A search box with its button; searches on the button or the keyboard's confirm. */
export function SearchBar({
  label,
  placeholder,
  initial = '',
  onSearch,
}: {
  label: string
  placeholder: string
  initial?: string
  onSearch: (q: string) => void
}) {
  const t = useAdminT()
  const [text, setText] = useState(initial)
  return (
    <View className='ac-search' role='search'>
      <Input
        className='ac-input ac-search__input'
        aria-label={label}
        placeholder={placeholder}
        value={text}
        confirmType='search'
        onInput={(e) => setText(e.detail.value)}
        onConfirm={() => onSearch(text.trim())}
      />
      <Button role='button' className='ac-btn ac-btn--primary' onClick={() => onSearch(text.trim())}>
        {t('common.search')}
      </Button>
    </View>
  )
}

/** A figure with its name (today's orders, GMV ...). */
export function Stat({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'ok' }) {
  return (
    <View className='ac-stat' role='group' aria-label={label}>
      <Text className='ac-stat__label'>{label}</Text>
      <Text className={`ac-stat__value ${tone ? `ac-stat__value--${tone}` : ''}`}>{value}</Text>
    </View>
  )
}

export interface BarPoint {
  label: string
  value: number
  /** the value in words ("¥1,280.00", "3.5%") */
  text: string
}

/** Columns of the days, drawn with plain views (no chart library): tallest = the period's peak. */
export function BarChart({ title, points }: { title: string; points: BarPoint[] }) {
  const t = useAdminT()
  const max = Math.max(0, ...points.map((p) => p.value))
  const peak = points.find((p) => p.value === max)
  const every = Math.max(1, Math.ceil(points.length / 6))
  return (
    <View className='ac-card ac-chart' role='figure' aria-label={title}>
      <View className='ac-chart__head'>
        <Text className='ac-card__title'>{title}</Text>
        {peak && max > 0 && <Text className='ac-muted'>{t('home.chart.max', { value: peak.text })}</Text>}
        {max === 0 && <Text className='ac-muted'>{t('home.chart.none')}</Text>}
      </View>
      <View className='ac-chart__bars'>
        {points.map((p) => (
          <View key={p.label} className='ac-chart__col' aria-label={t('home.chart.bar', { day: p.label, value: p.text })}>
            <View className='ac-chart__bar' style={{ height: `${max > 0 ? Math.max(p.value > 0 ? 3 : 0, (p.value / max) * 100) : 0}%` }} />
          </View>
        ))}
      </View>
      <View className='ac-chart__axis' aria-hidden>
        {points.map((p, i) => (
          <Text key={p.label} className='ac-chart__tick'>
            {i % every === 0 || i === points.length - 1 ? p.label.slice(5) : ''}
          </Text>
        ))}
      </View>
    </View>
  )
}

export interface Column<T> {
  key: string
  label: string
  render: (row: T) => ReactNode
  /** the row's title on a phone card (shown first, larger) */
  primary?: boolean
  align?: 'end'
}

/**
 * A table at desktop width that becomes one card per row on a phone (the cells stack, each with
 * its column's name). Rows may open something.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  onRowClick,
  rowLabel,
  rowTone,
}: {
  label: string
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string
  onRowClick?: (row: T) => void
  rowLabel?: (row: T) => string
  rowTone?: (row: T) => 'bad' | undefined
}) {
  return (
    <View className='ac-table' role='table' aria-label={label}>
      <View className='ac-table__row ac-table__row--head' role='row'>
        {columns.map((c) => (
          <View
            key={c.key}
            role='columnheader'
            className={`ac-table__cell ac-table__cell--${c.key} ${c.align === 'end' ? 'ac-table__cell--end' : ''}`}
          >
            {c.label}
          </View>
        ))}
      </View>
      {rows.map((row) => {
        const tone = rowTone?.(row)
        return (
          <View
            key={rowKey(row)}
            role='row'
            aria-label={rowLabel?.(row)}
            className={`ac-table__row ${onRowClick ? 'ac-table__row--link' : ''} ${tone ? `ac-table__row--${tone}` : ''}`}
            onClick={onRowClick ? () => onRowClick(row) : undefined}
          >
            {columns.map((c) => (
              <View
                key={c.key}
                role='cell'
                className={`ac-table__cell ac-table__cell--${c.key} ${c.primary ? 'ac-table__cell--primary' : ''} ${c.align === 'end' ? 'ac-table__cell--end' : ''}`}
              >
                {!c.primary && (
                  <Text className='ac-table__label' aria-hidden>
                    {c.label}
                  </Text>
                )}
                <View className='ac-table__value'>{c.render(row)}</View>
              </View>
            ))}
          </View>
        )
      })}
    </View>
  )
}

export function Badge({ children, tone }: { children: ReactNode; tone?: 'ok' | 'bad' | 'warn' | 'info' }) {
  return <Text className={`ac-badge ${tone ? `ac-badge--${tone}` : ''}`}>{children}</Text>
}

/** 导出 CSV: the list as the server writes it (the same filters), saved or shared. */
export function ExportButton({ path, query = {}, name }: { path: string; query?: Query; name: string }) {
  const t = useAdminT()
  const [busy, setBusy] = useState(false)
  const save = async () => {
    setBusy(true)
    try {
      await saveCsv(path, query, name)
    } catch (e) {
      void Taro.showToast({ title: failureText(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button role='button' className='ac-btn ac-btn--small' disabled={busy || undefined} onClick={() => void save()}>
      {t('common.exportCsv')}
    </Button>
  )
}

export function Notice({ message, tone }: { message?: string | null; tone?: 'bad' | 'ok' }) {
  if (!message) return null
  return (
    <Text className={`ac-notice ${tone ? `ac-notice--${tone}` : 'ac-notice--bad'}`} role={tone === 'ok' ? 'status' : 'alert'}>
      {message}
    </Text>
  )
}

/** "This part is not live yet" for another helper's endpoint that is not there (404) yet. */
export const isMissing = (error: { status?: number; code?: string } | null | undefined) =>
  !!error && error.status === 404 && error.code === 'NOT_FOUND'
