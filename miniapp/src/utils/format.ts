import { DIRECTION_LABELS, formatFen, formatYearMonth, PAYMENT_METHOD_LABELS, type Direction } from '@mingbai/shared'

export { formatFen, formatYearMonth, DIRECTION_LABELS, PAYMENT_METHOD_LABELS }

/** Whether an entry adds to the collective's money: income does, spending doesn't; a reversal flips it. */
export function isInflow(direction: Direction, isReversal = false): boolean {
  return (direction === 'income') !== isReversal
}

/** A signed amount as a villager reads it: income +¥1,234.50, spending -¥88.00; a reversal flips the sign. */
export function signedAmount(direction: Direction, amountFen: number, isReversal = false): string {
  return `${isInflow(direction, isReversal) ? '+' : '-'}${formatFen(amountFen)}`
}

/** The colour class of an amount: green when money comes in, red when it goes out. */
export function amountClass(direction: Direction, isReversal = false): string {
  return isInflow(direction, isReversal) ? 't-income' : 't-expense'
}

/** "2026-03-05" -> "2026年3月5日" */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}
