import Taro from '@tarojs/taro'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { todayInChina } from '@mingbai/shared'
import { resetTaroMock } from '../../../../../test/taro-mock'
import { setTransport } from '../../../../services/request'
import { fakeApi, signInInspector } from '../../testing/fixtures'
import Stats from './index'

beforeEach(() => {
  resetTaroMock()
  signInInspector()
})
afterAll(() => setTransport())

const stats = {
  from: '2026-01-01',
  to: '2026-03-08',
  total: 12,
  byStatus: [
    { status: 'submitted', label: '待受理', count: 5 },
    { status: 'closed', label: '已结案', count: 7 },
  ],
  byCategory: [{ code: 'false_claims', label: '虚报冒领', count: 9 }],
  byVillage: [
    { villageId: 6, villageName: '石桥村', count: 10 },
    { villageId: 7, villageName: '河口村', count: 2 },
  ],
  overdue: 3,
  medianDaysToAccept: 2.5,
  medianDaysToConclude: null,
}

it('shows this year’s figures with bars and the overdue digest per office', async () => {
  const calls = fakeApi({
    'GET /inspector/report-stats': () => stats,
    'GET /inspector/report-digest': () => [
      {
        officeRegionId: 3,
        officeName: '清溪镇纪委',
        overdue: [
          { id: 41, villageName: '石桥村', categoryLabel: '虚报冒领', status: 'submitted', overdue: 'accept', dueAt: '2026-03-12T15:59:59.999Z' },
          { id: 40, villageName: '河口村', categoryLabel: '租金未收', status: 'investigating', overdue: 'conclude', dueAt: '2026-05-04T02:00:00.000Z' },
        ],
      },
      { officeRegionId: 2, officeName: '清溪县纪委监委', overdue: [] },
    ],
  })
  const { container } = render(<Stats />)
  expect(await screen.findByText('12 件')).toBeTruthy()
  const today = todayInChina()
  const q = calls.find((c) => c.path === '/inspector/report-stats')!.query
  expect(q.get('from')).toBe(`${today.slice(0, 4)}-01-01`)
  expect(q.get('to')).toBe(today)

  expect(screen.getByText('当前逾期').previousSibling!.textContent).toBe('3 件')
  expect(screen.getByText('2.5 天')).toBeTruthy()
  expect(screen.getByText('—')).toBeTruthy()
  expect(screen.getByText('石桥村')).toBeTruthy()
  const widths = Array.from(container.querySelectorAll('.ip-hbar__fill')).map((b) => (b as HTMLElement).style.width)
  expect(widths).toEqual(['71%', '100%', '100%', '100%', '20%'])

  expect(await screen.findByText('逾期提醒（2 件）')).toBeTruthy()
  expect(screen.getByText('清溪镇纪委（2 件）')).toBeTruthy()
  expect(screen.queryByText(/清溪县纪委监委/)).toBeNull()
  expect(Array.from(container.querySelectorAll('.ip-digest .ip-overdue')).map((e) => e.textContent)).toEqual(['受理逾期', '办结逾期'])
  fireEvent.click(screen.getByText('河口村 · 租金未收'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/inspector/pages/detail/index?id=40' })
})

it('asks again for another period', async () => {
  const calls = fakeApi({ 'GET /inspector/report-stats': () => stats, 'GET /inspector/report-digest': () => [] })
  const { container } = render(<Stats />)
  expect(await screen.findByText('没有逾期的举报')).toBeTruthy()
  const [from] = Array.from(container.querySelectorAll('input[type=date]'))
  fireEvent.change(from, { target: { value: '2025-07-01' } })
  await waitFor(() => expect(calls.filter((c) => c.path === '/inspector/report-stats')).toHaveLength(2))
  const q = calls.filter((c) => c.path === '/inspector/report-stats')[1].query
  expect(q.get('from')).toBe('2025-07-01')
  expect(q.get('to')).toBe(todayInChina())
  expect(screen.getByText('从 2025年7月1日')).toBeTruthy()
})
