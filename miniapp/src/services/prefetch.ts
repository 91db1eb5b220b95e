import type { RawResponse } from './request'

/**
 * On H5, index.html starts the village home's three GETs before any JavaScript bundle has arrived
 * (see src/index.html, `__MINGBAI_PREFETCH__`): on a slow network that saves a whole round trip
 * after the bundles. The first request for the same URL takes the answer; later ones go to the
 * network as usual. A prefetch that failed is simply ignored.
 */
type Prefetched = Record<string, Promise<RawResponse | null> | undefined>

export async function takePrefetched(url: string): Promise<RawResponse | null> {
  const store = (typeof window !== 'undefined' ? (window as unknown as { __MINGBAI_PREFETCH__?: Prefetched }).__MINGBAI_PREFETCH__ : undefined)
  const hit = store?.[url]
  if (!hit) return null
  delete store[url]
  try {
    return await hit
  } catch {
    return null
  }
}
