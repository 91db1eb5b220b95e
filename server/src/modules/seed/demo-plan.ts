import { normalizePersonName } from '@mingbai/shared';
import { CONTRACTORS } from './demo-names';
import { monthEntries, type PlannedEntry } from './demo-month';
import type { VillageProfile } from './demo-profile';
import type { RentPayment } from './demo-registers';
import type { Rng } from './prng';

export type Fate = 'published' | 'submitted' | 'draft' | 'rejected';

export interface PlanItem extends PlannedEntry {
  fate: Fate;
  voucherNo: string | null;
  /** Why the approver sent it back (rejected), or sent it back once before it was corrected and published. */
  rejectReason?: string;
  /** A red-ink reversal (红字冲销) of an earlier published item. */
  reverses?: PlanItem;
  reversalReason?: string;
  /** Rent or a contracting fee: linked to its contract's installment as a rent receipt once published. */
  rent?: RentPayment;
  /** Planted for the supervision rule of this id: kept as planned (no workflow, correction or tidying). */
  anomaly?: string;
  /** The day the bookkeeper entered it, when that was long after it occurred. */
  postedOn?: string;
  /** The bookkeeper attached no voucher photo. */
  noVoucher?: boolean;
  /** Entered again under this earlier item's voucher number. */
  sameVoucherAs?: PlanItem;
  /** Entered without a voucher number. */
  noVoucherNo?: boolean;
}

export interface PlanOptions {
  ledgerStart: string;
  today: string;
  isThresholdTown: boolean;
  /** The demo village: sure to have every kind of entry for the demo accounts to look at. */
  isDemoVillage: boolean;
  /** Which correction this village shows, if any. */
  correction: 'duplicate' | 'wrong-amount' | null;
  /** Rent received (from the registers) and planted anomalies: added as they are. */
  extra?: PlanItem[];
  /** Statutory days off: ordinary spending is moved off them. */
  holidays?: ReadonlySet<string>;
  /** Reshapes the village's ordinary amounts (a town's odd first digits, a village's round figures). */
  shape?: (rng: Rng, items: PlanItem[]) => void;
}

/** The rules' defaults the ordinary demo ledger keeps clear of: split payments under 5,000 yuan within 7 days, duplicates within 30. */
const SPLIT_THRESHOLD_FEN = 500_000;
const SPLIT_WINDOW_DAYS = 8;
const DUPLICATE_WINDOW_DAYS = 31;

const REJECT_REASONS = ['凭证金额与摘要不符，请核对后重新提交', '缺少发票或收据，请补充附件', '科目选择有误，应计入管理费用', '支出未经村民代表会议决议，请补充会议记录', '对方单位名称与发票不一致'];

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const byDate = (a: PlanItem, b: PlanItem) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0);

/** A village's whole demo ledger from its start to today, in occurrence order, with each item's fate. */
export function villagePlan(rng: Rng, profile: VillageProfile, o: PlanOptions): PlanItem[] {
  const items: PlanItem[] = [];
  const extra = o.extra ?? [];
  const rentLines = new Map<string, number>();
  for (const e of extra) if (e.rent) rentLines.set(e.occurredOn.slice(0, 7), (rentLines.get(e.occurredOn.slice(0, 7)) ?? 0) + 1);
  const [ty, tm, td] = o.today.split('-').map(Number);
  for (let y = Number(o.ledgerStart.slice(0, 4)), m = Number(o.ledgerStart.slice(5, 7)); y < ty || (y === ty && m <= tm); m === 12 ? (y++, (m = 1)) : m++) {
    const dim = daysInMonth(y, m);
    const lastDay = y === ty && m === tm ? td : dim;
    const month = `${y}-${String(m).padStart(2, '0')}`;
    for (const e of monthEntries(rng, profile, { year: y, month: m, lastDay, daysInMonth: dim }, o.isThresholdTown, rentLines.get(month) ?? 0))
      items.push({ ...e, fate: 'published', voucherNo: null });
  }

  if (o.isDemoVillage)
    // A large payment waiting for the town agent's second approval.
    items.push({
      occurredOn: offHoliday(addDays(o.today, -3), o),
      direction: 'expense',
      subjectCode: '514',
      amountFen: 6_850_000,
      counterpartyKind: 'organisation',
      counterpartyName: CONTRACTORS[0],
      summary: '村道硬化工程进度款（第二期）',
      paymentMethod: 'bank',
      fate: 'submitted',
      voucherNo: null,
    });
  o.shape?.(rng, items);
  for (const e of items) if (e.direction === 'expense') e.occurredOn = offHoliday(e.occurredOn, o);
  items.push(...extra);
  items.sort(byDate);
  const tidy = keepClearOfRules(profile, items);

  addCorrection(rng, tidy, o);
  assignPendingFates(rng, tidy, o);
  numberVouchers(tidy);
  // Written in the order the bookkeeper entered them (late entries among those of their posting day).
  return tidy.map((e, i) => ({ e, i, on: e.postedOn ?? e.occurredOn })).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.i - b.i)).map((x) => x.e);
}

