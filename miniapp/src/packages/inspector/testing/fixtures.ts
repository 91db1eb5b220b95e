// Test helper (not part of the app): inspector sessions and report shapes as the server sends them.
import type { InboxItemDto, ReportDetailDto } from '@mingbai/shared'
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
    ...over,
  }
}
