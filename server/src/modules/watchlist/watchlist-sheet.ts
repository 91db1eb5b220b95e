import {
  isCalendarDate,
  personalDataProblem,
  residentIdProblem,
  WATCH_LIST_KIND_LABELS,
  WATCH_LIST_KINDS,
  type WatchListKind,
} from '@mingbai/shared';
import type { FieldDetail } from '../../common/errors/app-exception';
import { badFile, type Cell, type Sheet } from '../imports/sheet/sheet';
import { cellText, parseDate } from '../imports/mapping/cell-values';
import { WATCH_NAME_MAX, WATCH_RELATION_MAX, WATCH_SOURCE_MAX } from './dto/watch-person.dto';

/** The most people one file may add. */
export const WATCH_IMPORT_MAX_ROWS = 20_000;

type Field = 'name' | 'idNumber' | 'listKind' | 'relation' | 'sinceOn' | 'source';

/** Column headers as inspectors write them (spaces and the kind of slash do not matter). */
const HEADERS: Record<Field, string[]> = {
  name: ['姓名', '名字'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码'],
  listKind: ['名单类别', '类别', '名单'],
  relation: ['关系/说明', '关系', '说明', '关系说明'],
  sinceOn: ['起始日期', '日期', '起始时间'],
  source: ['来源', '数据来源'],
};

/** What a 名单类别 cell may say, besides the codes. */
const KIND_WORDS: Record<string, WatchListKind> = {
  ...Object.fromEntries(WATCH_LIST_KINDS.map((k) => [WATCH_LIST_KIND_LABELS[k], k])),
  村干部近亲属: 'cadre_relative',
  村干部亲属: 'cadre_relative',
  村干部: 'cadre_relative',
  公职人员: 'public_servant',
  财政供养人员: 'public_servant',
  已故: 'deceased',
  死亡人员: 'deceased',
  迁出: 'moved_away',
  户籍迁出: 'moved_away',
};

/** One person read from a file: the ID number is still raw here and must be hashed, never kept. */
export interface SheetPerson {
  row: number;
  name: string;
  idNumber: string | null;
  listKind: WatchListKind;
  relation: string | null;
  sinceOn: string | null;
  source: string | null;
}

const normHeader = (h: string): string => h.replace(/\s+/g, '').replace(/[／\\]/g, '/');

/**
 * Reads the rows of a watch-list file. Problems are collected per row and column (details
 * `rows[N].field`, N the spreadsheet row); they never repeat an ID number.
 */
export function readWatchSheet(sheet: Sheet): { people: SheetPerson[]; problems: FieldDetail[] } {
  const columns = new Map<Field, number>();
  sheet.header.forEach((h, i) => {
    const text = normHeader(h);
    for (const [field, names] of Object.entries(HEADERS) as [Field, string[]][])
      if (!columns.has(field) && names.some((n) => normHeader(n) === text)) columns.set(field, i);
  });
  const missing = (['name', 'listKind'] as const).filter((f) => !columns.has(f));
  if (missing.length)
    throw badFile(
      `缺少必需的列：${missing.map((f) => HEADERS[f][0]).join('、')}（表头应有 姓名、身份证号、名单类别、关系/说明、起始日期、来源）`,
    );

  const people: SheetPerson[] = [];
  const problems: FieldDetail[] = [];
  let count = 0;
  for (const { row, cells } of sheet.rows) {
    if (++count > WATCH_IMPORT_MAX_ROWS) throw badFile(`一个文件最多 ${WATCH_IMPORT_MAX_ROWS} 行`);
    const cell = (f: Field): Cell => (columns.has(f) ? (cells[columns.get(f)!] ?? null) : null);
    const problem = (field: Field, reason: string) => problems.push({ field: `rows[${row}].${field}`, reason });
    const text = (f: Field, max: number): string | null => {
      const v = cellText(cell(f)) ?? null;
      if (v === null) return null;
      if (Array.from(v).length > max) problem(f, `must be at most ${max} characters`);
      else if (personalDataProblem(v)) problem(f, 'must not contain an ID-card or phone number');
      return v;
    };
    const name = text('name', WATCH_NAME_MAX);
    if (name === null) problem('name', 'is required');
    const kindText = cellText(cell('listKind'));
    const listKind =
      kindText === undefined
        ? undefined
        : (KIND_WORDS[kindText.replace(/\s+/g, '')] ?? (WATCH_LIST_KINDS as readonly string[]).find((k) => k === kindText));
    if (!listKind)
      problem(
        'listKind',
        kindText === undefined ? 'is required' : `must be one of ${WATCH_LIST_KINDS.map((k) => WATCH_LIST_KIND_LABELS[k]).join(', ')}`,
      );
    const idNumber = readIdNumber(cell('idNumber'), (reason) => problem('idNumber', reason));
    let sinceOn: string | null = null;
    if (cellText(cell('sinceOn')) !== undefined) {
      const d = parseDate(cell('sinceOn'));
      if (d.ok && isCalendarDate(d.value)) sinceOn = d.value;
      else problem('sinceOn', 'must be a date such as 2025-03-01');
    }
    const relation = text('relation', WATCH_RELATION_MAX);
    const source = text('source', WATCH_SOURCE_MAX);
    if (name !== null && listKind) people.push({ row, name, idNumber, listKind: listKind as WatchListKind, relation, sinceOn, source });
  }
  if (count === 0) throw badFile('文件里没有数据行');
  return { people, problems };
}

/** An ID number cell: text only (Excel turns 18 digits into a rounded number), checked, never echoed. */
function readIdNumber(c: Cell, problem: (reason: string) => void): string | null {
  if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) return null;
  if (typeof c !== 'string') {
    problem('must be stored as text (Excel rounds an 18-digit number)');
    return null;
  }
  const reason = residentIdProblem(c);
  if (reason) {
    problem(reason);
    return null;
  }
  return c;
}
