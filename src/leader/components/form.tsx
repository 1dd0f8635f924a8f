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
      {error && (
        <View className='lc-field__error' role='alert'>
          {error}
        </View>
      )}
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
        <View className='lc-grow'>
          <Picker mode='date' value={date} onChange={(e) => onChange(String(e.detail.value), time)}>
            <View className='lc-picker' aria-label={lt('form.date', { label })}>
              <Text>{date}</Text>
              <Text className='lc-chevron'>›</Text>
            </View>
          </Picker>
        </View>
        <View className='lc-grow'>
          <Picker mode='time' value={time} onChange={(e) => onChange(date, String(e.detail.value))}>
            <View className='lc-picker' aria-label={lt('form.time', { label })}>
              <Text>{time}</Text>
              <Text className='lc-chevron'>›</Text>
            </View>
          </Picker>
        </View>
      </View>
    </Field>
  )
}
