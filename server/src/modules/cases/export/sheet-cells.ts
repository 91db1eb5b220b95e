/** A cell of an export: text, a whole number, or an amount in fen (written as yuan with 2 decimals). */
export type ExportCell = { text: string | null } | { int: number | null } | { fen: number | null };

export type ExportCellKind = 'text' | 'int' | 'fen';

/**
 * Text as a spreadsheet must not run it: a cell starting with = + - @ (or a tab or carriage return,
 * which some programs strip before looking) is a formula to Excel and LibreOffice ("CSV injection"),
 * so it gets a leading apostrophe.
 */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** 123456 → "1234.56" (exact: no floating point). */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** An instant as "YYYY-MM-DD HH:mm" in China time (UTC+8). */
export function chinaDateTime(at: Date | null): string | null {
  return at ? new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null;
}

/** One CSV field (RFC 4180): quoted when it holds a quote, comma, line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV text of a cell (amounts as plain yuan numbers, so Excel reads them as numbers). */
export function csvCell(cell: ExportCell): string {
  if ('text' in cell) return cell.text === null ? '' : csvField(safeText(cell.text));
  if ('int' in cell) return cell.int === null ? '' : String(cell.int);
  return cell.fen === null ? '' : fenToYuanText(cell.fen);
}

/** The value exceljs writes for a cell (amounts as numbers formatted with 2 decimals). */
export function xlsxValue(cell: ExportCell): string | number | null {
  if ('text' in cell) return cell.text === null ? null : safeText(cell.text);
  if ('int' in cell) return cell.int;
  return cell.fen === null ? null : cell.fen / 100;
}
