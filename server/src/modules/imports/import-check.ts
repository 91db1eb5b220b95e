import type { Sheet } from './sheet/sheet';
import type { ColumnMap } from './mapping/columns';
import { mapRow } from './mapping/row-mapper';
import { checkRow, CheckContext } from './mapping/entry-check';
import type { ImportedEntry, RowError } from './import.types';

/** At most this many problems are listed in a response (all are counted). */
export const MAX_LISTED_ERRORS = 1000;

/**
 * The checking of one file, row by row as its entries are consumed: rows with problems are
 * counted and listed, good rows are handed on. Header problems are known from the start.
 */
export class ImportCheck {
  rows = 0;
  valid = 0;
  errorCount = 0;
  readonly errors: RowError[] = [];

  constructor(
    readonly sheet: Sheet,
    private readonly columns: ColumnMap | null,
    private readonly ctx: CheckContext,
  ) {}

  report(row: number, field: string, reason: string): void {
    this.errorCount += 1;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push({ row, field, reason });
  }

  /** The good rows in file order (each file can be gone through once). */
  *entries(): Generator<ImportedEntry> {
    const used = new Set(Object.values(this.columns ?? {}));
    for (const source of this.sheet.rows) {
      this.rows += 1;
      if (!this.columns) continue; // the header is wrong: the rows are only counted
      const { entry, errors } = checkRow(mapRow(this.columns, used, source), this.ctx);
      for (const e of errors) this.report(source.row, e.field, e.reason);
      if (entry) {
        this.valid += 1;
        yield entry;
      }
    }
    if (this.rows === 0) this.report(this.sheet.headerRow, 'file', '文件里没有数据行 (no data rows)');
  }

  /** The good rows only while no row has failed; the rest of the file is still checked, for the report. */
  *entriesUntilFirstError(): Generator<ImportedEntry> {
    for (const entry of this.entries()) if (this.errorCount === 0) yield entry;
  }

  /** Checks every remaining row. */
  finish(): this {
    for (const entry of this.entries()) void entry;
    return this;
  }
}
