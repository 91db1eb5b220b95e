import { readCsv } from './csv-sheet';
import { readXlsx } from './xlsx-sheet';
import { badFile, Sheet } from './sheet';

/** Tells the format by content: XLSX is a ZIP archive (PK\x03\x04); anything else is read as CSV text. */
export async function readSheet(bytes: Buffer): Promise<Sheet> {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) return readXlsx(bytes);
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0) throw badFile('不支持旧版 Excel (.xls) 文件：请另存为 .xlsx 或 CSV');
  return readCsv(bytes);
}
