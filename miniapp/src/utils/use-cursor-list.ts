import { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@mingbai/shared'

export interface CursorList<T, P> {
  items: T[]
  /** The cursor of the next page; null once the last page is in. */
  cursor: string | null
  /** The last page received since the list started over (for whatever else the server sends with it). */
  page: P | null
  loading: boolean
  error: unknown
  loaded: boolean
}

const INITIAL: CursorList<never, never> = { items: [], cursor: null, page: null, loading: false, error: null, loaded: false }

/**
 * A list read a page at a time with the server's opaque cursor (`fetchPage(null)` is the first page).
 * Loads when `deps` change; `more()` appends the next page (also at the bottom of the page); `reload()`
 * starts over (also when the page is shown again). An answer that arrives after the list started over
 * is dropped, so a slow page of an older list never lands in a newer one.
 */
export function useCursorList<P extends Page<unknown>>(fetchPage: (cursor: string | null) => Promise<P>, deps: unknown[], enabled = true) {
  const [state, setState] = useState<CursorList<P['items'][number], P>>(INITIAL)
  const generation = useRef(0)
  const busy = useRef(false)
  const cursor = useRef<string | null>(null)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback(async (reset: boolean) => {
    if (!reset && (busy.current || cursor.current === null)) return
    const gen = reset ? ++generation.current : generation.current
    busy.current = true
    setState((s) => (reset ? { ...INITIAL, loading: true } : { ...s, loading: true, error: null }))
    try {
      const page = await fetchRef.current(reset ? null : cursor.current)
      if (gen !== generation.current) return
      cursor.current = page.nextCursor
      setState((s) => ({
        items: reset ? page.items : [...s.items, ...page.items],
        cursor: page.nextCursor,
        page,
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
  }, [])

  useEffect(() => {
    if (enabled) void load(true)
    // `deps` are the caller's: they say when to start over (load() always calls the latest `fetchPage`).
  }, [...deps, enabled])

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
