import type { EntryStatus } from '@mingbai/shared'
import { useCursorList } from '../../../utils/use-cursor-list'
import { staffApi } from './staff'

export const PAGE_SIZE = 20

/**
 * Staff entries of one status, newest first, a page at a time (keyset paging on the entry id).
 * `more()` appends the next page (also when the page is scrolled to the bottom); `reload()` starts
 * over (also when the page is shown again, e.g. back from the entry form). A response for a status
 * no longer shown is dropped.
 */
export function useEntryList(status: EntryStatus, enabled = true) {
  const { page: _page, ...list } = useCursorList((cursor) => staffApi.list({ status, cursor, limit: PAGE_SIZE }), [status], enabled)
  return list
}
