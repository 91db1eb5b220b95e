import Taro from '@tarojs/taro'
import type { Role } from '@mingbai/shared'

/** The signed-in staff member's tokens, kept with the platform storage API. */
export interface Session {
  accessToken: string
  refreshToken: string
  user: { id: number; username: string; displayName: string; role: Role; regionId: number | null }
}

const KEY = 'mingbai.session'

export function getSession(): Session | null {
  const value = Taro.getStorageSync(KEY) as Session | ''
  return value && typeof value === 'object' && value.accessToken ? value : null
}

export function setSession(session: Session): void {
  Taro.setStorageSync(KEY, session)
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY)
}
