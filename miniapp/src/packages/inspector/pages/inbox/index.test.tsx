import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock, setRouterParams } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { setSession } from '../../../../services/session'
import { fakeApi, inboxItem, signInInspector, warning, type FakeCall } from '../../testing/fixtures'
import Inbox from './index'

beforeEach(() => resetTaroMock())
afterAll(() => setTransport())

const late = inboxItem({
  id: 41,
  overdue: 'accept',
  excerpt: '误工补贴发给了没干活的人',
  photoCount: 2,
  messageCount: 1,
  named: true,
})
const investigating = inboxItem({
  id: 40,
  villageId: 7,
  villageName: '河口村',
  categoryCode: 'rent_uncollected',
  categoryLabel: '租金未收',
  status: 'investigating',
  statusLabel: '核查中',
  overdue: 'conclude',
  excerpt: '鱼塘承包费三年没收',
  assigneeId: 21,
  assigneeName: '王监察',
  duplicateCount: 1,
})
const onTime = inboxItem({ id: 39, excerpt: '按时的举报', status: 'accepted', statusLabel: '已受理' })

const inboxCalls = (calls: FakeCall[]) => calls.filter((c) => c.path === '/inspector/reports')

function routes(extra: Record<string, (c: FakeCall) => unknown> = {}) {
  return fakeApi({
    'GET /report-categories': () => [
      { code: 'false_claims', label: '虚报冒领' },
      { code: 'rent_uncollected', label: '租金未收' },
    ],
    'GET /inspector/reports': (c) =>
      c.query.get('cursor') === 'page2'
        ? { items: [onTime], nextCursor: null, total: 3 }
        : { items: [late, investigating], nextCursor: 'page2', total: 3 },
    ...extra,
  })
}

