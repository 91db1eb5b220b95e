import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { PublicEntryDto } from '@mingbai/shared'
import { amountClass, formatDate, signedAmount } from '../utils/format'
import { VERDICT_LABELS, type EntryVerdict } from '../utils/verify'
import './EntryRow.scss'

interface Props {
  entry: PublicEntryDto
  verdict?: EntryVerdict
}

/** One published entry in a list: date, summary, signed amount, serial; tap opens the detail. */
export default function EntryRow({ entry, verdict }: Props) {
  const isReversal = entry.reversesId !== null
  const bad = verdict !== undefined && verdict !== 'ok'
  const open = () => Taro.navigateTo({ url: `/pages/entry/index?id=${entry.id}` })
  return (
    <View className={`entry-row ${bad ? 'entry-row--bad' : ''}`} onClick={open}>
      <View className='entry-row__main'>
        <Text className='entry-row__summary t-body'>{entry.summary}</Text>
        <Text className={`entry-row__amount t-body ${amountClass(entry.direction, isReversal)}`}>
          {signedAmount(entry.direction, entry.amountFen, isReversal)}
        </Text>
      </View>
      <View className='entry-row__meta'>
        <Text className='t-small'>
          {formatDate(entry.occurredOn)} · {entry.subjectName}
          {entry.counterpartyName ? ` · ${entry.counterpartyName}` : ''}
        </Text>
        <Text className='entry-row__serial t-small'>第{entry.serial}号</Text>
      </View>
      {isReversal || entry.reversedById !== null || entry.attachmentCount > 0 || bad ? (
        <View className='entry-row__tags'>
          {isReversal ? <Text className='tag tag--warn'>冲销第{entry.reversesSerial}号</Text> : null}
          {entry.reversedById !== null ? <Text className='tag tag--warn'>已被冲销</Text> : null}
          {entry.attachmentCount > 0 ? <Text className='tag'>凭证{entry.attachmentCount}张</Text> : null}
          {bad ? <Text className='tag tag--bad'>校验未通过：{VERDICT_LABELS[verdict]}</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
