import type { Session } from '../../../services/session'
import { useStaffSession } from '../../staff/services/staff-session'

export { INSPECTOR_PAGE as INBOX_PAGE } from '../../../services/auth'
export const DETAIL_PAGE = '/packages/inspector/pages/detail/index'
export const STATS_PAGE = '/packages/inspector/pages/stats/index'

/** The signed-in inspector, or null while anyone else is sent to the login page or their own page. */
export function useInspectorSession(): Session | null {
  return useStaffSession(['inspector'])
}
