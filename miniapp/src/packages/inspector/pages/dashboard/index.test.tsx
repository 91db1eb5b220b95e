import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { todayInChina, type DashboardDto } from '@mingbai/shared'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { setSession } from '../../../../services/session'
import { fakeApi, signInInspector, type FakeCall } from '../../testing/fixtures'
import Dashboard from './index'

// Weapp-only APIs the shared Taro mock does not have.
const taro = Taro as unknown as Record<string, jest.Mock | undefined>
const env = process.env.TARO_ENV

beforeEach(() => {
  resetTaroMock()
  // A county inspector: the county and the towns under it.
  signInInspector(22, 2)
})
afterEach(() => {
  process.env.TARO_ENV = env
  delete taro.openDocument
  delete taro.shareFileMessage
  jest.restoreAllMocks()
})
afterAll(() => setTransport())

const today = todayInChina()
const yearStart = `${today.slice(0, 4)}-01-01`

function dashboard(over: Partial<DashboardDto> = {}): DashboardDto {
  return {
    regionId: 2,
    regionName: '清溪县',
    from: yearStart,
    to: today,
    openWarnings: 14,
    openReports: 5,
    overdue: { warnings: 2, reports: 1 },
    substantiated: { warnings: 6, reports: 2 },
    amountRecoveredFen: 5_120_000,
    bySeverity: [
      { severity: 'high', label: '重点', open: 8 },
      { severity: 'medium', label: '关注', open: 4 },
      { severity: 'low', label: '提示', open: 2 },
    ],
    topVillages: [
      { villageId: 6, villageName: '石桥村', townName: '清溪镇', openWarnings: 7, openReports: 2, amountFen: 1_200_000 },
      { villageId: 7, villageName: '河口村', townName: '清溪镇', openWarnings: 3, openReports: 0, amountFen: 0 },
    ],
    rules: [
      { ruleId: 'late-posting', title: '入账滞后', severity: 'low', open: 3, concluded: 0, substantiated: 0, precision: null },
      { ruleId: 'split-payments', title: '拆分支付', severity: 'high', open: 2, concluded: 4, substantiated: 2, precision: 0.5 },
      { ruleId: 'rent-arrears', title: '租金拖欠', severity: 'high', open: 5, concluded: 4, substantiated: 3, precision: 0.75 },
    ],
    outcomes: [
      { outcome: 'substantiated', label: '属实', count: 6 },
      { outcome: 'not_substantiated', label: '不属实', count: 3 },
    ],
    ...over,
  }
}

function server(over: Partial<DashboardDto> = {}) {
  return fakeApi({
    'GET /inspector/offices': () => [
      { id: 2, name: '清溪县纪委监委', level: 'county' },
      { id: 3, name: '清溪镇纪委', level: 'town' },
      { id: 4, name: '青石镇纪委', level: 'town' },
    ],
    'GET /inspector/dashboard': (c) => dashboard({ ...over, regionId: Number(c.query.get('regionId') ?? 2) }),
  })
}

const dashCalls = (calls: FakeCall[]) => calls.filter((c) => c.path === '/inspector/dashboard')

it('sends anyone but an inspector away', () => {
  setSession({ accessToken: 'a', refreshToken: 'r', user: { id: 2, username: 'b', displayName: '报账员', role: 'bookkeeper', regionId: 6 } })
  const calls = fakeApi({})
  render(<Dashboard />)
  expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/bookkeeper/index' })
  expect(calls).toHaveLength(0)
})

