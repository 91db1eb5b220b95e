import { ValidationFailed } from '../../common/errors/app-exception';
import { readSheet } from '../imports/sheet/read-sheet';
import { Cell, isBlankCell } from '../imports/sheet/sheet';
import { normalizeHeader } from '../imports/mapping/columns';
import type { RowError } from '../imports/import.types';

/** The most data rows one register file may hold (a village has tens or hundreds of records). */
export const MAX_REGISTER_ROWS = 5000;

/** A register's columns: accepted headers per field (as normalizeHeader leaves them; the first is the official one), and which are required. */
export interface RegisterColumns<F extends string> {
  aliases: Record<F, string[]>;
  required: F[];
}

export interface RegisterRow<F extends string> {
  /** The spreadsheet row number. */
  row: number;
  cell(field: F): Cell;
}

/**
 * Reads a CSV or XLSX register file: the header is matched to the fields (unknown, duplicate or
 * missing columns are problems of the header row), then each non-blank row is handed out by field.
 * Cells under no header must be empty. With a wrong header no rows are handed out (only its problems).
 */
export async function readRegisterSheet<F extends string>(
  bytes: Buffer,
  columns: RegisterColumns<F>,
): Promise<{ rows: RegisterRow<F>[]; errors: RowError[]; headerOk: boolean }> {
  const sheet = await readSheet(bytes);
  const errors: RowError[] = [];
  const byHeader = new Map<string, F>();
  for (const [field, names] of Object.entries(columns.aliases) as [F, string[]][])
    for (const n of names) byHeader.set(normalizeHeader(n), field);

  const index = new Map<F, number>();
  const unknown: string[] = [];
  sheet.header.forEach((raw, i) => {
    if (raw === '') return;
    const field = byHeader.get(normalizeHeader(raw));
    if (!field) return void unknown.push(raw);
    if (index.has(field)) return void errors.push({ row: sheet.headerRow, field, reason: `列“${raw}”与前面的列重复` });
    index.set(field, i);
  });
  if (unknown.length) {
    const official = (Object.values(columns.aliases) as string[][]).map((n) => n[0]).join('、');
    errors.push({ row: sheet.headerRow, field: 'columns', reason: `不认识的列：${unknown.join('、')}。可用的列：${official}` });
  }
  for (const field of columns.required)
    if (!index.has(field)) errors.push({ row: sheet.headerRow, field, reason: `缺少列：${columns.aliases[field][0]}` });

  // With a wrong header the rows are only counted: their cells cannot be told apart.
  const headerOk = errors.length === 0;
  const used = new Set(index.values());
  const rows: RegisterRow<F>[] = [];
  for (const source of sheet.rows) {
    if (rows.length >= MAX_REGISTER_ROWS)
      throw new ValidationFailed(
        [{ field: 'file', reason: `more than ${MAX_REGISTER_ROWS} data rows` }],
        `一个文件最多 ${MAX_REGISTER_ROWS} 行数据`,
      );
    const cells = source.cells;
    for (let i = 0; headerOk && i < cells.length; i++)
      if (!used.has(i) && !isBlankCell(cells[i]))
        errors.push({ row: source.row, field: 'columns', reason: `第${i + 1}列有内容但没有表头` });
    rows.push({ row: source.row, cell: (field) => (index.has(field) ? (cells[index.get(field)!] ?? null) : null) });
  }
  if (rows.length === 0) errors.push({ row: sheet.headerRow, field: 'file', reason: '文件里没有数据行' });
  return { rows: headerOk ? rows : [], errors, headerOk };
}

/** Row problems as the 400 answer lists them (`row 3.code`), nothing written. */
export function rowErrors(errors: RowError[]): ValidationFailed {
  const listed = errors.slice(0, 1000);
  return new ValidationFailed(
    listed.map((e) => ({ field: `row ${e.row}.${e.field}`, reason: e.reason })),
    `导入文件有 ${errors.length} 处错误，没有导入任何记录`,
  );
}

/** A lookup of a cell's text in a table of labels (case-insensitive for Latin letters). */
export function lookupLabel<T>(text: string, table: Record<string, T>): T | undefined {
  return table[normalizeHeader(text)];
}
