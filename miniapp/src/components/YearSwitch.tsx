import { Text, View } from '@tarojs/components'
import './YearSwitch.scss'

interface Props {
  year: number
  min: number
  max: number
  onChange: (year: number) => void
}

/** ‹ 2026年 › with large tap targets. */
export default function YearSwitch({ year, min, max, onChange }: Props) {
  return (
    <View className='year-switch'>
      <View
        className={`year-switch__btn ${year <= min ? 'year-switch__btn--off' : ''}`}
        onClick={() => year > min && onChange(year - 1)}
      >
        <Text className='t-title'>‹</Text>
      </View>
      <Text className='year-switch__label t-title'>{year}年</Text>
      <View
        className={`year-switch__btn ${year >= max ? 'year-switch__btn--off' : ''}`}
        onClick={() => year < max && onChange(year + 1)}
      >
        <Text className='t-title'>›</Text>
      </View>
    </View>
  )
}
