import { parse } from 'csv-parse/sync';
import { csvContent } from './decode-text';
import { sliceEnd } from './csv-slices';
import { badFile, Sheet, SheetRow, sheetOf } from './sheet';

/**
 * Reads a CSV (comma-separated; tab-separated when the first line has tabs and no commas, as
 * Excel's "Unicode text" export does). Row numbers count records as a spreadsheet shows them
 * (empty lines included; a quoted value spanning two lines is still one row).
 * The rows are parsed slice by slice as they are consumed, so that a commit can write the first
 * rows while later ones are still being read.
 */
export function readCsv(bytes: Buffer): Sheet {
  const content = csvContent(bytes);
  const firstLine = firstLineOf(content);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  return sheetOf('csv', records(content, delimiter));
}

function* records(content: Buffer | string, delimiter: string): Generator<SheetRow> {
  let row = 0;
  for (let start = 0; start < content.length;) {
    const end = sliceEnd(content, start);
    const slice = typeof content === 'string' ? content.slice(start, end) : content.subarray(start, end);
    let parsed: string[][];
    try {
      // Empty lines stay as records so that a record's position gives its row number.
      parsed = parse(slice, { delimiter, relax_column_count: true, skip_empty_lines: false });
    } catch (e) {
      const at = row + 1 + Number((e as { records?: number }).records ?? 0);
      throw badFile(`CSV 格式有误（第 ${at} 行附近）：${(e as Error).message}`);
    }
    for (const cells of parsed) yield { row: ++row, cells };
    start = end;
  }
}

function firstLineOf(content: Buffer | string): string {
  const head = typeof content === 'string' ? content.slice(0, 4096) : content.subarray(0, 4096).toString('utf8');
  const end = head.search(/\r?\n/);
  return end === -1 ? head : head.slice(0, end);
}
