import { COUNTERPARTY_KINDS } from './enums';
import { isCalendarDate } from './dates';
import { isValidAmountFen, MAX_AMOUNT_FEN } from './money';
import { personalDataProblem } from './privacy';
import { ENTRY_LIMITS, type FieldError } from './entry-rules';
import { residentIdProblem } from './resident-id';
import { addMonths, rentSchedule } from './rent-schedule';
import {
  ASSET_KINDS,
  ASSET_NAME_MAX,
  ASSET_USAGES,
  AWARD_METHODS,
  CONTRACT_FREQUENCIES,
  CONTRACT_INSTALLMENTS_MAX,
  CONTRACT_KINDS,
  REGISTER_NOTE_MAX,
  type ContractInput,
  type InstallmentInput,
} from './registers';

/** Limits of register records shared by the server's validation, the imports and the mini-app's forms. */
export const REGISTER_LIMITS = {
  codeMax: 32,
  nameMax: ASSET_NAME_MAX,
  locationMax: 200,
  noteMax: REGISTER_NOTE_MAX,
  reasonMax: 500,
  counterpartyNameMax: ENTRY_LIMITS.counterpartyNameMax,
  /** Whole square metres. */
  areaMaxM2: 1_000_000_000,
  /** The longest term accepted at all (the rules flag terms beyond the legal maxima). */
  termMaxYears: 100,
  installmentsMax: CONTRACT_INSTALLMENTS_MAX,
} as const;

type Loose<T> = { [K in keyof T]?: unknown };

function text(errors: FieldError[], field: string, value: unknown, max: number, required: boolean): void {
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

function oneOf(errors: FieldError[], field: string, value: unknown, allowed: readonly string[]): void {
  if (!allowed.includes(value as string)) errors.push({ field, reason: `必须是 ${allowed.join('、')} 之一` });
}

function area(errors: FieldError[], field: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > REGISTER_LIMITS.areaMaxM2)
    errors.push({ field, reason: '面积必须是大于0的整数平方米' });
}

function fenOrZero(errors: FieldError[], field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > MAX_AMOUNT_FEN)
    errors.push({ field, reason: '金额必须是0到100亿元之间的整数分' });
}

// ---------------------------------------------------------------- assets

export type AssetFields = Loose<{
  code: string;
  name: string;
  kind: string;
  location: string;
  areaM2: number | null;
  bookValueFen: number;
  usage: string;
  acquiredOn: string | null;
  note: string | null;
}>;

/** The rules of a complete asset record (without its village); the same list the server answers with in a 400. */
export function validateAssetInput(input: AssetFields, ctx: { today: string }): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'code', input.code, REGISTER_LIMITS.codeMax, true);
  text(errors, 'name', input.name, REGISTER_LIMITS.nameMax, true);
  oneOf(errors, 'kind', input.kind, ASSET_KINDS);
  text(errors, 'location', input.location, REGISTER_LIMITS.locationMax, true);
  area(errors, 'areaM2', input.areaM2);
  fenOrZero(errors, 'bookValueFen', input.bookValueFen);
  oneOf(errors, 'usage', input.usage, ASSET_USAGES);
  if (input.acquiredOn !== null && input.acquiredOn !== undefined) {
    if (!isCalendarDate(input.acquiredOn)) errors.push({ field: 'acquiredOn', reason: '日期格式应为 YYYY-MM-DD' });
    else if (input.acquiredOn > ctx.today) errors.push({ field: 'acquiredOn', reason: '取得日期不能晚于今天' });
  }
  text(errors, 'note', input.note, REGISTER_LIMITS.noteMax, false);
  return errors;
}

// ---------------------------------------------------------------- contracts

export type ContractFields = Loose<Omit<ContractInput, 'villageId' | 'installments'>> & { installments?: unknown };

/**
 * The rules of a complete contract (without its village and asset, which the server checks): the
 * term, the rent (an annual rent to generate the schedule from, or the installments one by one
 * when the frequency is custom), the counterparty, deposit, area and award method.
 */
