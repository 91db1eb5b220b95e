import { View, Text } from '@tarojs/components'
import { ENTRY_STATUS_LABELS } from '@mingbai/shared'
import { amountClass, formatDate, signedAmount } from '../../../utils/format'
import { lastRejectReason } from '../services/approvals'
import type { StaffEntryListItem } from '../services/staff'
import './staff.scss'

interface Props {
  entry: StaffEntryListItem
  /** Small labels after the status (e.g. 批次#3, 他人录入). */
  tags?: string[]
  onTap: (entry: StaffEntryListItem) => void
}

/** One entry in a staff list: date, summary, signed amount, status; a rejected one shows why. */
export default function EntryRow({ entry, tags = [], onTap }: Props) {
  const reversal = entry.reversesId !== null
  const reason = entry.status === 'rejected' ? lastRejectReason(entry) : null
  return (
    <View className='card sf-row' onClick={() => onTap(entry)}>
      <View className='sf-row__top'>
        <Text className='t-small'>{formatDate(entry.occurredOn)}</Text>
        <Text className={`t-small sf-status sf-status--${entry.status}`}>{ENTRY_STATUS_LABELS[entry.status]}</Text>
      </View>
      <View className='sf-row__main'>
        <Text className='t-body sf-row__summary'>
          {reversal ? '【红字冲销】' : ''}
          {entry.summary}
        </Text>
        <Text className={`t-body sf-row__amount ${amountClass(entry.direction, reversal)}`}>
          {signedAmount(entry.direction, entry.amountFen, reversal)}
        </Text>
      </View>
      <Text className='t-small'>
        {entry.subjectCode} {entry.subjectName} · {entry.counterpartyName}
        {tags.map((t) => ` · ${t}`).join('')}
      </Text>
      {reason ? <Text className='t-small sf-row__reason'>退回原因：{reason}</Text> : null}
    </View>
  )
}
