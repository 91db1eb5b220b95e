import { COUNTERPARTY_KINDS, DIRECTIONS, PAYMENT_METHODS } from './enums';
import { isCalendarDate } from './dates';
import { isValidAmountFen, MAX_AMOUNT_FEN } from './money';
import { personalDataProblem } from './privacy';

/** Limits shared by the server's validation and the mini-app's forms. */
export const ENTRY_LIMITS = {
  counterpartyNameMax: 100,
  summaryMax: 500,
  voucherNoMax: 50,
  reasonMax: 500,
  attachmentsMax: 9,
  maxAmountFen: MAX_AMOUNT_FEN,
} as const;

export interface FieldError {
  field: string;
  reason: string;
}

export interface EntryInput {
  direction?: unknown;
  subjectCode?: unknown;
  amountFen?: unknown;
  occurredOn?: unknown;
  counterpartyName?: unknown;
  counterpartyKind?: unknown;
  summary?: unknown;
  paymentMethod?: unknown;
  voucherNo?: unknown;
}

export interface EntryContext {
  /** Today's calendar date (YYYY-MM-DD) in the village's time zone. */
  today: string;
  /** The date the village's ledger starts; entries may not occur before it. */
  ledgerStart?: string | null;
}

function text(
  errors: FieldError[],
  field: string,
  value: unknown,
  max: number,
  required: boolean,
): void {
  if (value === undefined || value === null || value === '') {
    if (required) errors.push({ field, reason: '必填' });
    return;
  }
  if (typeof value !== 'string') return void errors.push({ field, reason: '必须是文本' });
  if (value.trim() === '') return void errors.push({ field, reason: '不能只有空白' });
  if (Array.from(value).length > max) errors.push({ field, reason: `不能超过${max}个字` });
  const pd = personalDataProblem(value);
  if (pd) errors.push({ field, reason: pd });
}

/** The rules of a complete entry; the same list the server answers with in a 400. */
export function validateEntryInput(input: EntryInput, ctx: EntryContext): FieldError[] {
  const errors: FieldError[] = [];
  if (!DIRECTIONS.includes(input.direction as never))
    errors.push({ field: 'direction', reason: '必须是 income 或 expense' });
  if (typeof input.subjectCode !== 'string' || !/^\d{3,10}$/.test(input.subjectCode))
    errors.push({ field: 'subjectCode', reason: '请选择会计科目' });
  if (!isValidAmountFen(input.amountFen))
    errors.push({ field: 'amountFen', reason: '金额必须是大于0、不超过100亿元的整数分' });
  if (!isCalendarDate(input.occurredOn)) {
    errors.push({ field: 'occurredOn', reason: '日期格式应为 YYYY-MM-DD' });
  } else {
    if (input.occurredOn > ctx.today) errors.push({ field: 'occurredOn', reason: '日期不能晚于今天' });
    if (ctx.ledgerStart && input.occurredOn < ctx.ledgerStart)
      errors.push({ field: 'occurredOn', reason: `日期不能早于建账日期${ctx.ledgerStart}` });
  }
  text(errors, 'counterpartyName', input.counterpartyName, ENTRY_LIMITS.counterpartyNameMax, true);
  if (!COUNTERPARTY_KINDS.includes(input.counterpartyKind as never))
    errors.push({ field: 'counterpartyKind', reason: '必须是 person 或 organisation' });
  text(errors, 'summary', input.summary, ENTRY_LIMITS.summaryMax, true);
  if (!PAYMENT_METHODS.includes(input.paymentMethod as never))
    errors.push({ field: 'paymentMethod', reason: '必须是 cash、bank 或 transfer' });
  text(errors, 'voucherNo', input.voucherNo, ENTRY_LIMITS.voucherNoMax, false);
  return errors;
}
