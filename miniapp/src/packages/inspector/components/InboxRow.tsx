import { View, Text } from '@tarojs/components'
import type { InboxItemDto } from '@mingbai/shared'
import { formatChinaDate } from '../services/labels'
import { OverdueTag, StatusTag } from './CaseTags'
import './inspector.scss'

/** One report in the inbox: category, status, overdue marker, excerpt, village, date, assignee, counts. */
export default function InboxRow({ item, onTap }: { item: InboxItemDto; onTap: (item: InboxItemDto) => void }) {
  const counts = [`照片${item.photoCount}`, `消息${item.messageCount}`]
  if (item.duplicateCount > 0) counts.push(`重复${item.duplicateCount}`)
  return (
    <View className={`card ip-row ip-row--${item.id}`} onClick={() => onTap(item)}>
      <View className='ip-row__top'>
        <Text className='t-body'>{item.categoryLabel}</Text>
        <StatusTag status={item.status} label={item.statusLabel} />
        <OverdueTag overdue={item.overdue} />
        {item.named ? <Text className='t-small ip-status'>实名</Text> : null}
      </View>
      <Text className='t-body ip-row__excerpt'>{item.excerpt}</Text>
      <Text className='t-small ip-row__meta'>
        {item.townName} {item.villageName} · {formatChinaDate(item.createdAt)}
      </Text>
      <Text className='t-small ip-row__meta'>
        承办人：{item.assigneeName ?? '未指派'} · {counts.join(' · ')}
      </Text>
    </View>
  )
}
