import type { StaffApproval } from './staff'

interface WithApprovals {
  approvals: StaffApproval[]
  rejectReason: string | null
  submittedAt: string | null
}

/** Why the entry was sent back: the latest rejection in its approval trail. */
export function lastRejectReason(e: WithApprovals): string | null {
  for (let i = e.approvals.length - 1; i >= 0; i--) {
    const a = e.approvals[i]
    if (a.decision === 'rejected') return a.reason ?? e.rejectReason
  }
  return e.rejectReason
}

/** Approvals given since the entry was last submitted (a rejection starts a new round). */
export function currentApprovals(e: WithApprovals): StaffApproval[] {
  const since = e.submittedAt ? Date.parse(e.submittedAt) : 0
  return e.approvals.filter((a) => a.decision === 'approved' && Date.parse(a.at) >= since)
}

/** "2026-11-26T06:23:14.188Z" -> "2026年11月26日 14:23" in China time (UTC+8). */
export function formatChinaTime(iso: string): string {
  const t = new Date(Date.parse(iso) + 8 * 3600_000)
  const hh = String(t.getUTCHours()).padStart(2, '0')
  const mm = String(t.getUTCMinutes()).padStart(2, '0')
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hh}:${mm}`
}
