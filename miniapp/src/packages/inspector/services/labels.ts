import { CASE_ACTION_LABELS, type CaseEventDto, type InboxItemDto } from '@mingbai/shared'
import { API_BASE } from '../../../services/request'

export { formatChinaTime } from '../../staff/services/approvals'

/** "2026-03-05T02:00:00.000Z" -> "2026年3月5日" (the day in China, UTC+8). */
export function formatChinaDate(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`
}

/** The red marker of a late case. */
export const OVERDUE_LABELS: Record<NonNullable<InboxItemDto['overdue']>, string> = {
  accept: '受理逾期',
  conclude: '办结逾期',
}

/**
 * Every entry of a case's trail: the lifecycle actions plus what happens beside them. The side
 * events are worded apart from the buttons of the same name (指派, 转办, 查看举报人身份).
 */
export const EVENT_LABELS: Record<CaseEventDto['action'], string> = {
  ...CASE_ACTION_LABELS,
  submitted: '提交举报',
  transferred: '转办至其他单位',
  assigned: '指派承办人',
  revealed: '查看了举报人身份',
  condition_cleared: '预警条件已消除',
  reopened: '预警条件再次出现',
}

/** A photo's signed URL as the platform can load it (weapp needs the API origin in front). */
export function photoSrc(url: string): string {
  return url.startsWith('/') ? API_BASE + url : url
}
