import { normalizeHeader } from '../imports/mapping/columns';
import { cellText, parseDate, parseYuan, type Parsed } from '../imports/mapping/cell-values';
import { Cell, isBlankCell } from '../imports/sheet/sheet';
import type { RowError } from '../imports/import.types';

/**
 * Reading the cells of a register row into API fields. Each reader records its problem under the
 * field's API name and gives undefined, so the shared rules do not report the same field twice.
 */
export class RowReader {
  readonly errors: RowError[] = [];
  /** Fields whose cell could not be read. */
  readonly unreadable = new Set<string>();

  constructor(readonly row: number) {}

  fail(field: string, reason: string): undefined {
    this.errors.push({ row: this.row, field, reason });
    this.unreadable.add(field);
    return undefined;
  }

  text(c: Cell): string | undefined {
    return cellText(c);
  }

  /** A label from a table (keys written as normalizeHeader leaves them); blank stays undefined. */
  label<T>(field: string, c: Cell, table: Record<string, T>, expected: string): T | undefined {
    const text = cellText(c);
    if (text === undefined) return undefined;
    const value = table[normalizeHeader(text)];
    return value === undefined ? this.fail(field, `“${text}”：${expected}`) : value;
  }

  date(field: string, c: Cell): string | null | undefined {
    if (isBlankCell(c)) return null;
    return this.parsed(field, parseDate(c));
  }

  /** Yuan with at most 2 decimals into fen; blank and 0 are 0. */
  yuanOrZero(field: string, c: Cell): number | undefined {
    if (isBlankCell(c)) return 0;
    if (c === 0 || (typeof c === 'string' && /^\s*[¥￥]?0+(\.0+)?\s*元?\s*$/.test(c))) return 0;
    return this.parsed(field, parseYuan(c));
  }

  /** Yuan into fen, above zero; blank stays undefined (for the rules to call it missing). */
  yuan(field: string, c: Cell): number | undefined {
    if (isBlankCell(c)) return undefined;
    return this.parsed(field, parseYuan(c));
  }

  /** Square metres, rounded to whole ones (the register keeps whole m²); blank is null. */
  area(field: string, c: Cell): number | null | undefined {
    if (isBlankCell(c)) return null;
    const n =
      typeof c === 'number'
        ? c
        : /^\s*\d{1,3}(,\d{3})*(\.\d+)?\s*$|^\s*\d+(\.\d+)?\s*$/.test(String(c))
          ? Number(String(c).replace(/,/g, ''))
          : NaN;
    if (!Number.isFinite(n) || n <= 0) return this.fail(field, `面积“${cellText(c)}”应为大于0的平方米数`);
    return Math.max(1, Math.round(n));
  }

  private parsed<T>(field: string, p: Parsed<T>): T | undefined {
    return p.ok ? p.value : this.fail(field, p.reason);
  }

  /** Adds the shared rules' problems for fields that could be read. */
  addRuleErrors(errors: { field: string; reason: string }[]): void {
    for (const e of errors) if (!this.unreadable.has(e.field)) this.errors.push({ row: this.row, field: e.field, reason: e.reason });
  }
}

/** A table of labels keyed the way normalizeHeader writes them. */
export function labelTable<T>(entries: [string[], T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [names, value] of entries) for (const n of names) out[normalizeHeader(n)] = value;
  return out;
}
