import type { OfficeDto, RuleRunDto } from '@mingbai/shared'
import { exportFileName } from './dashboard-export'
import { headline, regionChoices } from './dashboard-model'
import { asPage, asRuns, supervisionApi } from './supervision-api'

const offices: OfficeDto[] = [
  { id: 2, name: '清溪县纪委监委', level: 'county' },
  { id: 3, name: '清溪镇纪委', level: 'town' },
  { id: 4, name: '青石镇纪委', level: 'town' },
]

it('offers the inspector’s own region first, then the offices under it, never the county above a town', () => {
  expect(regionChoices(offices, 2).map((o) => o.id)).toEqual([2, 3, 4])
  expect(regionChoices(offices, 3).map((o) => o.id)).toEqual([3])
  expect(regionChoices(offices, null).map((o) => o.id)).toEqual([2, 3, 4])
  expect(regionChoices([], 3)).toEqual([])
})

it('adds up overdue and substantiated cases of both kinds', () => {
  const h = headline({ overdue: { warnings: 2, reports: 1 }, substantiated: { warnings: 6, reports: 0 } } as Parameters<typeof headline>[0])
  expect(h).toEqual({ overdue: 3, overdueNote: '预警 2 · 举报 1', substantiated: 6, substantiatedNote: '预警 6 · 举报 0' })
})

it('names export files by list, day and format, and builds their address with the filters', () => {
  expect(exportFileName({ list: 'warnings', format: 'xlsx', regionId: 3 }, '2026-03-08')).toBe('预警清单_2026-03-08.xlsx')
  expect(exportFileName({ list: 'reports', format: 'csv' }, '2026-03-08')).toBe('举报清单_2026-03-08.csv')
  expect(supervisionApi.exportPath({ list: 'reports', format: 'csv', regionId: 3 })).toBe('/api/inspector/dashboard/export?list=reports&format=csv&regionId=3')
  expect(supervisionApi.exportPath({ list: 'warnings', format: 'xlsx' })).toBe('/api/inspector/dashboard/export?list=warnings&format=xlsx')
})

it('takes lists whole or paged, and runs one by one or together', () => {
  expect(asPage([1, 2])).toEqual({ items: [1, 2], nextCursor: null })
  expect(asPage({ items: [1], nextCursor: 'c' })).toEqual({ items: [1], nextCursor: 'c' })
  const run: RuleRunDto = { ruleId: 'x', mode: 'manual', startedAt: '', durationMs: 1, findings: 0, created: 0, resolved: 0, error: null }
  expect(asRuns([run])).toEqual([run])
  expect(asRuns(run)).toEqual([run])
  expect(asRuns({ runs: [run] })).toEqual([run])
  expect(asRuns(null)).toEqual([])
})
