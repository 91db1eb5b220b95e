import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Role } from '@mingbai/shared'
import { getSession, type Session } from '../../../services/session'
import { LOGIN_PAGE, ME_PAGE, workbenchUrl } from '../../../services/auth'

export { APPROVER_PAGE, BOOKKEEPER_PAGE, LOGIN_PAGE, POSTER_PAGE, signOut } from '../../../services/auth'
export const ENTRY_FORM_PAGE = '/packages/staff/pages/entry-form/index'
export const REVIEW_PAGE = '/packages/staff/pages/review/index'

/** Where a staff member lands after signing in: bookkeepers and approvers have their own page. */
export function goToLanding(role: Role): void {
  const url = workbenchUrl(role)
  if (url) void Taro.redirectTo({ url })
  else void Taro.switchTab({ url: ME_PAGE })
}

/** The current session when its role may use a page, else null. */
function allowedSession(roles: Role[]): Session | null {
  const session = getSession()
  return session && roles.includes(session.user.role) ? session : null
}

/**
 * The session of a staff member allowed on this page, or null while everyone else is sent away
 * (after the first render): to the login page when signed out, to their own page when the role
 * does not fit.
 */
export function useStaffSession(roles: Role[]): Session | null {
  const [session] = useState(() => allowedSession(roles))
  useEffect(() => {
    if (session) return
    const current = getSession()
    if (current) goToLanding(current.user.role)
    else void Taro.redirectTo({ url: LOGIN_PAGE })
  }, [])
  return session
}

