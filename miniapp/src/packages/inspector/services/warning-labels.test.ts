import { byPrecision, factLabel, factRows, formatFact, precisionText, ruleIdOf } from './warning-labels'

it('tells a warning’s rule from a report’s category', () => {
  expect(ruleIdOf('rule:rent-arrears')).toBe('rent-arrears')
  expect(ruleIdOf('false_claims')).toBeNull()
})

it('writes precision as a share with its counts, or 暂无 before any conclusion', () => {
  expect(precisionText(0.75, 3, 4)).toBe('准确率 75%（3/4）')
  expect(precisionText(2 / 3, 2, 3)).toBe('准确率 67%（2/3）')
  expect(precisionText(0, 0, 2)).toBe('准确率 0%（0/2）')
  expect(precisionText(null, 0, 0)).toBe('准确率 暂无')
})

it('ranks rules by precision, then by how many were concluded, those without a conclusion last', () => {
  const r = (id: string, precision: number | null, concluded: number, open = 0) => ({ id, precision, concluded, open })
  const ranked = [r('none-few', null, 0, 1), r('half', 0.5, 2), r('all', 1, 1), r('none-many', null, 0, 9), r('half-more', 0.5, 8)].sort(byPrecision)
  expect(ranked.map((x) => x.id)).toEqual(['all', 'half-more', 'half', 'none-many', 'none-few'])
})

it('formats a finding’s figures by their kind: money, days, dates, numbers', () => {
  expect(formatFact('outstandingFen', 1_200_000)).toBe('¥12,000.00')
  expect(formatFact('daysOverdue', 158)).toBe('158 天')
  expect(formatFact('termYears', 25)).toBe('25 年')
  expect(formatFact('dueOn', '2025-10-01')).toBe('2025年10月1日')
  expect(formatFact('mad', 0.0213456)).toBe('0.0213')
  expect(formatFact('shortfallFenPerYear', 360_000)).toBe('¥3,600.00')
  expect(formatFact('share', 0.4125)).toBe('41.3%')
  expect(formatFact('sameVoucher', 1)).toBe('是')
  expect(formatFact('idMatched', 0)).toBe('否')
  expect(formatFact('awardMethod', 'negotiated')).toBe('协商议价')
  expect(formatFact('n', 412)).toBe('412')
  expect(formatFact('holidayName', '国庆节')).toBe('国庆节')
  expect(formatFact('anything', null)).toBe('—')
  expect(factLabel('overdueDays')).toBe('逾期天数')
  expect(factLabel('someNewKey')).toBe('someNewKey')
  // Record ids and Benford's per-digit shares are left out.
  expect(factRows({ contractId: 15, installmentId: 88, overdueDays: 3, dueOn: '2026-01-05', digit1: 0.3 })).toEqual([
    { key: 'overdueDays', label: '逾期天数', value: '3 天' },
    { key: 'dueOn', label: '应付日期', value: '2026年1月5日' },
  ])
})
