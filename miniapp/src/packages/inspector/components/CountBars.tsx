import { View, Text } from '@tarojs/components'
import './inspector.scss'

interface Props {
  rows: { key: string | number; label: string; count: number }[]
  emptyText?: string
}

/** Counts as horizontal bars drawn with plain Views (no chart library), largest first as given. */
export default function CountBars({ rows, emptyText = '没有数据' }: Props) {
  if (rows.length === 0) return <Text className='t-small'>{emptyText}</Text>
  const max = Math.max(1, ...rows.map((r) => r.count))
  return (
    <View>
      {rows.map((r) => (
        <View key={r.key} className='ip-hbar'>
          <View className='ip-hbar__head'>
            <Text className='t-body'>{r.label}</Text>
            <Text className='t-body'>{r.count} 件</Text>
          </View>
          <View className='ip-hbar__track'>
            <View className='ip-hbar__fill' style={{ width: `${Math.round((r.count / max) * 100)}%` }} />
          </View>
        </View>
      ))}
    </View>
  )
}