it('shows this year’s figures, severities, villages and the rules ranked by precision', async () => {
  const calls = server()
  const { container } = render(<Dashboard />)
  expect(await screen.findByText('14 件')).toBeTruthy()
  expect(Object.fromEntries(dashCalls(calls)[0].query)).toEqual({ from: yearStart, to: today })
  expect(dashCalls(calls)[0].header.Authorization).toBe('Bearer access-inspector')

  const fig = (k: string) => container.querySelector(`.ip-dash__fig--${k}`)!.textContent
  expect(fig('warnings')).toBe('14 件未结预警')
  expect(fig('reports')).toBe('5 件未结举报')
  expect(fig('overdue')).toBe('3 件逾期预警 2 · 举报 1')
  expect(container.querySelector('.ip-dash__fig--overdue.ip-figure--bad')).toBeTruthy()
  expect(fig('substantiated')).toBe('8 件查实案件预警 6 · 举报 2')
  expect(fig('recovered')).toBe('¥51,200.00追回金额')
  const bars = Array.from(container.querySelectorAll('.ip-hbar__head')).map((h) => h.textContent)
  expect(bars).toEqual(['重点8 件', '关注4 件', '提示2 件', '属实6 件', '不属实3 件'])

  const village = container.querySelector('.ip-dash__village--6')!
  expect(village.textContent).toContain('预警 7 · 举报 2 · 涉及 ¥12,000.00')
  expect(container.querySelector('.ip-dash__village--7')!.textContent).not.toContain('涉及')
  fireEvent.click(village)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({
    url: `/packages/inspector/pages/inbox/index?villageId=6&villageName=${encodeURIComponent('石桥村（清溪镇）')}`,
  })

  const ranked = Array.from(container.querySelectorAll('.ip-dash__rule')).map((r) => r.textContent)
  expect(ranked).toEqual([
    '1.重点租金拖欠准确率 75%（3/4） · 未结 5 件',
    '2.重点拆分支付准确率 50%（2/4） · 未结 2 件',
    '3.提示入账滞后准确率 暂无 · 未结 3 件',
  ])
  fireEvent.click(container.querySelector('.ip-dash__rule--split-payments')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/pages/rules/index?ruleId=split-payments' })

  fireEvent.click(container.querySelector('.ip-dash__fig--warnings')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/pages/inbox/index?kind=warning' })
  fireEvent.click(container.querySelector('.ip-dash__fig--overdue')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/inspector/pages/inbox/index?overdue=true' })
})

it('links to the inbox, statistics, rules and watch lists', async () => {
  server()
  const { container } = render(<Dashboard />)
  await screen.findByText('14 件')
  const urls: Record<string, string> = {
    warnings: '/packages/inspector/pages/inbox/index?kind=warning',
    reports: '/packages/inspector/pages/inbox/index?kind=report',
    stats: '/packages/inspector/pages/stats/index',
    rules: '/packages/inspector/pages/rules/index',
    watchlist: '/packages/inspector/pages/watchlist/index',
  }
  for (const [key, url] of Object.entries(urls)) {
    fireEvent.click(container.querySelector(`.ip-dash__tile--${key}`)!)
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url })
  }
  expect(screen.getByText('预警处置')).toBeTruthy()
  expect(screen.getByText('比对名单')).toBeTruthy()
})

it('picks a region in scope and a period', async () => {
  const calls = server()
  const { container } = render(<Dashboard />)
  await screen.findByText('14 件')
  await waitFor(() => expect(container.querySelector('.ip-dash__region')!.textContent).toBe('地区：清溪县纪委监委'))
  const regionSelect = container.querySelector('.ip-dash__region')!.parentElement!.querySelector('select')!
  expect(Array.from(regionSelect.querySelectorAll('option')).map((o) => o.textContent)).toEqual(['', '清溪县纪委监委', '清溪镇纪委', '青石镇纪委'])
  fireEvent.change(regionSelect, { target: { value: '2' } })
  await waitFor(() => expect(dashCalls(calls).at(-1)!.query.get('regionId')).toBe('4'))
  expect(container.querySelector('.ip-dash__region')!.textContent).toBe('地区：青石镇纪委')

  const [from] = Array.from(container.querySelectorAll('input[type="date"]'))
  fireEvent.change(from, { target: { value: '2025-07-01' } })
  await waitFor(() => expect(dashCalls(calls).at(-1)!.query.get('from')).toBe('2025-07-01'))
  expect(Object.fromEntries(dashCalls(calls).at(-1)!.query)).toEqual({ regionId: '4', from: '2025-07-01', to: today })

  // Exports are of the region chosen.
  process.env.TARO_ENV = 'weapp'
  taro.openDocument = jest.fn(async () => ({}))
  fireEvent.click(screen.getByText('举报清单（Excel）'))
  await waitFor(() => expect(taro.openDocument).toHaveBeenCalled())
  expect(Taro.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/inspector/dashboard/export?list=reports&format=xlsx&regionId=4' }))
})

it('says so and offers 重试 when the dashboard cannot be loaded', async () => {
  let fail = true
  fakeApi({
    'GET /inspector/offices': () => [],
    'GET /inspector/dashboard': () => (fail ? [403, { statusCode: 403, code: 'FORBIDDEN', message: 'forbidden', details: [] }] : dashboard({ topVillages: [] })),
  })
  render(<Dashboard />)
  expect(await screen.findByText('forbidden')).toBeTruthy()
  fail = false
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('没有未结的预警或举报')).toBeTruthy()
})

it('downloads an export with the token on H5, under a readable name', async () => {
  process.env.TARO_ENV = 'h5'
  server()
  const clicked: { href: string; download: string }[] = []
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  render(<Dashboard />)
  await screen.findByText('14 件')
  fireEvent.click(screen.getByText('预警清单（Excel）'))
  await waitFor(() => expect(clicked).toHaveLength(1))
  expect(Taro.downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: '/api/inspector/dashboard/export?list=warnings&format=xlsx',
      header: { Authorization: 'Bearer access-inspector' },
    }),
  )
  expect(clicked[0]).toEqual({ href: 'blob:test-file', download: `预警清单_${today}.xlsx` })
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已开始下载', icon: 'success' })

  fireEvent.click(screen.getByText('举报清单（CSV）'))
  await waitFor(() => expect(clicked).toHaveLength(2))
  expect(clicked[1].download).toBe(`举报清单_${today}.csv`)
})

it('opens the Excel export in WeChat, and explains when a CSV cannot be opened', async () => {
  process.env.TARO_ENV = 'weapp'
  taro.openDocument = jest.fn(async () => ({}))
  server()
  const { container } = render(<Dashboard />)
  await screen.findByText('14 件')
  fireEvent.click(screen.getByText('举报清单（Excel）'))
  await waitFor(() => expect(taro.openDocument).toHaveBeenCalledWith({ filePath: 'blob:test-file', fileType: 'xlsx', showMenu: true }))

  fireEvent.click(screen.getByText('预警清单（CSV）'))
  await waitFor(() => expect(container.querySelector('.ip-dash__export-error')!.textContent).toContain('请导出 Excel 格式'))

  taro.shareFileMessage = jest.fn(async () => ({}))
  fireEvent.click(screen.getByText('预警清单（CSV）'))
  await waitFor(() => expect(taro.shareFileMessage).toHaveBeenCalledWith({ filePath: 'blob:test-file', fileName: `预警清单_${today}.csv` }))
  expect(container.querySelector('.ip-dash__export-error')).toBeNull()
})

it('shows why an export failed', async () => {
  process.env.TARO_ENV = 'h5'
  server()
  ;(Taro.downloadFile as unknown as jest.Mock).mockImplementationOnce(async () => ({ statusCode: 500, tempFilePath: '' }))
  const { container } = render(<Dashboard />)
  await screen.findByText('14 件')
  fireEvent.click(screen.getByText('预警清单（Excel）'))
  await waitFor(() => expect(container.querySelector('.ip-dash__export-error')!.textContent).toBe('导出失败：服务器忙，请稍后重试'))
})