/** The next day that is not a day off (or the last one before, at the end of the ledger). */
function offHoliday(date: string, o: PlanOptions): string {
  if (!o.holidays) return date;
  let d = date;
  while (o.holidays.has(d) && d < o.today) d = addDays(d, 1);
  while (o.holidays.has(d) && d > o.ledgerStart) d = addDays(d, -1);
  return d;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * Ordinary spending that would look like a planted anomaly — small payments to one payee adding up
 * past the approval threshold within a week, or the same amount to the same payee within a month —
 * is given to another of the village's odd-job workers, or left out when it is a filler. Planted
 * items are never changed.
 */
function keepClearOfRules(profile: VillageProfile, items: PlanItem[]): PlanItem[] {
  const byPayee = new Map<string, PlanItem[]>();
  const dropped = new Set<PlanItem>();
  const clashes = (e: PlanItem, payee: string): PlanItem[] => {
    const day = dayNumber(e.occurredOn);
    const earlier = (byPayee.get(normalizePersonName(payee)) ?? []).filter((x) => !dropped.has(x));
    const same = earlier.filter((x) => x.amountFen === e.amountFen && day - dayNumber(x.occurredOn) <= DUPLICATE_WINDOW_DAYS);
    if (same.length) return same;
    if (e.amountFen >= SPLIT_THRESHOLD_FEN) return [];
    const window = earlier.filter((x) => x.amountFen < SPLIT_THRESHOLD_FEN && day - dayNumber(x.occurredOn) <= SPLIT_WINDOW_DAYS);
    return window.reduce((t, x) => t + x.amountFen, e.amountFen) >= SPLIT_THRESHOLD_FEN ? window : [];
  };
  for (const e of items) {
    if (e.direction !== 'expense') continue;
    let clash = clashes(e, e.counterpartyName);
    if (clash.length && e.filler && !e.anomaly && e.counterpartyKind === 'person') {
      const other = profile.workers.find((w) => clashes(e, w).length === 0);
      if (other) {
        e.counterpartyName = other;
        clash = [];
      }
    }
    if (clash.length) {
      const filler = e.filler ? e : clash.find((x) => x.filler);
      if (filler) dropped.add(filler);
      if (filler === e) continue;
    }
    const key = normalizePersonName(e.counterpartyName);
    byPayee.set(key, [...(byPayee.get(key) ?? []), e]);
  }
  return items.filter((e) => !dropped.has(e));
}

/** A duplicate entry reversed as 重复入账, or a wrong amount reversed and entered again. */
function addCorrection(rng: Rng, items: PlanItem[], o: PlanOptions): void {
  if (!o.correction) return;
  const from = addDays(o.today, -300);
  const to = addDays(o.today, -90);
  const candidates = items.filter((e) => e.direction === 'expense' && !e.anomaly && e.occurredOn >= from && e.occurredOn <= to && e.amountFen < 1_000_000);
  if (candidates.length === 0) return;
  const original = rng.pick(candidates);
  const later = offHoliday(addDays(original.occurredOn, rng.int(5, 20)), o);
  if (o.correction === 'duplicate') {
    const duplicate: PlanItem = { ...original };
    items.splice(items.indexOf(original) + 1, 0, duplicate);
    items.push({ ...duplicate, occurredOn: later, reverses: duplicate, reversalReason: '重复入账' });
  } else {
    const right = Math.round(original.amountFen / 1000) * 100 || 100;
    items.push({ ...original, occurredOn: later, reverses: original, reversalReason: `金额录入错误，应为${right / 100}元，已重新入账` });
    items.push({ ...original, occurredOn: later, amountFen: right, summary: `${original.summary}（更正）` });
  }
  items.sort(byDate);
}

/** The last few entries are still in the workflow: drafts, waiting for approval, or sent back. */
function assignPendingFates(rng: Rng, items: PlanItem[], o: PlanOptions): void {
  const open = items.filter((e) => !e.reverses && !e.anomaly && e.fate === 'published');
  const drafts = rng.int(1, 3) + (o.isDemoVillage ? 1 : 0);
  const waiting = rng.int(1, 4) + (o.isDemoVillage ? 2 : 0);
  const rejected = o.isDemoVillage ? 2 : rng.chance(0.5) ? 1 : 0;
  let i = open.length - 1;
  for (let n = 0; n < drafts && i >= 0; n++, i--) open[i].fate = 'draft';
  for (let n = 0; n < waiting && i >= 0; n++, i--) open[i].fate = 'submitted';
  // Approvers send back spending, not money coming in.
  for (let n = 0; n < rejected && i >= 0; n++) {
    i -= rng.int(0, 4);
    while (i >= 0 && open[i].direction !== 'expense') i--;
    if (i < 0) break;
    open[i].fate = 'rejected';
    open[i].rejectReason = rng.pick(REJECT_REASONS);
    i--;
  }
  // Now and then an older entry was sent back once, corrected and then approved.
  for (const e of open) if (e.fate === 'published' && e.direction === 'expense' && rng.chance(0.02)) e.rejectReason = rng.pick(REJECT_REASONS);
}

/** 记-YYYY-NNN per village and year, in occurrence order; a reversal keeps its original's number. */
function numberVouchers(items: PlanItem[]): void {
  const next = new Map<string, number>();
  for (const e of items) {
    if (e.reverses || e.sameVoucherAs || e.noVoucherNo) continue;
    if (e.fate === 'draft' && e.voucherNo === null && e.amountFen % 2 === 0) continue; // not numbered yet
    const year = e.occurredOn.slice(0, 4);
    const n = (next.get(year) ?? 0) + 1;
    next.set(year, n);
    e.voucherNo = `记-${year}-${String(n).padStart(3, '0')}`;
  }
  for (const e of items) if (e.reverses) e.voucherNo = e.reverses.voucherNo;
  for (const e of items) if (e.sameVoucherAs) e.voucherNo = e.sameVoucherAs.voucherNo;
}
