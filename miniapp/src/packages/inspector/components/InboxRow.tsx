import { View, Text } from '@tarojs/components'
import type { InboxItemDto } from '@mingbai/shared'
import { formatChinaDate } from '../services/labels'
import { OverdueTag, SeverityTag, StatusTag, WarningStateTag, WarningTag } from './CaseTags'
import './inspector.scss'

/**
 * One case in the inbox. A report: category, status, overdue marker, excerpt, village, date,
 * assignee, counts. A warning: 预警 with its severity and the rule's title, whether the condition
 * has cleared, and the finding's summary; it has no photos, messages or reporter. `ruleTitle`:
 * the rule's title when known (the server labels a warning's category with it too).
 */
export default function InboxRow({ item, ruleTitle, onTap }: { item: InboxItemDto; ruleTitle?: string; onTap: (item: InboxItemDto) => void }) {
  const warning = item.kind === 'warning'
  const counts = warning ? [] : [`照片${item.photoCount}`, `消息${item.messageCount}`]
  if (item.duplicateCount > 0) counts.push(`重复${item.duplicateCount}`)
  return (
    <View className={`card ip-row ip-row--${item.id} ${warning ? 'ip-row--warning' : ''}`} onClick={() => onTap(item)}>
      <View className='ip-row__top'>
        {warning ? <WarningTag /> : null}
        {warning && item.severity ? <SeverityTag severity={item.severity} /> : null}
        <Text className='t-body ip-row__category'>{(warning && ruleTitle) || item.categoryLabel}</Text>
        <StatusTag status={item.status} label={item.statusLabel} />
        <OverdueTag overdue={item.overdue} />
        {warning ? <WarningStateTag state={item.warningState} /> : null}
        {item.named ? <Text className='t-small ip-status'>实名</Text> : null}
      </View>
      <Text className='t-body ip-row__excerpt'>{item.excerpt}</Text>
      <Text className='t-small ip-row__meta'>
        {item.townName} {item.villageName} · {formatChinaDate(item.createdAt)}
      </Text>
      <Text className='t-small ip-row__meta'>
        承办人：{item.assigneeName ?? '未指派'}
        {counts.length ? ` · ${counts.join(' · ')}` : ''}
      </Text>
    </View>
  )
}
