import { View, Text } from '@tarojs/components'
import './staff.scss'

interface Props<T extends string> {
  options: { value: T; label: string }[]
  value: T | ''
  onChange: (value: T) => void
  disabled?: boolean
}

/** A row of big buttons for a short choice (收入/支出, 个人/单位, 现金/银行/转账). */
export default function Segmented<T extends string>({ options, value, onChange, disabled }: Props<T>) {
  return (
    <View className={`sf-seg ${disabled ? 'sf-seg--disabled' : ''}`}>
      {options.map((o) => (
        <View
          key={o.value}
          className={`sf-seg__item ${o.value === value ? 'sf-seg__item--on' : ''}`}
          onClick={() => !disabled && onChange(o.value)}
        >
          <Text className='t-body'>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
