import { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CaseStatus, InboxItemDto } from '@mingbai/shared'
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

interface ListState {
  items: InboxItemDto[]
  /** The cursor of the next page; null once the last page is in. */
  cursor: string | null
  /** How many reports match the filter (from the first page). */
  total: number
  loading: boolean
  error: unknown
  loaded: boolean
}

const INITIAL: ListState = { items: [], cursor: null, total: 0, loading: false, error: null, loaded: false }

/**
 * The inbox for one filter, newest first, a page at a time with the server's opaque cursor.
 * `more()` appends the next page (also at the bottom of the page); `reload()` starts over (also when
 * the page is shown again, e.g. back from a case). Answers for a filter no longer shown are dropped.
 */
export function useInboxList(filter: InboxFilter, enabled = true) {
  const [state, setState] = useState<ListState>(INITIAL)
  const generation = useRef(0)
  const busy = useRef(false)
  const cursor = useRef<string | null>(null)
  const key = JSON.stringify(filter)

  const load = useCallback(
    async (reset: boolean) => {
      if (!reset && (busy.current || cursor.current === null)) return
      const gen = reset ? ++generation.current : generation.current
      busy.current = true
      setState((s) => (reset ? { ...INITIAL, loading: true } : { ...s, loading: true, error: null }))
      try {
        const page = await inspectorApi.inbox({ ...filter, cursor: reset ? undefined : (cursor.current ?? undefined), limit: PAGE_SIZE })
        if (gen !== generation.current) return
        cursor.current = page.nextCursor
        setState((s) => ({
          items: reset ? page.items : [...s.items, ...page.items],
          cursor: page.nextCursor,
          total: page.total,
          loading: false,
          error: null,
          loaded: true,
        }))
      } catch (e) {
        if (gen !== generation.current) return
        setState((s) => ({ ...s, loading: false, error: e }))
      } finally {
        if (gen === generation.current) busy.current = false
      }
    },
    // `key` stands for the filter's contents (a new object with the same choices loads nothing new).
    [key],
  )

  useEffect(() => {
    if (enabled) void load(true)
  }, [load, enabled])

  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current && enabled) void load(true)
    shown.current = true
  })
  useReachBottom(() => {
    if (enabled) void load(false)
  })

  return { ...state, reload: () => load(true), more: () => load(false) }
}
