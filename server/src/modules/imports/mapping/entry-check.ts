import { maskPersonName, validateEntryInput, type ChartVersion, type FieldError } from '@mingbai/shared';
import type { ChartAccountDto } from '../../chart/chart.service';
import type { MappedRow } from './row-mapper';
import type { ImportedEntry } from '../import.types';

export interface CheckContext {
  today: string;
  ledgerStart: string | null;
  chartVersion: ChartVersion;
  /** The village chart's account by code (ChartService.find). */
  account(code: string): ChartAccountDto | undefined;
  /** Income and expense accounts of the village chart by name, for cells that give only the name. */
  byName: ReadonlyMap<string, ChartAccountDto>;
}

/**
 * The API's rules for an entry (validateEntryInput, then the village chart and direction check
 * that LedgerService applies), on a row read from a file. A field whose cell could not be read is
 * reported once, with the reading problem.
 */
export function checkRow(row: MappedRow, ctx: CheckContext): { entry: ImportedEntry | null; errors: FieldError[] } {
  const errors = [...row.errors];
  const unreadable = new Set(row.errors.map((e) => e.field));

  let subjectCode = row.subjectCode;
  if (!subjectCode && row.subjectName) {
    const named = ctx.byName.get(row.subjectName);
    if (named) subjectCode = named.code;
    else {
      errors.push({ field: 'subjectCode', reason: `“${row.subjectName}”不是${ctx.chartVersion}版科目表的收入或支出科目` });
      unreadable.add('subjectCode');
    }
  }
  const account = subjectCode ? ctx.account(subjectCode) : undefined;
  if (account && row.subjectCode && row.subjectName && row.subjectName !== account.name) {
    errors.push({
      field: 'subjectCode',
      reason: `科目 ${subjectCode} 在${ctx.chartVersion}版科目表中是“${account.name}”，与“${row.subjectName}”不符`,
    });
    unreadable.add('subjectCode');
  }
  // Without a direction cell the account tells it; a written direction must agree (checked below).
  const direction = row.direction ?? (unreadable.has('direction') ? undefined : (account?.direction ?? undefined));

  const input = {
    direction,
    subjectCode,
    amountFen: row.amountFen,
    occurredOn: row.occurredOn,
    counterpartyName: row.counterpartyName,
    counterpartyKind: row.counterpartyKind,
    summary: row.summary,
    paymentMethod: row.paymentMethod,
    voucherNo: row.voucherNo,
  };
  for (const e of validateEntryInput(input, { today: ctx.today, ledgerStart: ctx.ledgerStart }))
    if (!unreadable.has(e.field)) errors.push(e);

  // The chart check of LedgerService.check, with its messages.
  if (!errors.some((e) => e.field === 'subjectCode') && !unreadable.has('direction')) {
    if (!account || !account.direction)
      errors.push({ field: 'subjectCode', reason: `${subjectCode} is not an income or expense account of the ${ctx.chartVersion} chart` });
    else if (account.direction !== direction)
      errors.push({ field: 'subjectCode', reason: `${subjectCode} ${account.name} is an ${account.direction} account` });
  }
  if (errors.length) return { entry: null, errors: errors.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field)) };

  const name = input.counterpartyName!.trim();
  return {
    entry: {
      row: row.row,
      direction: input.direction!,
      subjectCode: subjectCode!,
      amountFen: input.amountFen!,
      occurredOn: input.occurredOn!,
      counterpartyName: name,
      counterpartyKind: input.counterpartyKind!,
      counterpartyDisplay: input.counterpartyKind === 'person' ? maskPersonName(name) : name,
      summary: input.summary!.trim(),
      paymentMethod: input.paymentMethod!,
      voucherNo: input.voucherNo?.trim() || null,
    },
    errors,
  };
}

const FIELD_ORDER = [
  'occurredOn',
  'direction',
  'subjectCode',
  'amountFen',
  'counterpartyName',
  'counterpartyKind',
  'summary',
  'paymentMethod',
  'voucherNo',
];

/** A row's problems in the order of the entry's fields (the sort is stable for one field's several problems). */
function fieldOrder(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i === -1 ? FIELD_ORDER.length : i;
}
