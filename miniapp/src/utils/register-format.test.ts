import type { InstallmentState } from '@mingbai/shared'
import { collectionText, formatArea, outstandingFen, rentPerM2, termLength, termText, visibleInstallments } from './register-format'

describe('termLength', () => {
  it.each([
    ['2024-01-01', '2033-12-31', '10年'],
    ['2024-03-01', '2026-08-31', '2年6个月'],
    ['2024-02-01', '2024-09-30', '8个月'],
    ['2024-01-01', '2024-02-14', '约1个月'],
    ['2024-01-01', '2024-01-31', '1个月'],
    ['2024-02-01', '2024-03-16', '约1个月'],
    ['2024-03-01', '2024-04-14', '约1个月'],
    ['2024-03-01', '2024-03-20', '20天'],
    ['2024-01-01', '2044-06-30', '20年6个月'],
    ['2024-01-15', '2025-03-01', '约1年1个月'],
  ])('%s – %s is %s', (a, b, text) => expect(termLength(a, b)).toBe(text))
})

it('writes a term with Chinese dates', () => {
  expect(termText('2024-01-01', '2028-12-31')).toBe('2024年1月1日至2028年12月31日')
})

it('formats areas, with 亩 for land, ponds and forest', () => {
  expect(formatArea(null)).toBe('未登记')
  expect(formatArea(1200)).toBe('1,200平方米')
  expect(formatArea(1200, 'building')).toBe('1,200平方米')
  expect(formatArea(12000, 'pond')).toBe('12,000平方米（约18.0亩）')
  expect(formatArea(0, 'land')).toBe('0平方米')
})

it('works out the annual rent per square metre only when both are known', () => {
  expect(rentPerM2(1_200_000, 12000)).toBe('¥1.00/平方米·年')
  expect(rentPerM2(1_000, 3)).toBe('¥3.33/平方米·年')
  expect(rentPerM2(null, 100)).toBeNull()
  expect(rentPerM2(100, null)).toBeNull()
  expect(rentPerM2(100, 0)).toBeNull()
})

it('never owes a negative amount', () => {
  expect(outstandingFen({ amountFen: 500, receivedFen: 200 })).toBe(300)
  expect(outstandingFen({ amountFen: 500, receivedFen: 700 })).toBe(0)
})

it('sums up the money of a contract', () => {
  expect(collectionText({ totalRentFen: 6_000_000, receivedFen: 2_400_000, dueUnpaidFen: 0 })).toBe('合同总租金 ¥60,000.00，已收 ¥24,000.00')
  expect(collectionText({ totalRentFen: 6_000_000, receivedFen: 2_400_000, dueUnpaidFen: 1_200_000 })).toBe(
    '合同总租金 ¥60,000.00，已收 ¥24,000.00，到期未收 ¥12,000.00',
  )
})

describe('visibleInstallments', () => {
  const of = (states: InstallmentState[]) => states.map((state, i) => ({ state, seq: i + 1 }))

  it('shows short schedules whole', () => {
    const list = of(Array(12).fill('paid'))
    expect(visibleInstallments(list)).toHaveLength(12)
  })

  it('opens a long schedule on what matters now', () => {
    const list = of([...Array(20).fill('paid'), 'partly_paid', 'overdue', 'due', ...Array(30).fill('upcoming')])
    expect(visibleInstallments(list).map((x) => x.seq)).toEqual([19, 20, 21, 22, 23, 24, 25])
    expect(visibleInstallments(list, true)).toHaveLength(53)
  })

  it('keeps an overdue installment even among paid ones', () => {
    const list = of(['overdue', ...Array(15).fill('paid')])
    expect(visibleInstallments(list).map((x) => x.seq)).toEqual([1, 15, 16])
  })
})
