import { View, Text } from '@tarojs/components'
import { formatFen, type SummaryDto } from '@mingbai/shared'
import './MonthBars.scss'

interface Props {
  data: SummaryDto['months']
}

/** Income vs expense per month, drawn with plain Views (no chart library, no canvas). */
export default function MonthBars({ data }: Props) {
  const max = Math.max(1, ...data.map((d) => Math.max(d.incomeFen, d.expenseFen)))
  // A month whose reversals outweigh its entries is negative: draw it as empty.
  const pct = (v: number) => `${Math.round((Math.max(0, v) / max) * 100)}%`
  return (
    <View className='bars'>
      <View className='bars__plot'>
        {data.map((d) => (
          <View className='bars__month' key={d.month}>
            <View className='bars__pair'>
              <View className='bars__bar bars__bar--in' style={{ height: pct(d.incomeFen) }} />
              <View className='bars__bar bars__bar--out' style={{ height: pct(d.expenseFen) }} />
            </View>
            <Text className='bars__label'>{Number(d.month.slice(5))}</Text>
          </View>
        ))}
      </View>
      <View className='bars__legend'>
        <View className='bars__dot bars__dot--in' />
        <Text>收入</Text>
        <View className='bars__dot bars__dot--out' />
        <Text>支出</Text>
        <Text className='bars__unit'>横轴为月份</Text>
      </View>
      <View className='bars__total'>
        <Text className='t-small'>合计收入 {formatFen(data.reduce((s, d) => s + d.incomeFen, 0))}</Text>
      </View>
    </View>
  )
}
