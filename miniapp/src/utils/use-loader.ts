import { useCallback, useEffect, useRef, useState } from 'react'

export interface Loaded<T> {
  data: T | null
  loading: boolean
  error: unknown
  reload: () => Promise<void>
}

/**
 * Runs `load` when `deps` change and on `reload()`; keeps the last data while reloading. A result
 * that arrives after a newer load started is dropped, so a slow answer never overwrites a newer one.
 */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[], enabled = true): Loaded<T> {
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(enabled)
  const [error, setError] = useState<unknown>(null)
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setLoading(true)
    setError(null)
    try {
      const value = await loadRef.current()
      if (mine === generation.current) setData(value)
    } catch (e) {
      if (mine === generation.current) setError(e)
    } finally {
      if (mine === generation.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    if (enabled) void reload()
    // `deps` are the caller's: they say when to load again (reload() always calls the latest `load`).
  }, [...deps, enabled])

  return { data, loading, error, reload }
}
