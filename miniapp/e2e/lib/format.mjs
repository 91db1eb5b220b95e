// What the pages should show for an API entry (the UI contract), computed independently of the app.
import { formatFen } from '@mingbai/shared'

/** Income +¥1,234.50, spending -¥88.00; a reversal (红字冲销) shows the opposite sign. */
export function signedAmount(entry) {
  const positive = (entry.direction === 'income') !== (entry.reversesId !== null)
  return `${positive ? '+' : '-'}${formatFen(entry.amountFen)}`
}
