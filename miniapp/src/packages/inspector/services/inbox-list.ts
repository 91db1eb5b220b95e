import type { CaseStatus } from '@mingbai/shared'
import { useCursorList } from '../../../utils/use-cursor-list'
import { inspectorApi } from './inspector-api'

export const PAGE_SIZE = 20

/** What the inspector chose on the inbox (empty = everything in scope). */
export interface InboxFilter {
  status?: CaseStatus
  villageId?: number
  categoryCode?: string
  overdue?: boolean
  /** 'me' for 指派给我. */
  assignee?: 'me'
  q?: string
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
