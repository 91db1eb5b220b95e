import { Text, View } from '@tarojs/components'
import './village.scss'

interface Props<T extends string> {
  options: { value: T | undefined; label: string }[]
  value: T | undefined
  onChange: (value: T | undefined) => void
  /** A CSS hook for the row, e.g. `vg-filters__kind`. */
  className?: string
}

/** A wrapping row of round chips; the first option is usually 全部 (undefined). */
export default function Chips<T extends string>({ options, value, onChange, className = '' }: Props<T>) {
  return (
    <View className={`vg-filters__row ${className}`}>
      {options.map((o) => (
        <View key={o.label} className={`vg-chip ${o.value === value ? 'vg-chip--on' : ''}`} onClick={() => onChange(o.value)}>
          <Text className='t-body'>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** `全部` followed by one chip per label. */
export function choices<T extends string>(labels: Record<T, string>, all = '全部'): { value: T | undefined; label: string }[] {
  return [{ value: undefined, label: all }, ...(Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }))]
}