it('sends a signed-out visitor to the login page and other staff to their own page', () => {
  const calls = fakeApi({})
  const { unmount } = render(<Inbox />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' })
  unmount()
  setSession({ accessToken: 'a', refreshToken: 'r', user: { id: 2, username: 'b', displayName: '报账员', role: 'bookkeeper', regionId: 6 } })
  render(<Inbox />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/bookkeeper/index' })
  expect(calls.filter((c) => c.path.startsWith('/inspector'))).toHaveLength(0)
})

it('lists the reports with status, overdue markers, village, assignee and counts, and pages on', async () => {
  signInInspector()
  const calls = routes()
  const { container } = render(<Inbox />)
  expect(await screen.findByText('误工补贴发给了没干活的人')).toBeTruthy()
  expect(screen.getByText('举报受理')).toBeTruthy()
  expect(screen.getByText('清溪镇纪委 王监察')).toBeTruthy()
  expect(screen.getByText('共 3 件')).toBeTruthy()

  const row41 = container.querySelector('.ip-row--41')!
  expect(row41.querySelector('.ip-overdue')!.textContent).toBe('受理逾期')
  expect(row41.textContent).toContain('虚报冒领')
  expect(row41.textContent).toContain('待受理')
  expect(row41.textContent).toContain('清溪镇 石桥村 · 2026年3月5日')
  expect(row41.textContent).toContain('承办人：未指派 · 照片2 · 消息1')
  expect(row41.textContent).toContain('实名')
  const row40 = container.querySelector('.ip-row--40')!
  expect(row40.querySelector('.ip-overdue')!.textContent).toBe('办结逾期')
  expect(row40.textContent).toContain('承办人：王监察 · 照片0 · 消息0 · 重复1')

  const first = inboxCalls(calls)[0]
  expect(first.query.get('limit')).toBe('20')
  expect(first.query.get('cursor')).toBeNull()
  expect(first.header.Authorization).toBe('Bearer access-inspector')

  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('按时的举报')).toBeTruthy()
  expect(container.querySelector('.ip-row--39 .ip-overdue')).toBeNull()
  expect(inboxCalls(calls)[1].query.get('cursor')).toBe('page2')
  expect(screen.getByText('没有更多了')).toBeTruthy()

  fireEvent.click(screen.getByText('鱼塘承包费三年没收'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inspector/pages/detail/index?id=40' })
  fireEvent.click(screen.getByText('统计分析'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inspector/pages/stats/index' })
})

it('filters by status, overdue, assignee, village, category and text', async () => {
  signInInspector()
  const calls = routes()
  const { container } = render(<Inbox />)
  await screen.findByText('误工补贴发给了没干活的人')
  const last = () => inboxCalls(calls)[inboxCalls(calls).length - 1].query

  fireEvent.click(screen.getByText('核查中', { selector: '.ip-chip *' }))
  await waitFor(() => expect(last().get('status')).toBe('investigating'))
  fireEvent.click(screen.getByText('逾期'))
  await waitFor(() => expect(last().get('overdue')).toBe('true'))
  fireEvent.click(screen.getByText('指派给我'))
  await waitFor(() => expect(last().get('assignee')).toBe('me'))
  expect(last().get('status')).toBe('investigating')

  // Villages come from the reports seen; categories from the server's list.
  const [villageSelect, categorySelect] = Array.from(container.querySelectorAll('select'))
  await waitFor(() => expect(categorySelect.querySelectorAll('option')).toHaveLength(4))
  const villageOptions = Array.from(villageSelect.querySelectorAll('option')).map((o) => o.textContent)
  expect(villageOptions).toEqual(['', '全部村', '河口村（清溪镇）', '石桥村（清溪镇）'])
  fireEvent.change(villageSelect, { target: { value: '1' } })
  await waitFor(() => expect(last().get('villageId')).toBe('7'))
  fireEvent.change(categorySelect, { target: { value: '2' } })
  await waitFor(() => expect(last().get('categoryCode')).toBe('rent_uncollected'))

  fireEvent.input(container.querySelector('input[placeholder="搜索举报内容和往来消息"]')!, { target: { value: ' 补贴 ' } })
  fireEvent.click(screen.getByText('搜索'))
  await waitFor(() => expect(last().get('q')).toBe('补贴'))
  expect(Object.fromEntries(last())).toEqual({
    status: 'investigating',
    overdue: 'true',
    assignee: 'me',
    villageId: '7',
    categoryCode: 'rent_uncollected',
    q: '补贴',
    limit: '20',
  })

  fireEvent.click(screen.getByText('逾期'))
  await waitFor(() => expect(last().get('overdue')).toBeNull())
  fireEvent.click(screen.getByText('全部', { selector: '.ip-chip *' }))
  await waitFor(() => expect(last().get('status')).toBeNull())
  fireEvent.click(screen.getByText('清除筛选'))
  await waitFor(() => expect(Object.fromEntries(last())).toEqual({ limit: '20' }))
})

it('says so when nothing matches, and offers 重试 when the inbox cannot be loaded', async () => {
  signInInspector()
  let fail = true
  fakeApi({
    'GET /inspector/reports': () => (fail ? [503, { statusCode: 503, code: 'UNAVAILABLE', message: 'x', details: [] }] : { items: [], nextCursor: null, total: 0 }),
  })
  render(<Inbox />)
  expect(await screen.findByText('服务器忙，请稍后重试', {}, { timeout: 3000 })).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('暂时没有举报或预警')).toBeTruthy()
  expect(screen.getByText('共 0 件')).toBeTruthy()
})

const rentWarning = inboxItem({
  id: 52,
  kind: 'warning',
  severity: 'high',
  warningState: 'open',
  categoryCode: 'rule:rent-arrears',
  categoryLabel: '租金拖欠',
  excerpt: warning().summary,
  status: 'submitted',
  statusLabel: '待受理',
})
const clearedWarning = inboxItem({
  id: 53,
  kind: 'warning',
  severity: 'low',
  warningState: 'resolved',
  categoryCode: 'rule:late-posting',
  categoryLabel: 'rule:late-posting',
  excerpt: '2025年12月3日的支出在61天后才入账',
  status: 'accepted',
  statusLabel: '已受理',
})

function mixedRoutes() {
  return fakeApi({
    'GET /rules': () => [
      { id: 'rent-arrears', title: '租金拖欠', explanation: '…', severity: 'high', params: [], incremental: true },
      { id: 'late-posting', title: '入账滞后', explanation: '…', severity: 'low', params: [], incremental: true },
    ],
    'GET /inspector/reports': () => ({ items: [rentWarning, clearedWarning, onTime], nextCursor: null, total: 3 }),
  })
}

it('shows warnings with 预警, their severity, the rule and whether the condition cleared', async () => {
  signInInspector()
  mixedRoutes()
  const { container } = render(<Inbox />)
  await screen.findByText(warning().summary)
  const row52 = container.querySelector('.ip-row--52')!
  expect(row52.querySelector('.ip-kind--warning')!.textContent).toBe('预警')
  expect(row52.querySelector('.ip-sev--high')!.textContent).toBe('重点')
  expect(row52.querySelector('.ip-row__category')!.textContent).toBe('租金拖欠')
  expect(row52.querySelector('.ip-wstate--resolved')).toBeNull()
  expect(row52.textContent).toContain('承办人：未指派')
  expect(row52.textContent).not.toContain('照片')
  const row53 = container.querySelector('.ip-row--53')!
  expect(row53.querySelector('.ip-sev--low')!.textContent).toBe('提示')
  expect(row53.querySelector('.ip-wstate--resolved')!.textContent).toBe('已消除')
  // The rule's title from GET /api/rules, whatever the server labelled the category.
  await waitFor(() => expect(row53.querySelector('.ip-row__category')!.textContent).toBe('入账滞后'))
  // A citizen report keeps its counts and has no 预警 marker.
  const row39 = container.querySelector('.ip-row--39')!
  expect(row39.querySelector('.ip-kind')).toBeNull()
  expect(row39.textContent).toContain('照片0 · 消息0')
})

it('filters by kind, and for warnings by state and rule', async () => {
  signInInspector()
  const calls = mixedRoutes()
  const { container } = render(<Inbox />)
  await screen.findByText(warning().summary)
  const last = () => inboxCalls(calls)[inboxCalls(calls).length - 1].query
  expect(last().get('kind')).toBeNull()
  expect(container.querySelector('.ip-picker--rule')).toBeNull()

  fireEvent.click(container.querySelector('.ip-kinds__item--warning')!)
  await waitFor(() => expect(last().get('kind')).toBe('warning'))
  expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '预警处置' })
  expect(container.querySelector('.ip-title-row .t-title')!.textContent).toBe('预警处置')
  fireEvent.click(screen.getByText('已消除'))
  await waitFor(() => expect(last().get('warningState')).toBe('resolved'))

  const ruleSelect = container.querySelector('.ip-picker--rule')!.parentElement!.querySelector('select')!
  await waitFor(() => expect(ruleSelect.querySelectorAll('option')).toHaveLength(4))
  fireEvent.change(ruleSelect, { target: { value: '2' } })
  await waitFor(() => expect(last().get('ruleId')).toBe('late-posting'))
  expect(container.querySelector('.ip-picker--rule')!.textContent).toBe('规则：入账滞后')
  expect(Object.fromEntries(last())).toEqual({ kind: 'warning', warningState: 'resolved', ruleId: 'late-posting', limit: '20' })

  // Reports have no rule or warning state: both go; the category picker comes back.
  fireEvent.click(container.querySelector('.ip-kinds__item--report')!)
  await waitFor(() => expect(Object.fromEntries(last())).toEqual({ kind: 'report', limit: '20' }))
  expect(container.querySelector('.ip-picker--rule')).toBeNull()
  expect(screen.queryByText('已消除', { selector: '.ip-chip *' })).toBeNull()
  fireEvent.click(container.querySelector('.ip-kinds__item--all')!)
  await waitFor(() => expect(Object.fromEntries(last())).toEqual({ limit: '20' }))
})

it('opens with the filter another page asked for (a village from the dashboard, a rule’s open warnings)', async () => {
  signInInspector()
  setRouterParams({ villageId: '7', villageName: encodeURIComponent('河口村（清溪镇）') })
  const calls = mixedRoutes()
  const { unmount } = render(<Inbox />)
  await screen.findByText(warning().summary)
  expect(Object.fromEntries(inboxCalls(calls)[0].query)).toEqual({ villageId: '7', limit: '20' })
  expect(screen.getByText('村：河口村（清溪镇）')).toBeTruthy()
  unmount()

  setRouterParams({ kind: 'warning', ruleId: 'rent-arrears' })
  const calls2 = mixedRoutes()
  render(<Inbox />)
  await waitFor(() => expect(inboxCalls(calls2)).toHaveLength(1))
  expect(Object.fromEntries(inboxCalls(calls2)[0].query)).toEqual({ kind: 'warning', ruleId: 'rent-arrears', limit: '20' })
  expect(await screen.findByText('规则：租金拖欠')).toBeTruthy()
  fireEvent.click(screen.getByText('监督看板'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inspector/pages/dashboard/index' })
})
