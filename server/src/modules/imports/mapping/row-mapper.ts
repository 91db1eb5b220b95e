import type { CounterpartyKind, Direction, FieldError, PaymentMethod } from '@mingbai/shared';
import { Cell, isBlankCell, SheetRow } from '../sheet/sheet';
import { ColumnMap, ImportField } from './columns';
import {
  cellText,
  guessKind,
  Parsed,
  parseDate,
  parseDirection,
  parseFen,
  parseKind,
  parsePaymentMethod,
  parseSubject,
  parseYuan,
} from './cell-values';

/** A row read into entry fields. A field stays undefined when its cell is blank or could not be read. */
export interface MappedRow {
  row: number;
  occurredOn?: string;
  direction?: Direction;
  subjectCode?: string;
  /** The account name written in the subject cell ("501 经营收入" → 经营收入), to check against the chart. */
  subjectName?: string;
  amountFen?: number;
  counterpartyName?: string;
  counterpartyKind?: CounterpartyKind;
  summary?: string;
  paymentMethod?: PaymentMethod;
  voucherNo: string | null;
  /** Problems reading the cells, by API field name. */
  errors: FieldError[];
}

/** Reads one data row through the column map. Blank cells are left for the entry rules to report. */
export function mapRow(columns: ColumnMap, used: ReadonlySet<number>, source: SheetRow): MappedRow {
  const cells = source.cells;
  const errors: FieldError[] = [];
  const subject = parseSubject(cellOf(columns, 'subjectCode', cells));
  const counterpartyName = cellText(cellOf(columns, 'counterpartyName', cells));
  const kindCell = cellOf(columns, 'counterpartyKind', cells);
  const out: MappedRow = {
    row: source.row,
    occurredOn: read(errors, 'occurredOn', cellOf(columns, 'occurredOn', cells), parseDate),
    direction: read(errors, 'direction', cellOf(columns, 'direction', cells), parseDirection),
    subjectCode: subject.code,
    subjectName: subject.name,
    amountFen:
      columns.amountFen !== undefined
        ? read(errors, 'amountFen', cellOf(columns, 'amountFen', cells), parseFen)
        : read(errors, 'amountFen', cellOf(columns, 'amountYuan', cells), parseYuan),
    counterpartyName,
    // Without a kind, a name that looks like an organisation's is one; anyone else is a person (masked).
    counterpartyKind: isBlankCell(kindCell)
      ? counterpartyName
        ? guessKind(counterpartyName)
        : undefined
      : read(errors, 'counterpartyKind', kindCell, parseKind),
    summary: cellText(cellOf(columns, 'summary', cells)),
    paymentMethod: read(errors, 'paymentMethod', cellOf(columns, 'paymentMethod', cells), parsePaymentMethod),
    voucherNo: cellText(cellOf(columns, 'voucherNo', cells)) ?? null,
    errors,
  };
  for (let i = 0; i < cells.length; i++)
    if (!used.has(i) && !isBlankCell(cells[i])) errors.push({ field: 'columns', reason: `第${i + 1}列有内容但没有表头` });
  return out;
}

function cellOf(columns: ColumnMap, field: ImportField, cells: Cell[]): Cell {
  const i = columns[field];
  return i === undefined ? null : (cells[i] ?? null);
}

function read<T>(errors: FieldError[], field: string, c: Cell, parse: (c: Cell) => Parsed<T>): T | undefined {
  if (isBlankCell(c)) return undefined;
  const p = parse(c);
  if (p.ok) return p.value;
  errors.push({ field, reason: p.reason });
  return undefined;
}
