import type { Transport } from './request'
import { takePrefetched } from './prefetch'

/** The H5 transport: the browser's fetch, with a timeout, JSON in and out. */
export const fetchTransport: Transport = async ({ url, method, data, header, timeout }) => {
  if (method === 'GET') {
    const early = await takePrefetched(url)
    if (early) return early
  }
  const controller = typeof AbortController === 'function' ? new AbortController() : null
  const timer = setTimeout(() => controller?.abort(), timeout)
  try {
    const res = await fetch(url, {
      method,
      headers: header,
      body: method === 'GET' || data === undefined ? undefined : JSON.stringify(data),
      signal: controller?.signal,
    })
    const text = await res.text()
    let body: unknown = text
    if (/json/i.test(res.headers.get('content-type') ?? '') && text) body = JSON.parse(text)
    return { statusCode: res.status, data: body }
  } finally {
    clearTimeout(timer)
  }
}
