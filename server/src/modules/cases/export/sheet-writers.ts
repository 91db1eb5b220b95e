import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn } from './export-columns';
import { csvCell, csvField, xlsxValue, type ExportCell } from './sheet-cells';

/** The rows of an export as they are read, and a closing note (when the list was cut short). */
export interface SheetInput {
  title: string;
  columns: ExportColumn[];
  rows: AsyncIterable<ExportCell[]>;
  note: string | null;
}

const CSV_CHUNK_ROWS = 500;

/** UTF-8 with a BOM (so Excel reads the Chinese correctly), CRLF line ends, streamed in chunks of rows. */
export function csvStream(input: SheetInput): Readable {
  const line = (fields: string[]) => `${fields.join(',')}\r\n`;
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(`\uFEFF${line(input.columns.map((c) => csvField(c.header)))}`, 'utf8');
    let chunk: string[] = [];
    for await (const row of input.rows) {
      chunk.push(line(row.map(csvCell)));
      if (chunk.length >= CSV_CHUNK_ROWS) {
        yield Buffer.from(chunk.join(''), 'utf8');
        chunk = [];
      }
    }
    if (input.note) chunk.push(line([csvCell({ text: input.note })]));
    if (chunk.length) yield Buffer.from(chunk.join(''), 'utf8');
  }
  return Readable.from(chunks());
}

/**
 * One worksheet written by exceljs's streaming writer: each row is committed as it comes, so the
 * workbook is never held in memory as a whole. Amount columns are numbers shown with 2 decimals.
 */
export function xlsxStream(input: SheetInput): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(input.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = input.columns.map((c, i) => ({
    header: c.header,
    key: `c${i}`,
    width: c.width,
    style: c.kind === 'fen' ? { numFmt: '#,##0.00' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  const write = async () => {
    for await (const row of input.rows) {
      // The client went away: stop reading the database.
      if (out.destroyed) return;
      sheet.addRow(row.map(xlsxValue)).commit();
    }
    if (input.note) sheet.addRow([xlsxValue({ text: input.note })]).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return out;
}
