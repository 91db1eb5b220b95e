/** Money is always an integer number of fen (1 yuan = 100 fen). */
export const MAX_AMOUNT_FEN = 1_000_000_000_000; // 10^12 fen = 10 billion yuan

export function isValidAmountFen(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value > 0 &&
    value <= MAX_AMOUNT_FEN
  );
}

/** 123450 -> "¥1,234.50"; negative values keep their sign: -50 -> "-¥0.50". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** "1234.5" -> 123450; returns null for anything that is not a plain non-negative yuan amount with ≤ 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,10})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
