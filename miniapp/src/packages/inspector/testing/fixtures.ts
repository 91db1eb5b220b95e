// Test helper (not part of the app): inspector sessions and report shapes as the server sends them.
import type { InboxItemDto, ReportDetailDto, RuleDto, WarningDto } from '@mingbai/shared'
import { setSession, type Session } from '../../../services/session'

export { errorBody, fakeApi, type FakeCall } from '../../staff/testing/fake-api'

export function signInInspector(id = 21, regionId = 3): Session {
  const session: Session = {
    accessToken: 'access-inspector',
    refreshToken: 'refresh-token-for-tests-0001',
    user: { id, username: 'demo_inspector', displayName: '清溪镇纪委 王监察', role: 'inspector', regionId },
  }
  setSession(session)
  return session
}

export function inboxItem(over: Partial<InboxItemDto> = {}): InboxItemDto {
  return {
    id: 41,
    kind: 'report',
    severity: null,
    warningState: null,
    villageId: 6,
    villageName: '石桥村',
    townName: '清溪镇',
    officeRegionId: 3,
    officeName: '清溪镇纪委',
    categoryCode: 'false_claims',
    categoryLabel: '虚报冒领',
    excerpt: '村里修路的误工补贴发给了没干活的人',
    status: 'submitted',
    statusLabel: '待受理',
    createdAt: '2026-03-05T02:00:00.000Z',
    updatedAt: '2026-03-05T02:00:00.000Z',
    assigneeId: null,
    assigneeName: null,
    overdue: null,
    acceptDueAt: '2026-03-12T15:59:59.999Z',
    concludeDueAt: '2026-05-04T02:00:00.000Z',
    photoCount: 0,
    messageCount: 0,
    duplicateCount: 0,
    named: false,
    ...over,
  }
}

export function reportDetail(over: Partial<ReportDetailDto> = {}): ReportDetailDto {
  return {
    ...inboxItem(),
    text: '村里修路的误工补贴发给了没干活的人，名单上有三个人那几天在外地打工。',
    subject: { type: 'entry', id: 12, title: '2026-03-01 支出 ¥3,200.00 修路误工补贴', path: '/pages/entry/index?id=12' },
    photos: [],
    messages: [],
    events: [
      { id: 1, at: '2026-03-05T02:00:00.000Z', action: 'submitted', fromStatus: null, toStatus: 'submitted', actorName: null, note: null },
    ],
    outcome: null,
    amountRecoveredFen: null,
    allowedActions: ['accept', 'decline'],
    duplicates: [],
    duplicateOfId: null,
    notifiable: false,
    warning: null,
    links: [],
    ...over,
  }
}

export function warning(over: Partial<WarningDto> = {}): WarningDto {
  return {
    id: 7,
    ruleId: 'rent-arrears',
    ruleTitle: '租金拖欠',
    severity: 'high',
    subjectType: 'contract',
    subjectId: 15,
    period: '2025-10-01',
    villageId: 6,
    villageName: '石桥村',
    state: 'open',
    summary: '鱼塘承包合同2025年10月1日到期的租金12,000.00元逾期158天未收',
    amountFen: 1_200_000,
    evidence: [
      { type: 'contract', id: 15, label: '石桥村鱼塘承包合同（张*三）', path: '/packages/village/pages/contract/index?id=15' },
      { type: 'installment', id: 88, label: '2025-10-01 应收 12,000.00 元，已收 0.00 元', path: null },
    ],
    facts: { contractId: 15, installmentId: 88, dueOn: '2025-10-01', outstandingFen: 1_200_000, overdueDays: 158, graceDays: 60 },
    detectedAt: '2026-03-01T18:00:00.000Z',
    resolvedOn: null,
    caseId: 52,
    ...over,
  }
}

/** A warning's case as the inbox and the detail page get it. */
export function warningDetail(over: Partial<ReportDetailDto> = {}): ReportDetailDto {
  const w = over.warning ?? warning()
  return reportDetail({
    id: 52,
    kind: 'warning',
    severity: w.severity,
    warningState: w.state,
    categoryCode: `rule:${w.ruleId}`,
    categoryLabel: w.ruleTitle,
    excerpt: w.summary,
    text: w.summary,
    subject: { type: 'contract', id: 15, title: '石桥村鱼塘承包合同', path: '/packages/village/pages/contract/index?id=15' },
    events: [{ id: 1, at: '2026-03-01T18:00:00.000Z', action: 'submitted', fromStatus: null, toStatus: 'submitted', actorName: null, note: null }],
    warning: w,
    ...over,
  })
}

export function rule(over: Partial<RuleDto> = {}): RuleDto {
  return {
    id: 'rent-arrears',
    title: '租金拖欠',
    explanation: '合同的某期租金过了应付日期仍未收齐，超过宽限天数即预警。',
    severity: 'high',
    params: [{ key: 'graceDays', label: '宽限天数', kind: 'days', defaultValue: 60, min: 1, max: 365 }],
    incremental: true,
    effectiveParams: { graceDays: 60 },
    enabled: true,
    precision: 0.75,
    concluded: 4,
    substantiated: 3,
    openWarnings: 2,
    lastRun: { ruleId: 'rent-arrears', mode: 'full', startedAt: '2026-03-08T18:00:00.000Z', durationMs: 412, findings: 5, created: 1, resolved: 2, error: null },
    ...over,
  }
}
