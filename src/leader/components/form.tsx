import type { ReactNode } from 'react'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { lt } from '@/i18n/leader'
import './console.scss'
import './form.scss'

interface FieldProps {
  label: string
  error?: string | null
  hint?: string
  children: ReactNode
}

/** A labelled form row with its message in place, under the input it is about. */
export function Field({ label, error, hint, children }: FieldProps) {
  return (
    <View className='lc-field'>
      <Text className='lc-field__label'>{label}</Text>
      {children}
      {hint && !error && <Text className='lc-field__hint'>{hint}</Text>}
      <FieldError message={error} />
    </View>
  )
}

/** The red line under an input saying what is wrong with it; nothing when all is well. */
export function FieldError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <View className='lc-field__error' role='alert'>
      {message}
    </View>
  )
}

/** A form's notice: why the last try failed (useSubmit's `message`). */
export function FormNotice({ message }: { message: string }) {
  if (!message) return null
  return (
    <View className='lc-notice lc-notice--bad' role='alert'>
      {message}
    </View>
  )
}

interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  error?: string | null
  hint?: string
  type?: 'text' | 'number' | 'digit' | 'idcard'
  maxlength?: number
}

export function TextField({ label, value, onChange, placeholder, error, hint, type = 'text', maxlength }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint}>
      <Input
        className={`lc-input ${error ? 'lc-input--bad' : ''}`}
        aria-label={label}
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength ?? 140}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  )
}

export function TextAreaField({ label, value, onChange, placeholder, maxlength = 500 }: TextFieldProps) {
  return (
    <Field label={label}>
      <Textarea
        className='lc-textarea'
        aria-label={label}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  )
}

interface SegmentedProps<T extends string> {
  options: { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
  label: string
}

export function Segmented<T extends string>({ options, value, onChange, label }: SegmentedProps<T>) {
  return (
    <View className='lc-segmented' role='radiogroup' aria-label={label}>
      {options.map((o) => (
        <View
          key={o.value}
          role='radio'
          aria-checked={o.value === value}
          className={`lc-segmented__item ${o.value === value ? 'lc-segmented__item--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}

interface DateTimeFieldProps {
  label: string
  date: string
  time: string
  onChange: (date: string, time: string) => void
  error?: string | null
}

/** A date picker and a time picker side by side (Shanghai time); each opens the phone's own wheel. */
export function DateTimeField({ label, date, time, onChange, error }: DateTimeFieldProps) {
  return (
    <Field label={label} error={error}>
      <View className='lc-row'>
        <Wheel mode='date' value={date} label={lt('form.date', { label })} onChange={(d) => onChange(d, time)} />
        <Wheel mode='time' value={time} label={lt('form.time', { label })} onChange={(tm) => onChange(date, tm)} />
      </View>
    </Field>
  )
}

interface WheelProps {
  mode: 'date' | 'time'
  value: string
  /** what a screen reader says */
  label: string
  /** what the tile shows; the value itself when left out */
  text?: string
  onChange: (value: string) => void
}

/** A tile with a chevron that opens the phone's own date or time wheel; it takes its share of a row. */
export function Wheel({ mode, value, label, text, onChange }: WheelProps) {
  return (
    <View className='lc-grow'>
      <Picker mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='lc-picker' aria-label={label}>
          <Text>{text ?? value}</Text>
          <Text className='lc-chevron'>›</Text>
        </View>
      </Picker>
    </View>
  )
}
