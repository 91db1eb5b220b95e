import Taro from '@tarojs/taro'
import type { Role } from '@mingbai/shared'
import { request } from './request'
import { clearSession, getSession } from './session'

// Staff pages live in a subpackage; their addresses are here because the main package (我的) links
// to them and must not import from a subpackage.
export const LOGIN_PAGE = '/packages/staff/pages/login/index'
export const BOOKKEEPER_PAGE = '/packages/staff/pages/bookkeeper/index'
export const APPROVER_PAGE = '/packages/staff/pages/approver/index'
export const POSTER_PAGE = '/packages/staff/pages/poster/index'
/** The discipline office's (纪检监察) inbox of citizen reports. */
export const INSPECTOR_PAGE = '/packages/inspector/pages/dashboard/index'
export const ME_PAGE = '/pages/me/index'

/**
 * Revokes this login's refresh token on the server, then forgets it locally in any case.
 * Answers a message to show when the server could not be told (the local session is gone anyway).
 */
export async function signOut(): Promise<string | null> {
  const session = getSession()
  let problem: string | null = null
  if (session) {
    try {
      await request<null>('/auth/logout', { method: 'POST', data: { refreshToken: session.refreshToken }, auth: false })
    } catch {
      problem = '未能通知服务器退出，本机已退出登录'
    }
  }
  clearSession()
  return problem
}

/** Where a signed-in staff member works in the app (admins work in the web console, not here). */
export function workbenchUrl(role: Role): string | null {
  if (role === 'bookkeeper') return BOOKKEEPER_PAGE
  if (role === 'approver') return APPROVER_PAGE
  if (role === 'inspector') return INSPECTOR_PAGE
  return null
}

export function openWorkbench(role: Role): void {
  const url = workbenchUrl(role)
  if (url) void Taro.navigateTo({ url })
}
