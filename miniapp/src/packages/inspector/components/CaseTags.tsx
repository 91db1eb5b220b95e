import { Text } from '@tarojs/components'
import { RULE_SEVERITY_LABELS, WARNING_STATE_LABELS, type CaseStatus, type InboxItemDto, type RuleSeverity, type WarningState } from '@mingbai/shared'
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

/** 预警: a case the rules engine opened (a citizen report has no marker). */
export function WarningTag() {
  return <Text className='t-small ip-kind ip-kind--warning'>预警</Text>
}

/** A rule's severity: 提示 / 关注 / 重点. */
export function SeverityTag({ severity }: { severity: RuleSeverity }) {
  return <Text className={`t-small ip-sev ip-sev--${severity}`}>{RULE_SEVERITY_LABELS[severity]}</Text>
}

/** Whether the warning's condition still holds: only 已消除 is marked. */
export function WarningStateTag({ state }: { state: WarningState | null }) {
  if (state !== 'resolved') return null
  return <Text className='t-small ip-wstate ip-wstate--resolved'>{WARNING_STATE_LABELS.resolved}</Text>
}
