import { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EntryStatus } from '@mingbai/shared'
import { staffApi, type StaffEntryListItem } from './staff'

export const PAGE_SIZE = 20

interface ListState {
  items: StaffEntryListItem[]
  /** The cursor of the next page; null once the last page is in. */
  cursor: string | null
  loading: boolean
  error: unknown
  loaded: boolean
}

const INITIAL: ListState = { items: [], cursor: null, loading: false, error: null, loaded: false }

/**
 * Staff entries of one status, newest first, a page at a time (keyset paging on the entry id).
 * `more()` appends the next page (also when the page is scrolled to the bottom); `reload()` starts
 * over (also when the page is shown again, e.g. back from the entry form). A response for a status
 * no longer shown is dropped.
 */
export function useEntryList(status: EntryStatus, enabled = true) {
  const [state, setState] = useState<ListState>(INITIAL)
  const generation = useRef(0)
  const busy = useRef(false)
  const cursor = useRef<string | null>(null)

  const load = useCallback(
    async (reset: boolean) => {
      if (!reset && (busy.current || cursor.current === null)) return
      const gen = reset ? ++generation.current : generation.current
      busy.current = true
      setState((s) => (reset ? { ...INITIAL, loading: true } : { ...s, loading: true, error: null }))
      try {
        const page = await staffApi.list({ status, cursor: reset ? null : cursor.current, limit: PAGE_SIZE })
        if (gen !== generation.current) return
        cursor.current = page.nextCursor
        setState((s) => ({
          items: reset ? page.items : [...s.items, ...page.items],
          cursor: page.nextCursor,
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
    [status],
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
