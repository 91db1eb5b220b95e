import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { setSession } from '../../../../services/session'
import { fakeApi, inboxItem, signInInspector, type FakeCall } from '../../testing/fixtures'
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
  expect(await screen.findByText('暂时没有举报')).toBeTruthy()
  expect(screen.getByText('共 0 件')).toBeTruthy()
})
