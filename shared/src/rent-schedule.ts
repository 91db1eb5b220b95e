import { isCalendarDate } from './dates';

/**
 * Rent schedules of lease and contracting contracts (发包/租赁合同, issue 5): the installments a
 * contract's rent falls into, and the state of each once receipts are recorded against it.
 * Rent is paid in advance: an installment is due on the first day of its period.
 */
export const RENT_FREQUENCIES = ['yearly', 'half_yearly', 'quarterly', 'monthly'] as const;
export type RentFrequency = (typeof RENT_FREQUENCIES)[number];

export const RENT_FREQUENCY_LABELS: Record<RentFrequency, string> = { yearly: '每年', half_yearly: '每半年', quarterly: '每季度', monthly: '每月' };
const MONTHS_PER_PERIOD: Record<RentFrequency, number> = { yearly: 12, half_yearly: 6, quarterly: 3, monthly: 1 };

export interface RentInstallment {
  /** 1, 2, 3 … in date order. */
  seq: number;
  periodStart: string;
  /** The last day the installment pays for. */
  periodEnd: string;
  dueOn: string;
  amountFen: number;
}

export interface ScheduleInput {
  /** First day of the term, YYYY-MM-DD. */
  startOn: string;
  /** Last day of the term (inclusive). */
  endOn: string;
  annualRentFen: number;
  frequency: RentFrequency;
}

const parse = (d: string) => d.split('-').map(Number) as [number, number, number];
const fmt = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** `date` plus `months` calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return fmt(ty, tm, Math.min(d, last));
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = parse(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The installments of a term: whole periods from the start, the last one cut at the end of the
 * term and charged in proportion to its days. Amounts are whole fen; rounding goes to the last
 * installment, so the installments add up to the rent of the whole term exactly.
 */
export function rentSchedule(input: ScheduleInput): RentInstallment[] {
  const { startOn, endOn, annualRentFen, frequency } = input;
  if (!isCalendarDate(startOn) || !isCalendarDate(endOn)) throw new RangeError('startOn and endOn must be calendar dates');
  if (endOn < startOn) throw new RangeError('endOn is before startOn');
  if (!Number.isSafeInteger(annualRentFen) || annualRentFen < 0) throw new RangeError('annualRentFen must be a whole number of fen, 0 or more');
  const step = MONTHS_PER_PERIOD[frequency];
  const perPeriod = (annualRentFen * step) / 12;
  const rows: { start: string; end: string; exact: number }[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(startOn, k * step);
    if (start > endOn) break;
    const fullEnd = addDays(addMonths(startOn, (k + 1) * step), -1);
    const end = fullEnd < endOn ? fullEnd : endOn;
    const share = end === fullEnd ? 1 : daysBetween(start, end) / daysBetween(start, fullEnd);
    rows.push({ start, end, exact: perPeriod * share });
  }
  const total = Math.round(rows.reduce((s, r) => s + r.exact, 0));
  let allotted = 0;
  return rows.map((r, i) => {
    const amountFen = i === rows.length - 1 ? total - allotted : Math.round(r.exact);
    allotted += amountFen;
    return { seq: i + 1, periodStart: r.start, periodEnd: r.end, dueOn: r.start, amountFen };
  });
}

/** Days from `a` to `b`, both included. */
function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = parse(a);
  const [by, bm, bd] = parse(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000) + 1;
}

export type InstallmentState = 'upcoming' | 'due' | 'paid' | 'partly_paid' | 'overdue';

export const INSTALLMENT_STATE_LABELS: Record<InstallmentState, string> = {
  upcoming: '未到期',
  due: '待收',
  paid: '已收',
  partly_paid: '部分已收',
  overdue: '逾期未收',
};

/**
 * The state of one installment on `today`, given what has been received against it. Unpaid (or
 * partly paid) rent is overdue once more than `graceDays` have passed since it was due.
 */
export function installmentState(inst: Pick<RentInstallment, 'dueOn' | 'amountFen'>, receivedFen: number, today: string, graceDays = 0): InstallmentState {
  if (receivedFen >= inst.amountFen) return 'paid';
  if (today < inst.dueOn) return receivedFen > 0 ? 'partly_paid' : 'upcoming';
  if (today > addDays(inst.dueOn, graceDays)) return 'overdue';
  return receivedFen > 0 ? 'partly_paid' : 'due';
}
