import { isCalendarDate, MAX_AMOUNT_FEN, type CounterpartyKind, type Direction, type PaymentMethod } from '@mingbai/shared';
import { Cell, isBlankCell } from '../sheet/sheet';

/** A cell read as a field value, or the reason it could not be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** Text as written; numbers as their plain digits; blank as undefined. */
export function cellText(c: Cell): string | undefined {
  if (isBlankCell(c)) return undefined;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

// Excel's day 0 in the 1900 date system (the 1900 leap-year bug folded in).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

// A file repeats the same few hundred dates: remember what each text meant (bounded).
const dateTexts = new Map<string, Parsed<string>>();

/** YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD, an Excel date cell or an Excel day number. */
export function parseDate(c: Cell): Parsed<string> {
  if (typeof c !== 'string') return parseDateCell(c);
  let parsed = dateTexts.get(c);
  if (!parsed) {
    if (dateTexts.size >= 10_000) dateTexts.clear();
    parsed = parseDateCell(c);
    dateTexts.set(c, parsed);
  }
  return parsed;
}

function parseDateCell(c: Cell): Parsed<string> {
  // Excel stores a date as a wall-clock serial; exceljs gives it as that wall-clock time in UTC.
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? fail('不是有效日期') : ok(c.toISOString().slice(0, 10));
  if (typeof c === 'number') {
    if (!Number.isFinite(c) || c < 1 || c > 2958465) return fail('不是有效日期');
    return ok(new Date(EXCEL_EPOCH_MS + Math.floor(c) * 86_400_000).toISOString().slice(0, 10));
  }
  const text = cellText(c) ?? '';
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(text) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return fail(`日期“${text}”格式不对，应为 YYYY-MM-DD 或 YYYY/M/D`);
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isCalendarDate(iso) ? ok(iso) : fail(`日期“${text}”不存在`);
}

/** Yuan with at most 2 decimals: "1,234.50", "¥1234.5", "1234.50元", or an XLSX number. */
export function parseYuan(c: Cell): Parsed<number> {
  if (typeof c === 'number') {
    const fen = Math.round(c * 100);
    if (!Number.isFinite(c) || Math.abs(c * 100 - fen) > 1e-6) return fail(`金额 ${c} 最多两位小数`);
    return amount(fen);
  }
  const text = cellText(c) ?? '';
  const plain = text
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
    .trim();
  if (/^-/.test(plain)) return fail(`金额“${text}”不能为负数；冲销请在系统内对原记录操作`);
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(plain)) return fail(`金额“${text}”格式不对，应为元，如 1,234.50`);
  const [int, dec = ''] = plain.replace(/,/g, '').split('.');
  if (dec.length > 2) return fail(`金额“${text}”最多两位小数`);
  if (int.length > 13) return fail(`金额“${text}”太大`);
  return amount(Number(int) * 100 + Number(dec.padEnd(2, '0')));
}

/** A whole number of fen. */
export function parseFen(c: Cell): Parsed<number> {
  if (typeof c === 'number') return Number.isInteger(c) ? amount(c) : fail(`金额(分) ${c} 必须是整数`);
  const text = (cellText(c) ?? '').replace(/,/g, '');
  if (!/^\d{1,16}$/.test(text)) return fail(`金额(分)“${text}”必须是整数分`);
  return amount(Number(text));
}

function amount(fen: number): Parsed<number> {
  if (fen <= 0) return fail('金额必须大于0');
  if (fen > MAX_AMOUNT_FEN) return fail('金额不能超过100亿元');
  return ok(fen);
}

const DIRECTIONS: Record<string, Direction> = {
  收入: 'income',
  收: 'income',
  income: 'income',
  支出: 'expense',
  支: 'expense',
  expense: 'expense',
};
const KINDS: Record<string, CounterpartyKind> = {
  个人: 'person',
  person: 'person',
  单位: 'organisation',
  组织: 'organisation',
  organisation: 'organisation',
  organization: 'organisation',
};
const METHODS: Record<string, PaymentMethod> = {
  现金: 'cash',
  cash: 'cash',
  银行: 'bank',
  银行存款: 'bank',
  bank: 'bank',
  转账: 'transfer',
  银行转账: 'transfer',
  transfer: 'transfer',
};

export const parseDirection = (c: Cell) => lookup(c, DIRECTIONS, '收支应为 收入/支出 (income/expense)');
export const parseKind = (c: Cell) => lookup(c, KINDS, '对方类型应为 个人/单位 (person/organisation)');
export const parsePaymentMethod = (c: Cell) => lookup(c, METHODS, '结算方式应为 现金/银行/转账 (cash/bank/transfer)');

function lookup<T>(c: Cell, table: Record<string, T>, reason: string): Parsed<T> {
  const text = cellText(c) ?? '';
  const value = table[text.toLowerCase()];
  return value === undefined ? fail(`“${text}”：${reason}`) : ok(value);
}

/** "501", 501, "501 经营收入", "501经营收入" → code 501 (+ the name written after it); "经营收入" → name only. */
export function parseSubject(c: Cell): { code?: string; name?: string } {
  const text = cellText(c) ?? '';
  const m = /^(\d{3,10})(?![\d])\s*[-—:：、.]?\s*(.*)$/.exec(text);
  if (m) return { code: m[1], name: m[2] || undefined };
  return { name: text || undefined };
}

const ORGANISATION_WORDS = /公司|合作社|委员会|村委|局|所|站|银行|中心|厂|店|政府|学校|医院/;

/** Without a kind column: an organisation when the name says so, else a person (whose name is then masked). */
export function guessKind(name: string): CounterpartyKind {
  return ORGANISATION_WORDS.test(name) ? 'organisation' : 'person';
}
