// Test helper (not part of the app): a fake API server behind request()'s transport.
import { setTransport } from '../../../services/request'
import { setSession, type Session } from '../../../services/session'
import type { StaffEntry } from '../services/staff'

export interface FakeCall {
  method: string
  /** Path without the /api prefix and without the query, e.g. /staff/entries/5/submit. */
  path: string
  query: URLSearchParams
  data: unknown
  header: Record<string, string>
}

/** What a route answers: a body (status 200), or [status, body]. */
type Answer = unknown | [number, unknown]
export type Routes = Record<string, (call: FakeCall) => Answer | Promise<Answer>>

/**
 * Installs a fake server; routes are keyed "METHOD /path" (e.g. "GET /villages/6"). An unknown
 * route answers 404 and is recorded, so a test sees every call the page made.
 */
export function fakeApi(routes: Routes): FakeCall[] {
  const calls: FakeCall[] = []
  setTransport(async ({ url, method, data, header }) => {
    const u = new URL(url, 'http://test')
    const call: FakeCall = { method, path: u.pathname.replace(/^\/api/, ''), query: u.searchParams, data, header }
    calls.push(call)
    const route = routes[`${method} ${call.path}`]
    if (!route) return { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: 'not found', details: [] } }
    const answer = await route(call)
    if (Array.isArray(answer) && answer.length === 2 && typeof answer[0] === 'number') return { statusCode: answer[0], data: answer[1] }
    return { statusCode: 200, data: answer }
  })
  return calls
}

export const errorBody = (statusCode: number, code: string, message: string, details: { field: string; reason: string }[] = []) => [
  statusCode,
  { statusCode, code, message, details },
]

export function signIn(role: Session['user']['role'], id = 2, regionId: number | null = 6): Session {
  const session: Session = {
    accessToken: `access-${role}`,
    refreshToken: 'refresh-token-for-tests-0001',
    user: { id, username: `demo_${role}`, displayName: role === 'bookkeeper' ? '石桥村报账员' : '石桥村村委会主任', role, regionId },
  }
  setSession(session)
  return session
}

export const VILLAGE = {
  id: 6,
  code: '359901001001',
  name: '石桥村',
  level: 'village',
  parentId: 3,
  path: [],
  chartVersion: '2023',
  ledgerStart: '2025-01-01',
  openingBalanceFen: 0,
  chainHead: { serial: 0, hash: '0'.repeat(64) },
  totals: { incomeFen: 0, expenseFen: 0, balanceFen: 0 },
}

export const CHART = {
  version: '2023',
  title: '农村集体经济组织会计制度',
  source: 'test',
  verified: false,
  accounts: [
    { code: '1', name: '资产类', direction: null, level: 1 },
    { code: '501', name: '经营收入', direction: 'income', level: 1 },
    { code: '504', name: '其他收入', direction: 'income', level: 1 },
    { code: '511', name: '经营支出', direction: 'expense', level: 1 },
    { code: '513', name: '管理费用', direction: 'expense', level: 1 },
  ],
}

export function staffEntry(over: Partial<StaffEntry> = {}): StaffEntry {
  return {
    id: 9,
    villageId: 6,
    status: 'draft',
    direction: 'expense',
    subjectCode: '513',
    subjectName: '管理费用',
    amountFen: 32000,
    occurredOn: '2026-03-05',
    counterpartyKind: 'organisation',
    counterpartyName: '清溪县溪畔农家饭店',
    counterpartyDisplay: '清溪县溪畔农家饭店',
    summary: '村民代表会议误餐费',
    paymentMethod: 'transfer',
    voucherNo: null,
    reversesId: null,
    reversalReason: null,
    rejectReason: null,
    approvalsRequired: 1,
    importBatchId: null,
    createdBy: 2,
    createdAt: '2026-03-05T02:00:00.000Z',
    submittedAt: null,
    publishedAt: null,
    serial: null,
    hash: null,
    prevHash: null,
    approvals: [],
    attachments: [],
    ...over,
  }
}
