import { View, Text } from '@tarojs/components'
import './inspector.scss'

interface Props {
  label: string
  value: string
  /** Red when something needs attention (overdue cases). */
  bad?: boolean
  /** A second line under the label (e.g. how the figure splits). */
  note?: string
  className?: string
  onTap?: () => void
}

/** One big figure with its label, in a wrapping grid (.ip-figures). */
export default function Figure({ label, value, bad, note, className = '', onTap }: Props) {
  return (
    <View className={`ip-figure ${bad ? 'ip-figure--bad' : ''} ${onTap ? 'ip-figure--link' : ''} ${className}`} onClick={onTap}>
      <Text className='ip-figure__value'>{value}</Text>
      <Text className='t-small'>{label}</Text>
      {note ? <Text className='t-small ip-figure__note'>{note}</Text> : null}
    </View>
  )
}
