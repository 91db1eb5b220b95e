import { maskPersonName, normalizePersonName } from '@mingbai/shared';
import type { Rng } from '../modules/seed/prng';
import { ENTRY_COLUMNS, type EntryShaper, type Row } from './disclosure-data';
import { benchIdHash, type BenchWatchLists, type WatchTarget } from './rules-people';

/**
 * The rules benchmark's ledger: the disclosure benchmark's entries, reshaped so that each rule
 * finds a realistic few anomalies among ordinary books (and near misses it must not flag):
 * suppliers per village, Benford-like expense amounts, small cash payments, vouchers attached to
 * almost every expense, books kept on working days and posted within days; then, rarely, a
 * payment split in two below the approval threshold, a payment booked twice, a large cash
 * payment, an expense without a voucher, a payee on a watch list, a village booking suspiciously
 * round amounts, an entry posted months late, an expense on a public holiday.
 */

/** The rules' defaults the anomalies are shaped around (fen, days). */
export const SHAPE = {
  splitThresholdFen: 500_000,
  cashLimitFen: 200_000,
  roundUnitFen: 10_000,
  lateDays: 60,
} as const;

const col = (name: (typeof ENTRY_COLUMNS)[number]) => ENTRY_COLUMNS.indexOf(name);
const ID = col('id');
const STATUS = col('status');
const DIRECTION = col('direction');
const SUBJECT = col('subject_code');
const AMOUNT = col('amount_fen');
const OCCURRED = col('occurred_on');
const KIND = col('counterparty_kind');
const NAME = col('counterparty_name');
const DISPLAY = col('counterparty_display');
const METHOD = col('payment_method');
const VOUCHER = col('voucher_no');
const REVERSES = col('reverses_id');
const CREATED = col('created_at');
const UPDATED = col('updated_at');
const SUBMITTED = col('submitted_at');
const PUBLISHED = col('published_at');
const VILLAGE = col('village_id');

/** Expense amounts per subject, fen: drawn log-uniformly, so first digits follow Benford's law roughly. */
const EXPENSE_RANGE: Record<string, [number, number]> = {
  '511': [80_000, 3_000_000],
  '512': [40_000, 600_000],
  '513': [6_000, 1_300_000],
  '514': [30_000, 12_000_000],
  '515': [1_000, 500_000],
};

const UTILITIES = ['国网清溪供电公司', '中国电信清溪分公司', '清溪自来水有限公司'];
const ORG_WORDS = '宏达顺通永安兴农惠民万家福绿源恒丰鑫源明亮永兴阳光瑞祥佳美青山翠竹金穗长青合力众诚华泰'.match(/../g)!;
const ORG_TYPES = ['建筑工程有限公司', '五金店', '文具店', '超市', '农资店', '电器维修部', '印刷厂', '环境服务有限公司', '水电安装部', '农家饭店', '园林绿化有限公司', '路桥工程有限公司'];

const DAY = 86_400_000;
const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

interface Payee {
  kind: 'person' | 'organisation';
  name: string;
  idHash: string | null;
}

interface VillageState {
  orgs: string[];
  cadres: WatchTarget[];
  others: WatchTarget[];
  /** Share of this village's expenses booked as round amounts. */
  roundShare: number;
  split: (Payee & { amountFen: number; at: number }) | null;
  duplicate: (Payee & { amountFen: number; voucher: string | null; at: number }) | null;
}

/** Published income entries of the village, in date order: what rent receipts are linked to. */
export interface IncomeIndex {
  ids: number[];
  days: number[];
}

export class RulesLedgerShaper implements EntryShaper {
  readonly extraColumns = ['counterparty_norm', 'counterparty_id_hash'] as const;
  readonly income = new Map<number, IncomeIndex>();
  readonly reversed = new Set<number>();
  private readonly villages = new Map<number, VillageState>();
  /** The ID hash of the payee of the row being shaped. */
  private hash: string | null = null;
  private readonly nowMs = Date.now();
  private attachmentId = 0;

  private watch: BenchWatchLists | null = null;

  constructor(
    private readonly rng: Rng,
    private readonly holidays: Set<string>,
  ) {}

