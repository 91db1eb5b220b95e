import { AppException, ValidationFailed } from '../../../common/errors/app-exception';

/** One cell as read from a file: CSV gives strings; XLSX may also give numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The spreadsheet row number, 1-based, counting the header row and any blank rows. */
  row: number;
  cells: Cell[];
}

/** A file's table: the header, then the data rows, read lazily and only once. */
export interface Sheet {
  format: 'csv' | 'xlsx';
  /** The row number of the header row (the first non-blank row). */
  headerRow: number;
  header: string[];
  /** Non-blank data rows in file order; iterating past MAX_IMPORT_ROWS throws TOO_MANY_ROWS. */
  rows: Iterable<SheetRow>;
}

/** The most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 100_000;

export const tooManyRows = (): AppException =>
  new AppException(400, 'TOO_MANY_ROWS', `一个文件最多 ${MAX_IMPORT_ROWS} 行数据，请分成几个文件导入`, [
    { field: 'file', reason: `more than ${MAX_IMPORT_ROWS} data rows` },
  ]);

export const badFile = (reason: string): ValidationFailed => new ValidationFailed([{ field: 'file', reason }], reason);

export function isBlankCell(c: Cell | undefined): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

/** The first non-blank row is the header; blank rows are skipped; more than MAX_IMPORT_ROWS data rows throw. */
export function sheetOf(format: Sheet['format'], records: Iterable<SheetRow>): Sheet {
  const it = records[Symbol.iterator]();
  for (let next = it.next(); !next.done; next = it.next()) {
    const { row, cells } = next.value;
    if (cells.every(isBlankCell)) continue;
    const header = cells.map((c) => (isBlankCell(c) ? '' : String(c instanceof Date ? c.toISOString() : c).trim()));
    return { format, headerRow: row, header, rows: dataRows(it) };
  }
  throw badFile('文件里没有表头和数据 (the file has no header row)');
}

function* dataRows(it: Iterator<SheetRow>): Generator<SheetRow> {
  let count = 0;
  for (let next = it.next(); !next.done; next = it.next()) {
    if (next.value.cells.every(isBlankCell)) continue;
    if (++count > MAX_IMPORT_ROWS) throw tooManyRows();
    yield next.value;
  }
}
