import Taro from '@tarojs/taro'
import type { VillagerSessionDto } from '@mingbai/shared'
import { ApiError } from './api-error'
import { request, type RequestOptions } from './request'

/**
 * The villager's own sign-in, for named reports and 我的举报. Only inside the WeChat mini-program:
 * `Taro.login` gives a one-time code the server exchanges with WeChat for the villager's openid.
 * A villager token is never mixed with the staff session: villager calls go with `auth: false` and
 * their own Authorization header. In a browser (H5) there is no villager sign-in: reports are anonymous.
 */

const KEY = 'mingbai.villager'
/** Renew a token this long before it expires, so a queued report never goes with a dying one. */
const MARGIN_MS = 60_000

export function villagerSignInAvailable(): boolean {
  return process.env.TARO_ENV === 'weapp'
}

function stored(): VillagerSessionDto | null {
  const v = Taro.getStorageSync(KEY) as VillagerSessionDto | ''
  return v && typeof v === 'object' && typeof v.token === 'string' && typeof v.expiresAt === 'string' ? v : null
}

/** The villager's token while it is valid, else null. */
export function getVillagerToken(now = Date.now()): string | null {
  const s = stored()
  if (!s) return null
  const exp = Date.parse(s.expiresAt)
  if (!Number.isFinite(exp) || exp - MARGIN_MS <= now) return null
  return s.token
}

export function clearVillagerSession(): void {
  Taro.removeStorageSync(KEY)
}

let signingIn: Promise<string> | null = null

/**
 * Signs the villager in (Taro.login → POST /api/villager/session) and answers the token. Concurrent
 * callers share one sign-in. Throws ApiError: 503 WECHAT_NOT_CONFIGURED, network failures (status 0)…
 */
export function signInVillager(): Promise<string> {
  signingIn ??= (async () => {
    try {
      if (!villagerSignInAvailable()) throw new ApiError({ statusCode: 400, code: 'WECHAT_ONLY', message: '请在微信小程序中使用' })
      let code: string
      try {
        code = (await Taro.login()).code
      } catch {
        // wx.login fails without a network connection: the same as any other network failure.
        throw new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络连接失败' })
      }
      if (!code) throw new ApiError({ statusCode: 0, code: 'NETWORK', message: '微信登录失败' })
      const session = await request<VillagerSessionDto>('/villager/session', { method: 'POST', data: { code }, auth: false })
      Taro.setStorageSync(KEY, session)
      return session.token
    } finally {
      signingIn = null
    }
  })()
  return signingIn
}

/** A valid villager token, signing in when there is none. */
export async function ensureVillagerToken(): Promise<string> {
  return getVillagerToken() ?? signInVillager()
}

/**
 * A request as the signed-in villager: signs in first when needed, and once more when the server
 * says the token is no longer valid (401).
 */
export async function villagerRequest<T>(path: string, opts: Omit<RequestOptions, 'auth'> = {}): Promise<T> {
  const attempt = (token: string) =>
    request<T>(path, { ...opts, auth: false, headers: { ...opts.headers, Authorization: `Bearer ${token}` } })
  const token = await ensureVillagerToken()
  try {
    return await attempt(token)
  } catch (e) {
    if (!(e instanceof ApiError) || e.statusCode !== 401) throw e
    clearVillagerSession()
    return attempt(await signInVillager())
  }
}