  /** The watch lists, known once the regions exist (before the first entry). */
  useWatchLists(watch: BenchWatchLists): void {
    this.watch = watch;
  }

  shape(row: Row, ctx: { villageId: number; pending: boolean }): void {
    const rng = this.rng;
    const v = this.village(ctx.villageId);
    this.hash = row[KIND] === 'person' && rng.chance(0.3) ? benchIdHash(`${ctx.villageId}|${row[NAME] as string}`) : null;
    if (row[DIRECTION] === 'expense') {
      const [min, max] = EXPENSE_RANGE[row[SUBJECT] as string] ?? [1_000, 1_000_000];
      let amount = Math.round(Math.exp(Math.log(min) + rng.float() * (Math.log(max) - Math.log(min))));
      if (amount >= SHAPE.roundUnitFen && rng.chance(v.roundShare)) amount = Math.round(amount / SHAPE.roundUnitFen) * SHAPE.roundUnitFen;
      row[AMOUNT] = amount;
      if (row[KIND] === 'organisation') this.setPayee(row, { kind: 'organisation', name: rng.pick(v.orgs), idHash: null });
      if (row[METHOD] === 'cash' && amount > SHAPE.cashLimitFen && !rng.chance(0.02)) row[METHOD] = 'bank';
      if (rng.chance(0.03)) row[VOUCHER] = null;
      this.avoidHoliday(row);
      if (!ctx.pending) this.plantPaymentAnomaly(row, v);
    }
    if (!ctx.pending) this.maybePostLate(row);
    row.push(normalizePersonName(row[NAME] as string), this.hash);
  }

  /** Attachments of a batch of entries (vouchers on almost every expense, on some incomes), and the income index. */
  attachments(batch: Row[]): Row[] {
    const rng = this.rng;
    const out: Row[] = [];
    for (const row of batch) {
      const id = row[ID] as number;
      const published = row[STATUS] === 'published';
      if (row[REVERSES] !== null) this.reversed.add(row[REVERSES] as number);
      else if (published && row[DIRECTION] === 'income') {
        const index = this.income.get(row[VILLAGE] as number) ?? { ids: [], days: [] };
        index.ids.push(id);
        index.days.push(dayMs(row[OCCURRED] as string) / DAY);
        this.income.set(row[VILLAGE] as number, index);
      }
      const files = row[REVERSES] !== null ? (rng.chance(0.9) ? 1 : 0) : row[DIRECTION] === 'expense' ? (rng.chance(0.995) ? (rng.chance(0.12) ? 2 : 1) : 0) : rng.chance(0.4) ? 1 : 0;
      for (let k = 0; k < files; k++) out.push(attachmentRow(++this.attachmentId, row[VILLAGE] as number, id, null, row[CREATED] as string, rng));
    }
    return out;
  }

  nextAttachmentId(): number {
    return ++this.attachmentId;
  }

  private village(id: number): VillageState {
    let v = this.villages.get(id);
    if (!v) {
      const rng = this.rng;
      const orgs = [...UTILITIES];
      while (orgs.length < 23) orgs.push(`清溪${rng.pick(ORG_WORDS)}${rng.pick(ORG_TYPES)}`);
      // One village in fifty books a third of its expenses in round hundreds of yuan.
      v = { orgs, ...(this.watch?.onPathOf(id) ?? { cadres: [], others: [] }), roundShare: rng.chance(0.02) ? 0.33 : 0.03, split: null, duplicate: null };
      this.villages.set(id, v);
    }
    return v;
  }

  private setPayee(row: Row, p: Payee): void {
    row[KIND] = p.kind;
    row[NAME] = p.name;
    row[DISPLAY] = p.kind === 'person' ? maskPersonName(p.name) : p.name;
    this.hash = p.idHash;
  }

  private payeeOf(row: Row): Payee {
    return { kind: row[KIND] as Payee['kind'], name: row[NAME] as string, idHash: this.hash };
  }

