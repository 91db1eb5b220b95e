import { DIRECTION_LABELS, formatFen, formatYearMonth, PAYMENT_METHOD_LABELS, type Direction } from '@mingbai/shared'

export { formatFen, formatYearMonth, DIRECTION_LABELS, PAYMENT_METHOD_LABELS }

/** A signed amount as a villager reads it: income +¥1,234.50, spending -¥88.00; a reversal flips the sign. */
export function signedAmount(direction: Direction, amountFen: number, isReversal = false): string {
  const positive = (direction === 'income') !== isReversal
  return `${positive ? '+' : '-'}${formatFen(amountFen)}`
}

/** "2026-03-05" -> "2026年3月5日" */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${y}年${Number(m)}月${Number(d)}日`
}