export function validateContractInput(input: ContractFields): FieldError[] {
  const errors: FieldError[] = [];
  text(errors, 'code', input.code, REGISTER_LIMITS.codeMax, true);
  oneOf(errors, 'kind', input.kind, CONTRACT_KINDS);
  oneOf(errors, 'counterpartyKind', input.counterpartyKind, COUNTERPARTY_KINDS);
  text(errors, 'counterpartyName', input.counterpartyName, REGISTER_LIMITS.counterpartyNameMax, true);
  const idNumber = input.counterpartyIdNumber;
  if (idNumber !== null && idNumber !== undefined && idNumber !== '') {
    if (typeof idNumber !== 'string') errors.push({ field: 'counterpartyIdNumber', reason: '必须是文本' });
    else if (input.counterpartyKind !== 'person') errors.push({ field: 'counterpartyIdNumber', reason: '只有个人承租方才填写身份证号码' });
    else {
      const problem = residentIdProblem(idNumber);
      if (problem) errors.push({ field: 'counterpartyIdNumber', reason: problem });
    }
  }

  const datesOk = isCalendarDate(input.startOn) && isCalendarDate(input.endOn);
  if (!isCalendarDate(input.startOn)) errors.push({ field: 'startOn', reason: '日期格式应为 YYYY-MM-DD' });
  if (!isCalendarDate(input.endOn)) errors.push({ field: 'endOn', reason: '日期格式应为 YYYY-MM-DD' });
  const startOn = input.startOn as string;
  const endOn = input.endOn as string;
  let termOk = datesOk;
  if (datesOk && endOn < startOn) {
    errors.push({ field: 'endOn', reason: '终止日期不能早于起始日期' });
    termOk = false;
  } else if (datesOk && endOn >= addMonths(startOn, REGISTER_LIMITS.termMaxYears * 12)) {
    errors.push({ field: 'endOn', reason: `合同期限不能超过${REGISTER_LIMITS.termMaxYears}年` });
    termOk = false;
  }

  oneOf(errors, 'frequency', input.frequency, CONTRACT_FREQUENCIES);
  const custom = input.frequency === 'custom';
  const rent = input.annualRentFen;
  if (rent !== null && rent !== undefined ? !isValidAmountFen(rent) : !custom)
    errors.push({
      field: 'annualRentFen',
      reason: custom ? '年租金必须是大于0的整数分' : '按年、半年、季度或月付款时必须填写年租金（大于0的整数分）',
    });
  if (custom) errors.push(...installmentProblems(input.installments, termOk ? { startOn, endOn } : null));
  else if (
    input.installments !== undefined &&
    input.installments !== null &&
    !(Array.isArray(input.installments) && input.installments.length === 0)
  )
    errors.push({ field: 'installments', reason: '只有自定义付款方式才逐期填写租金' });
  else if (termOk && CONTRACT_FREQUENCIES.includes(input.frequency as never) && isValidAmountFen(rent)) {
    const schedule = rentSchedule({
      startOn,
      endOn,
      annualRentFen: rent,
      frequency: input.frequency as Exclude<ContractInput['frequency'], 'custom'>,
    });
    if (schedule.length > REGISTER_LIMITS.installmentsMax)
      errors.push({ field: 'frequency', reason: `租金最多分${REGISTER_LIMITS.installmentsMax}期，请选择更长的付款周期` });
    else if (schedule.some((i) => i.amountFen <= 0)) errors.push({ field: 'annualRentFen', reason: '年租金太小，分期后有一期为0' });
  }

  fenOrZero(errors, 'depositFen', input.depositFen);
  area(errors, 'areaM2', input.areaM2);
  oneOf(errors, 'awardMethod', input.awardMethod, AWARD_METHODS);
  text(errors, 'note', input.note, REGISTER_LIMITS.noteMax, false);
  return errors;
}

/** Installments given one by one: real dates in order within the term, amounts above zero. */
function installmentProblems(list: unknown, term: { startOn: string; endOn: string } | null): FieldError[] {
  if (!Array.isArray(list) || list.length === 0) return [{ field: 'installments', reason: '自定义付款方式必须逐期填写租金' }];
  if (list.length > REGISTER_LIMITS.installmentsMax) return [{ field: 'installments', reason: `最多${REGISTER_LIMITS.installmentsMax}期` }];
  const errors: FieldError[] = [];
  let prev: InstallmentInput | null = null;
  list.forEach((raw: unknown, i) => {
    const at = (f: string) => `installments[${i}].${f}`;
    const inst = (raw ?? {}) as Loose<InstallmentInput>;
    const bad = errors.length;
    for (const f of ['periodStart', 'periodEnd', 'dueOn'] as const)
      if (!isCalendarDate(inst[f])) errors.push({ field: at(f), reason: '日期格式应为 YYYY-MM-DD' });
    if (!isValidAmountFen(inst.amountFen)) errors.push({ field: at('amountFen'), reason: '每期租金必须是大于0的整数分' });
    if (errors.length > bad) return void (prev = null);
    const cur = inst as InstallmentInput;
    if (cur.periodEnd < cur.periodStart) errors.push({ field: at('periodEnd'), reason: '本期结束日期不能早于开始日期' });
    if (term) {
      if (cur.periodStart < term.startOn || cur.periodEnd > term.endOn)
        errors.push({ field: at('periodStart'), reason: '租期必须在合同期限内' });
      if (cur.dueOn < term.startOn || cur.dueOn > term.endOn) errors.push({ field: at('dueOn'), reason: '应收日期必须在合同期限内' });
    }
    if (prev) {
      if (cur.periodStart <= prev.periodEnd) errors.push({ field: at('periodStart'), reason: '各期租期必须按时间先后排列且不重叠' });
      if (cur.dueOn < prev.dueOn) errors.push({ field: at('dueOn'), reason: '各期应收日期必须按时间先后排列' });
    }
    prev = cur;
  });
  return errors;
}

/** The installments of a valid contract input: generated from the annual rent, or as given (custom). */
export function contractInstallments(
  input: Pick<ContractInput, 'startOn' | 'endOn' | 'frequency' | 'annualRentFen' | 'installments'>,
): (InstallmentInput & { seq: number })[] {
  if (input.frequency === 'custom')
    return (input.installments ?? []).map((i, k) => ({
      seq: k + 1,
      periodStart: i.periodStart,
      periodEnd: i.periodEnd,
      dueOn: i.dueOn,
      amountFen: i.amountFen,
    }));
  return rentSchedule({ startOn: input.startOn, endOn: input.endOn, annualRentFen: input.annualRentFen!, frequency: input.frequency });
}

/** A termination of an approved contract: its last day in force lies within the term, before its end. */
export function validateTermination(
  input: Loose<{ terminatedOn: string; reason: string }>,
  term: { startOn: string; endOn: string },
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(input.terminatedOn)) errors.push({ field: 'terminatedOn', reason: '日期格式应为 YYYY-MM-DD' });
  else if (input.terminatedOn < term.startOn || input.terminatedOn >= term.endOn)
    errors.push({ field: 'terminatedOn', reason: `终止日期必须在合同期限内（${term.startOn} 至 ${term.endOn} 之前）` });
  text(errors, 'reason', input.reason, REGISTER_LIMITS.reasonMax, true);
  return errors;
}