  /**
   * Splits (a payment just under the threshold, then a second to the same payee within a week —
   * or, as a near miss, eight or nine days later), double bookings (same payee and amount within
   * a month, mostly with the same or no voucher number), and payees on a watch list.
   */
  private plantPaymentAnomaly(row: Row, v: VillageState): void {
    const rng = this.rng;
    const at = dayMs(row[OCCURRED] as string);
    if (v.duplicate) {
      const first = v.duplicate;
      v.duplicate = null;
      if (at - first.at <= 40 * DAY) {
        this.setPayee(row, first);
        row[AMOUNT] = first.amountFen;
        const r = rng.float();
        row[VOUCHER] = r < 0.5 ? first.voucher : r < 0.8 ? null : row[VOUCHER];
        return;
      }
    }
    if (v.split) {
      const first = v.split;
      v.split = null;
      if (at - first.at <= 9 * DAY) {
        this.setPayee(row, first);
        row[AMOUNT] = rng.int(SHAPE.splitThresholdFen - first.amountFen, SHAPE.splitThresholdFen - 100);
        row[METHOD] = 'bank';
        return;
      }
    }
    const r = rng.float();
    if (r < 0.0015) {
      row[AMOUNT] = rng.int(260_000, 490_000);
      row[METHOD] = 'bank';
      v.split = { ...this.payeeOf(row), amountFen: row[AMOUNT] as number, at };
    } else if (r < 0.0025) {
      v.duplicate = { ...this.payeeOf(row), amountFen: row[AMOUNT] as number, voucher: row[VOUCHER] as string | null, at };
    } else if (r < 0.0031 && v.cadres.length) {
      this.payWatched(row, rng.pick(v.cadres));
    } else if (r < 0.0037 && v.others.length) {
      this.payWatched(row, rng.pick(v.others));
    }
  }

  /** A listed person as payee; mostly with their ID hash, sometimes without, now and then a namesake's. */
  private payWatched(row: Row, p: WatchTarget): void {
    const r = this.rng.float();
    const idHash = p.idHash === null ? null : r < 0.8 ? p.idHash : r < 0.9 ? null : benchIdHash(`namesake|${row[ID]}`);
    this.setPayee(row, { kind: 'person', name: p.name, idHash });
  }

  /** Books are kept on working days: an expense dated on a public holiday moves to a working day of its month, but for a few. */
  private avoidHoliday(row: Row): void {
    const date = row[OCCURRED] as string;
    if (!this.holidays.has(date) || this.rng.chance(0.03)) return;
    const [y, m, d] = date.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const day = (n: number) => `${date.slice(0, 8)}${String(n).padStart(2, '0')}`;
    for (let k = 1; k < 31; k++) {
      if (d + k <= last && !this.holidays.has(day(d + k))) return void (row[OCCURRED] = day(d + k));
      if (d - k >= 1 && !this.holidays.has(day(d - k))) return void (row[OCCURRED] = day(d - k));
    }
  }

  /** A few entries are posted months after they occurred (and more a few weeks after: near misses). */
  private maybePostLate(row: Row): void {
    const r = this.rng.float();
    const days = r < 0.002 ? this.rng.int(SHAPE.lateDays + 1, 200) : r < 0.006 ? this.rng.int(20, SHAPE.lateDays - 1) : 0;
    if (days === 0) return;
    const created = dayMs(row[OCCURRED] as string) + days * DAY + this.rng.int(1, 8) * 3_600_000;
    const published = created + this.rng.int(1, 48) * 3_600_000;
    if (published > this.nowMs) return;
    row[CREATED] = stamp(created);
    row[SUBMITTED] = stamp(created);
    row[UPDATED] = stamp(published);
    row[PUBLISHED] = stamp(published);
  }
}

export const ATTACHMENT_COLUMNS = ['id', 'village_id', 'entry_id', 'contract_id', 'storage_key', 'mime', 'size_bytes', 'sha256', 'uploaded_by', 'created_at'] as const;

export function attachmentRow(id: number, villageId: number, entryId: number | null, contractId: number | null, createdAt: string, rng: Rng): Row {
  const sha = id.toString(16).padStart(16, '0').repeat(4);
  return [id, villageId, entryId, contractId, `bench/${id}.jpg`, 'image/jpeg', rng.int(80_000, 900_000), sha, 1, createdAt];
}
