import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { badFile } from './sheet';

// GB18030 is a superset of GBK and GB2312, the encodings Chinese Excel uses for "CSV" by default.
const gb18030 = new TextDecoder('gb18030', { fatal: true });

/**
 * The content of a CSV file in a form csv-parse reads: UTF-8 bytes as they are (BOM removed),
 * UTF-16 with a BOM and GBK/GB18030 decoded to text. Anything else (or NUL characters, as in
 * binary files) is refused.
 */
export function csvContent(bytes: Buffer): Buffer | string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    if (!isUtf8(body)) throw badFile('文件声明为 UTF-8 编码，但内容不是有效的 UTF-8 文本');
    return noNul(body);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return noNul(decode('utf-16le', bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return noNul(decode('utf-16be', bytes.subarray(2)));
  if (isUtf8(bytes)) return noNul(bytes);
  if (bytes.includes(0)) throw notText();
  try {
    return gb18030.decode(bytes);
  } catch {
    throw badFile('文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX (the file is neither UTF-8 nor GBK text)');
  }
}

function decode(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw badFile('文件声明为 UTF-16 编码，但内容不是有效的 UTF-16 文本');
  }
}

function noNul<T extends Buffer | string>(content: T): T {
  const hasNul = typeof content === 'string' ? content.includes('\u0000') : (content as Buffer).includes(0);
  if (hasNul) throw notText();
  return content;
}

const notText = () => badFile('不是 CSV 或 XLSX 文件 (binary content; upload a CSV or an .xlsx workbook)');
