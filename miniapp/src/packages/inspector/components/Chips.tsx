import { View, Text } from '@tarojs/components'
import './inspector.scss'

interface Props<T extends string> {
  options: { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
}

/** A wrapping row of large chips for one choice among several (e.g. the case status). */
export default function Chips<T extends string>({ options, value, onChange }: Props<T>) {
  return (
    <View className='ip-chips'>
      {options.map((o) => (
        <View key={o.value} className={`ip-chip ${o.value === value ? 'ip-chip--on' : ''}`} onClick={() => onChange(o.value)}>
          <Text className='t-body'>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}

/** One chip that is on or off (逾期, 指派给我). */
export function ToggleChip({ label, on, onChange }: { label: string; on: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className={`ip-chip ${on ? 'ip-chip--on' : ''}`} onClick={() => onChange(!on)}>
      <Text className='t-body'>{label}</Text>
    </View>
  )
}
