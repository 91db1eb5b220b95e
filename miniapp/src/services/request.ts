import Taro from '@tarojs/taro'
import { ApiError } from './api-error'
import { clearSession, getSession, setSession, type Session } from './session'

/**
 * The one way the app talks to the server. It adds the staff token, times out, retries idempotent
 * GETs on network failures and 5xx, refreshes an expired token once, and throws ApiError on any
 * failure: it never swallows one.
 */

// H5 is served by the API server itself, so a relative base works; weapp needs an absolute https
// URL on the mini-program's allowed-domain list (TARO_APP_API at build time).
export const API_BASE: string = (process.env.TARO_APP_API as string | undefined) || ''

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  data?: unknown
  /** Send the staff token (default: when signed in). */
  auth?: boolean
  timeout?: number
  retries?: number
}

const DEFAULT_TIMEOUT = 10_000
const GET_RETRIES = 2

export type Transport = (opts: {
  url: string
  method: string
  data?: unknown
  header: Record<string, string>
  timeout: number
}) => Promise<{ statusCode: number; data: unknown }>

let transport: Transport = async ({ url, method, data, header, timeout }) => {
  const res = await Taro.request({ url, method: method as 'GET', data: data as never, header, timeout, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data }
}

/** Tests replace the network. */
export function setTransport(t: Transport): void {
  transport = t
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function send(path: string, opts: RequestOptions, token: string | null): Promise<{ statusCode: number; data: unknown }> {
  const header: Record<string, string> = { 'content-type': 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT
  const method = opts.method ?? 'GET'
  const retries = method === 'GET' ? (opts.retries ?? GET_RETRIES) : 0
  for (let attempt = 0; ; attempt++) {
    let res: { statusCode: number; data: unknown } | null = null
    try {
      res = await Promise.race([
        transport({ url: `${API_BASE}/api${path}`, method, data: opts.data, header, timeout }),
        sleep(timeout + 100).then(() => Promise.reject(new Error('timeout'))),
      ])
    } catch {
      res = null
    }
    const retryable = res === null || res.statusCode >= 500
    if (!retryable || attempt >= retries) {
      if (res === null) throw new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络连接失败' })
      return res
    }
    await sleep(300 * 2 ** attempt)
  }
}

let refreshing: Promise<Session | null> | null = null

async function refresh(session: Session): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      const res = await send('/auth/refresh', { method: 'POST', data: { refreshToken: session.refreshToken } }, null)
      if (res.statusCode !== 200) {
        clearSession()
        return null
      }
      const next = res.data as Session
      setSession({ accessToken: next.accessToken, refreshToken: next.refreshToken, user: next.user })
      return getSession()
    } finally {
      refreshing = null
    }
  })()
  return refreshing
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const session = opts.auth === false ? null : getSession()
  let res = await send(path, opts, session?.accessToken ?? null)
  if (res.statusCode === 401 && session) {
    const renewed = await refresh(session)
    if (renewed) res = await send(path, opts, renewed.accessToken)
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  if (res.statusCode === 304) return res.data as T
  const body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>
  throw new ApiError({
    statusCode: res.statusCode,
    code: typeof body.code === 'string' ? body.code : undefined,
    message: typeof body.message === 'string' ? body.message : undefined,
    details: Array.isArray(body.details) ? (body.details as ApiError['details']) : [],
  })
}
