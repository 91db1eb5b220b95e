import { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Page } from '@mingbai/shared'

export interface PublicList<T> {
  items: T[]
  cursor: string | null
  loading: boolean
  error: unknown
  loaded: boolean
}

const INITIAL: PublicList<never> = { items: [], cursor: null, loading: false, error: null, loaded: false }

/**
 * A public list read a page at a time with the API's cursor, like utils/use-cursor-list.ts but kept
 * when the page is shown again: a villager who opens a contract and comes back finds the list (and
 * the place in it) as it was. Starts over when `deps` change, on `reload()` (pull to refresh) and
 * when it is first enabled; `more()` appends the next page, also at the bottom of the page. A page
 * that arrives after the list started over is dropped.
 */
export function usePublicList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, deps: unknown[], enabled = true) {
  const [state, setState] = useState<PublicList<T>>(INITIAL)
  const generation = useRef(0)
  const busy = useRef(false)
  const cursor = useRef<string | null>(null)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const key = JSON.stringify(deps)
  const loadedKey = useRef<string | null>(null)

  const load = useCallback(async (reset: boolean) => {
    if (!reset && (busy.current || cursor.current === null)) return
    const gen = reset ? ++generation.current : generation.current
    busy.current = true
    setState((s) => (reset ? { ...INITIAL, loading: true } : { ...s, loading: true, error: null }))
    try {
      const page = await fetchRef.current(reset ? null : cursor.current)
      if (gen !== generation.current) return
      cursor.current = page.nextCursor
      setState((s) => ({ items: reset ? page.items : [...s.items, ...page.items], cursor: page.nextCursor, loading: false, error: null, loaded: true }))
    } catch (e) {
      if (gen === generation.current) setState((s) => ({ ...s, loading: false, error: e }))
    } finally {
      if (gen === generation.current) busy.current = false
    }
  }, [])

  useEffect(() => {
    // A tab switched back to keeps its list; new filters start over.
    if (!enabled || loadedKey.current === key) return
    loadedKey.current = key
    void load(true)
  }, [key, enabled])

  useReachBottom(() => {
    if (enabled) void load(false)
  })

  return { ...state, reload: () => load(true), more: () => load(false) }
}
