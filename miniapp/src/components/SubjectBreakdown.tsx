import { Text, View } from '@tarojs/components'
import { formatFen, type SummaryDto } from '@mingbai/shared'
import './SubjectBreakdown.scss'

interface Props {
  subjects: SummaryDto['subjects']
}

function Section({ title, rows, kind }: { title: string; rows: SummaryDto['subjects']; kind: 'in' | 'out' }) {
  const total = rows.reduce((s, r) => s + Math.max(0, r.amountFen), 0)
  return (
    <View className='subjects__section'>
      <Text className='t-body subjects__heading'>{title}</Text>
      {rows.length === 0 ? <Text className='t-small'>本年没有</Text> : null}
      {rows.map((r) => {
        const pct = total > 0 ? Math.round((Math.max(0, r.amountFen) / total) * 100) : 0
        return (
          <View className='subjects__row' key={r.subjectCode}>
            <View className='subjects__line'>
              <Text className='t-body'>
                {r.subjectName}
                <Text className='t-small'>（{r.count}笔）</Text>
              </Text>
              <Text className='t-body subjects__amount'>{formatFen(r.amountFen)}</Text>
            </View>
            <View className='subjects__track'>
              <View className={`subjects__fill subjects__fill--${kind}`} style={{ width: `${pct}%` }} />
            </View>
          </View>
        )
      })}
    </View>
  )
}

/** Spending and income of the year by subject, largest first, with each one's share. */
export default function SubjectBreakdown({ subjects }: Props) {
  return (
    <View className='card subjects'>
      <Text className='t-title card__title'>按科目</Text>
      <Section title='支出' kind='out' rows={subjects.filter((s) => s.direction === 'expense')} />
      <Section title='收入' kind='in' rows={subjects.filter((s) => s.direction === 'income')} />
    </View>
  )
}
