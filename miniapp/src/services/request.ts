import Taro from '@tarojs/taro'
import { ApiError } from './api-error'
import { fetchTransport } from './fetch-transport'
import { clearSession, getSession, setSession, type Session } from './session'

/**
 * The one way the app talks to the server. It adds the staff token, times out, retries idempotent
 * GETs on network failures and 5xx, refreshes an expired token once, and throws ApiError on any
 * failure: it never swallows one. Uploads and authenticated downloads (file-transfer.ts) share its
 * token handling and errors.
 */

// H5 is served by the API server itself, so a relative base works; weapp needs an absolute https
// URL on the mini-program's allowed-domain list (TARO_APP_API at build time).
export const API_BASE: string = (process.env.TARO_APP_API as string | undefined) || ''

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  data?: unknown
  /** Send the staff token (default: when signed in). */
  auth?: boolean
  timeout?: number
  retries?: number
  /** Extra request headers (e.g. Idempotency-Key, a villager's Authorization with `auth: false`). */
  headers?: Record<string, string>
}

const DEFAULT_TIMEOUT = 10_000
const GET_RETRIES = 2
const BACKOFF_MS = 300

export interface RawResponse {
  statusCode: number
  data: unknown
}

export type Transport = (opts: {
  url: string
  method: string
  data?: unknown
  header: Record<string, string>
  timeout: number
}) => Promise<RawResponse>

const taroTransport: Transport = async ({ url, method, data, header, timeout }) => {
  const res = await Taro.request({ url, method: method as 'GET', data: data as never, header, timeout, dataType: 'json' })
  return { statusCode: res.statusCode, data: res.data }
}

// On H5 the browser's own fetch is used: Taro.request's H5 version bundles fetch/AbortController
// polyfills and JSONP (~45 KB) that every supported browser has no need of, and fetch picks up the
// responses index.html already requested (prefetch.ts). The build drops the branch not taken.
const defaultTransport: Transport = process.env.TARO_ENV === 'h5' ? fetchTransport : taroTransport
let transport: Transport = defaultTransport

/** Tests replace the network; `setTransport()` without an argument restores the platform's. */
export function setTransport(t: Transport = defaultTransport): void {
  transport = t
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Rejects with Error('timeout') when `p` has not settled after `ms`; the timer never outlives `p`. */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.()
      reject(new Error('timeout'))
    }, ms)
    p.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
}

export const networkError = () => new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络连接失败' })

export function authHeader(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {}
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<RawResponse> {
  const method = opts.method ?? 'GET'
  // wx.request labels every body application/json, and the server refuses an empty JSON body, so a
  // POST/PATCH/DELETE without data (submit, approve, delete) sends an empty object instead of nothing.
  const data = method !== 'GET' && opts.data === undefined ? {} : opts.data
  const header: Record<string, string> = { ...authHeader(token), ...opts.headers }
  if (data !== undefined) header['content-type'] = 'application/json'
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT
  const retries = method === 'GET' ? (opts.retries ?? GET_RETRIES) : 0
  for (let attempt = 0; ; attempt++) {
    let res: RawResponse | null = null
    try {
      res = await withTimeout(transport({ url: `${API_BASE}/api${path}`, method, data, header, timeout }), timeout + 100)
    } catch {
      res = null
    }
    const retryable = res === null || res.statusCode >= 500
    if (!retryable || attempt >= retries) {
      if (res === null) throw networkError()
      return res
    }
    await sleep(BACKOFF_MS * 2 ** attempt)
  }
}

let refreshing: Promise<Session | null> | null = null

/**
 * A new token pair for `session`. Concurrent callers share one refresh (a refresh token works only
 * once: using it twice would sign the user out). A refused refresh clears the session; a network
 * failure keeps it and throws.
 */
function refresh(session: Session): Promise<Session | null> {
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

/**
 * Runs `attempt` with the current access token; on 401 gets a fresh token once and runs it again.
 * When another request already renewed the token meanwhile, it just retries with the new one.
 */
export async function withAuth(auth: boolean | undefined, attempt: (token: string | null) => Promise<RawResponse>): Promise<RawResponse> {
  const session = auth === false ? null : getSession()
  const res = await attempt(session?.accessToken ?? null)
  if (res.statusCode !== 401 || !session) return res
  const current = getSession()
  const renewed = current && current.accessToken !== session.accessToken ? current : await refresh(session)
  return renewed ? attempt(renewed.accessToken) : res
}

export function toApiError(res: RawResponse): ApiError {
  const body = (res.data && typeof res.data === 'object' ? res.data : {}) as Record<string, unknown>
  return new ApiError({
    statusCode: res.statusCode,
    code: typeof body.code === 'string' ? body.code : undefined,
    message: typeof body.message === 'string' ? body.message : undefined,
    details: Array.isArray(body.details) ? (body.details as ApiError['details']) : [],
  })
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await withAuth(opts.auth, (token) => send(path, opts, token))
  if ((res.statusCode >= 200 && res.statusCode < 300) || res.statusCode === 304) return res.data as T
  throw toApiError(res)
}

