import Taro from '@tarojs/taro'
import type { Role } from '@mingbai/shared'
import { request } from './request'
import { clearSession, getSession } from './session'

/** Signs out: revokes the refresh token on the server, and always forgets the session locally. */
export async function signOut(): Promise<void> {
  const session = getSession()
  try {
    if (session) await request<void>('/auth/logout', { method: 'POST', data: { refreshToken: session.refreshToken }, auth: false })
  } finally {
    clearSession()
  }
}

/** Where a signed-in staff member works. */
export function workbenchUrl(role: Role): string | null {
  if (role === 'bookkeeper') return '/packages/staff/pages/bookkeeper/index'
  if (role === 'approver') return '/packages/staff/pages/approver/index'
  return null
}

export function openWorkbench(role: Role): void {
  const url = workbenchUrl(role)
  if (url) void Taro.navigateTo({ url })
}
