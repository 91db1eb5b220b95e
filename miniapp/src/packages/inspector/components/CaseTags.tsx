import { Text } from '@tarojs/components'
import type { CaseStatus, InboxItemDto } from '@mingbai/shared'
import { OVERDUE_LABELS } from '../services/labels'
import './inspector.scss'

export function StatusTag({ status, label }: { status: CaseStatus; label: string }) {
  return <Text className={`t-small ip-status ip-status--${status}`}>{label}</Text>
}

/** The red 受理逾期 / 办结逾期 marker; nothing for a case on time. */
export function OverdueTag({ overdue }: { overdue: InboxItemDto['overdue'] }) {
  if (!overdue) return null
  return <Text className='t-small ip-overdue'>{OVERDUE_LABELS[overdue]}</Text>
}
