import { Picker, Text, View } from '@tarojs/components'
import { formatDate } from '../../../utils/format'
import './staff.scss'

interface Props {
  value: string
  onChange: (date: string) => void
  disabled?: boolean
  start?: string
  end?: string
  placeholder?: string
  /** Offers 清除 when the date is optional. */
  clearable?: boolean
}

/** A date picker that shows the date the Chinese way (2026年3月5日). */
export default function DateField({ value, onChange, disabled, start, end, placeholder = '请选择日期', clearable }: Props) {
  const label = <Text className='t-body'>{value ? formatDate(value) : placeholder}</Text>
  if (disabled)
    return (
      <View className='sf-input sf-picker'>
        {label}
      </View>
    )
  return (
    <View className='sf-date'>
      <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='sf-input sf-picker'>
          {label}
          <Text className='t-small'>▼</Text>
        </View>
      </Picker>
      {clearable && value ? (
        <Text className='t-small sf-link' onClick={() => onChange('')}>
          清除日期
        </Text>
      ) : null}
    </View>
  )
}
