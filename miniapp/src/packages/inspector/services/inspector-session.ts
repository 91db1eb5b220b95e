import type { Session } from '../../../services/session'
import { useStaffSession } from '../../staff/services/staff-session'

// The inbox's own address (the landing page after sign-in is services/auth's INSPECTOR_PAGE).
export const INBOX_PAGE = '/packages/inspector/pages/inbox/index'
export const DETAIL_PAGE = '/packages/inspector/pages/detail/index'
export const STATS_PAGE = '/packages/inspector/pages/stats/index'
export const DASHBOARD_PAGE = '/packages/inspector/pages/dashboard/index'
export const RULES_PAGE = '/packages/inspector/pages/rules/index'
export const WATCHLIST_PAGE = '/packages/inspector/pages/watchlist/index'

/** The signed-in inspector, or null while anyone else is sent to the login page or their own page. */
export function useInspectorSession(): Session | null {
  return useStaffSession(['inspector'])
}
