import { CASE_ACTION_LABELS, CASE_OUTCOME_LABELS, type ReportTimelineItemDto, type CaseOutcome } from '@mingbai/shared'

/** "2026-03-05T06:20:00Z" -> "2026年3月5日 14:20" (China time). */
export function formatDateTime(iso: string): string {
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return iso
  const d = new Date(t + 8 * 3600_000)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`
}

/** What happened at one step of the timeline, in the reporter's words. */
export function timelineActionLabel(action: ReportTimelineItemDto['action']): string {
  if (action === 'submitted') return '收到举报'
  if (action === 'transferred') return '转交其他纪检监察机关办理'
  return CASE_ACTION_LABELS[action] ?? action
}

export function outcomeLabel(outcome: CaseOutcome | null): string | null {
  return outcome ? CASE_OUTCOME_LABELS[outcome] : null
}
