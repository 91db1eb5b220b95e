import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppException } from '../../../common/errors/app-exception';
import { badFile, Cell, isBlankCell, MAX_IMPORT_ROWS, Sheet, SheetRow, sheetOf, tooManyRows } from './sheet';

/**
 * Reads the first worksheet of an .xlsx workbook, streaming (the whole workbook is never held
 * as objects). Date-formatted cells arrive as dates, formulas as their cached result.
 */
export async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const rows: SheetRow[] = [];
  let nonBlank = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let seen = 0;
  try {
    for await (const worksheet of reader) {
      seen += 1;
      for await (const row of worksheet) {
        if (seen > 1) continue; // only the first worksheet counts; the rest are read past
        const cells = (row.values as unknown[]).slice(1).map(toCell);
        if (cells.every(isBlankCell)) continue;
        if (++nonBlank > MAX_IMPORT_ROWS + 1) throw tooManyRows(); // + 1: the header
        rows.push({ row: row.number, cells });
      }
    }
  } catch (e) {
    if (e instanceof AppException) throw e;
    throw badFile(`XLSX 文件无法读取：${(e as Error).message}`);
  }
  if (seen === 0) throw badFile('XLSX 文件里没有工作表');
  return sheetOf('xlsx', rows);
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return toCell(o.result);
    if (typeof o.text === 'string') return o.text;
    if (o.error !== undefined) return String(o.error);
  }
  return String(v);
}
