import { CASE_KINDS, CASE_STATUSES, WARNING_STATES, type CaseKind, type CaseStatus, type WarningState } from '@mingbai/shared'
import { useCursorList } from '../../../utils/use-cursor-list'
import { inspectorApi } from './inspector-api'

export const PAGE_SIZE = 20

/** What the inspector chose on the inbox (empty = everything in scope). */
export interface InboxFilter {
  /** Citizen reports or rule warnings (absent: both). */
  kind?: CaseKind
  /** Warnings of one rule. */
  ruleId?: string
  /** Warnings whose condition still holds or has cleared. */
  warningState?: WarningState
  status?: CaseStatus
  villageId?: number
  categoryCode?: string
  overdue?: boolean
  /** 'me' for 指派给我. */
  assignee?: 'me'
  q?: string
}

/**
 * A filter another page asked for in the inbox's address (the dashboard's villages and the rules
 * page's open warnings): `?kind=warning&ruleId=rent-arrears&warningState=open&villageId=6&status=…&overdue=true`.
 * Anything unknown is left out.
 */
export function filterFromParams(params: Record<string, string | undefined>): InboxFilter {
  const f: InboxFilter = {}
  const kind = params.kind as CaseKind | undefined
  if (kind && CASE_KINDS.includes(kind)) f.kind = kind
  if (params.ruleId && /^[a-z0-9-]{1,64}$/.test(params.ruleId)) {
    f.kind = 'warning'
    f.ruleId = params.ruleId
  }
  const state = params.warningState as WarningState | undefined
  if (state && WARNING_STATES.includes(state)) {
    f.kind = 'warning'
    f.warningState = state
  }
  const status = params.status as CaseStatus | undefined
  if (status && CASE_STATUSES.includes(status)) f.status = status
  if (params.villageId && /^[1-9]\d{0,9}$/.test(params.villageId)) f.villageId = Number(params.villageId)
  if (params.overdue === 'true') f.overdue = true
  return f
}

/** A filter as the inbox's address (the inverse of filterFromParams), with the village's name for its picker. */
export function inboxUrl(page: string, filter: InboxFilter, villageName?: string): string {
  const parts = Object.entries({ ...filter, villageName: filter.villageId ? villageName : undefined })
    .filter(([, v]) => v !== undefined && v !== '' && v !== false)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${page}?${parts.join('&')}` : page
}

/**
 * The inbox for one filter, newest first, a page at a time with the server's opaque cursor.
 * `more()` appends the next page (also at the bottom of the page); `reload()` starts over (also when
 * the page is shown again, e.g. back from a case). Answers for a filter no longer shown are dropped.
 */
export function useInboxList(filter: InboxFilter, enabled = true) {
  const { page, ...list } = useCursorList(
    (cursor) => inspectorApi.inbox({ ...filter, cursor: cursor ?? undefined, limit: PAGE_SIZE }),
    // The filter's contents (a new object with the same choices loads nothing new).
    [JSON.stringify(filter)],
    enabled,
  )
  // `total`: how many reports match the filter (0 until a page is in).
  return { ...list, total: page?.total ?? 0 }
}
