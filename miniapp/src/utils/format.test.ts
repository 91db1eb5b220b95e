import { amountClass, formatDate, formatFen, formatYearMonth, signedAmount } from './format'

describe('money and dates as villagers read them', () => {
  it('formats fen as yuan with thousands separators and two decimals', () => {
    expect(formatFen(123450)).toBe('¥1,234.50')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(100000000)).toBe('¥1,000,000.00')
    expect(formatFen(-50)).toBe('-¥0.50')
  })

  it('signs income +, spending -, and flips a reversal', () => {
    expect(signedAmount('income', 1000)).toBe('+¥10.00')
    expect(signedAmount('expense', 1000)).toBe('-¥10.00')
    expect(signedAmount('expense', 1000, true)).toBe('+¥10.00')
    expect(signedAmount('income', 1000, true)).toBe('-¥10.00')
  })

  it('colours an amount by where the money goes, so a reversed expense is green like its + sign', () => {
    expect(amountClass('income')).toBe('t-income')
    expect(amountClass('expense')).toBe('t-expense')
    expect(amountClass('expense', true)).toBe('t-income')
    expect(amountClass('income', true)).toBe('t-expense')
  })

  it('writes dates the Chinese way without leading zeros', () => {
    expect(formatDate('2026-03-05')).toBe('2026年3月5日')
    expect(formatDate('2026-12-31')).toBe('2026年12月31日')
    expect(formatYearMonth('2026-03-05')).toBe('2026年3月')
  })
})
