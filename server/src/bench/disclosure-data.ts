import { computeEntryHash, GENESIS_HASH, maskPersonName, type ChainedEntry, type CounterpartyKind, type Direction, type PaymentMethod } from '@mingbai/shared';
import { personName } from '../modules/seed/demo-names';
import { Rng } from '../modules/seed/prng';

/**
 * Benchmark ledger rows, generated in Node with the real chain: serials, prev hashes and hashes
 * exactly as PublicationService would have made them, plus the chain heads and month totals that
 * publication keeps. Rows come out month by month across all villages, so ids grow with time and
 * one village's rows are spread through the table as they would be in production.
 */

export const ENTRY_COLUMNS = [
  'id', 'village_id', 'status', 'direction', 'subject_code', 'amount_fen', 'occurred_on', 'counterparty_kind', 'counterparty_name',
  'counterparty_display', 'summary', 'payment_method', 'voucher_no', 'reverses_id', 'reversal_reason', 'reject_reason',
  'approvals_required', 'import_batch_id', 'created_by', 'created_at', 'updated_at', 'submitted_at', 'published_at', 'serial', 'hash', 'prev_hash',
] as const;

export type Row = (string | number | null)[];

interface Template {
  direction: Direction;
  subject: string;
  weight: number;
  min: number;
  max: number;
  summaries: string[];
}

// Amounts in yuan; {y} {m} {q} {n} are filled per entry.
const TEMPLATES: Template[] = [
  { direction: 'income', subject: '501', weight: 10, min: 1_500, max: 60_000, summaries: ['{y}年鱼塘承包费', '集体店面{y}年{m}月租金', '{y}年第{q}季度集体厂房租金', '{y}年集体山林承包费', '{y}年机动地发包收入'] },
  { direction: 'income', subject: '502', weight: 6, min: 2_000, max: 80_000, summaries: ['村级光伏电站{m}月发电收益', '{y}年度合作社入股分红'] },
  { direction: 'income', subject: '503', weight: 8, min: 10_000, max: 300_000, summaries: ['{y}年第{q}季度村级组织运转经费', '美丽乡村建设以奖代补资金', '{y}年生态公益林补偿资金'] },
  { direction: 'income', subject: '504', weight: 4, min: 100, max: 5_000, summaries: ['{y}年第{q}季度存款利息', '变卖废旧办公设备及杂物'] },
  { direction: 'expense', subject: '511', weight: 5, min: 800, max: 30_000, summaries: ['村集体厂房屋顶防水维修', '光伏电站半年度运维费', '鱼塘进水闸门维修'] },
  { direction: 'expense', subject: '512', weight: 3, min: 400, max: 6_000, summaries: ['缴纳{y}年第{q}季度房产税及附加'] },
  { direction: 'expense', subject: '513', weight: 30, min: 60, max: 13_000, summaries: ['村部{m}月电费', '{y}年第{q}季度村干部误工补贴', '购买打印纸、墨盒等办公用品', '村民代表会议误餐费', '村部宽带及电话费'] },
  { direction: 'expense', subject: '514', weight: 26, min: 300, max: 120_000, summaries: ['{y}年{m}月保洁员工资', '更换损坏路灯{n}盏', '修补村道坑洼路面', '{m}月生活垃圾清运费', '重阳节慰问70周岁以上老人', '村道硬化工程款'] },
  { direction: 'expense', subject: '515', weight: 4, min: 10, max: 5_000, summaries: ['{y}年第{q}季度银行手续费', '慰问因病致困村民'] },
];
const TOTAL_WEIGHT = TEMPLATES.reduce((a, t) => a + t.weight, 0);
const ORGS = ['国网清溪县供电公司', '清溪县财政局', '清溪农村商业银行', '清溪县宏达建筑工程有限公司', '清溪县惠民文具店', '清溪县绿源环境服务有限公司', '清溪县恒丰竹木加工厂', '清溪县强村发展有限公司'];
const METHODS: PaymentMethod[] = ['bank', 'bank', 'bank', 'transfer', 'transfer', 'cash'];

interface VillageChain {
  id: number;
  serial: number;
  hash: string;
  incomeFen: number;
  expenseFen: number;
  vouchers: Map<string, number>;
  /** Recent published, unreversed entries that a reversal may pick. */
  recent: { id: number; serial: number; row: Row }[];
}

export interface BenchLayout {
  villageIds: number[];
  entries: number;
  /** First date of the ledgers and today, YYYY-MM-DD. */
  start: string;
  today: string;
  /** Optional reshaping of new entries (the rules benchmark's); none for the disclosure benchmark. */
  shaper?: EntryShaper;
}

/**
 * Changes a benchmark makes to each newly generated entry before it is hashed and published, and
 * the extra columns (after ENTRY_COLUMNS) it fills. A reversal copies its original's extra columns.
 */
export interface EntryShaper {
  readonly extraColumns: readonly string[];
  /**
   * May change the row's payee, amount, method, voucher number, date (within its month) and
   * created/updated/submitted/published times; must append one value per extra column.
   */
  shape(row: Row, ctx: { villageId: number; pending: boolean }): void;
}

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 23);

export class BenchLedger {
  readonly monthTotals = new Map<string, { amount: number; count: number }>();
  private readonly chains: VillageChain[];
  private nextId = 1;

  constructor(
    private readonly rng: Rng,
    private readonly layout: BenchLayout,
  ) {
    this.chains = layout.villageIds.map((id) => ({ id, serial: 0, hash: GENESIS_HASH, incomeFen: 0, expenseFen: 0, vouchers: new Map(), recent: [] }));
  }

  /** Months from the start to today, each with how many entries every village gets. */
  private months(): { y: number; m: number; lastDay: number }[] {
    const out = [];
    const [ty, tm, td] = this.layout.today.split('-').map(Number);
    for (let y = Number(this.layout.start.slice(0, 4)), m = Number(this.layout.start.slice(5, 7)); y < ty || (y === ty && m <= tm); m === 12 ? (y++, (m = 1)) : m++)
      out.push({ y, m, lastDay: y === ty && m === tm ? td : new Date(Date.UTC(y, m, 0)).getUTCDate() });
    return out;
  }

  /** Every entry row, in id order, in batches. */
  *batches(size: number): Generator<Row[]> {
    const months = this.months();
    const V = this.chains.length;
    const todayMs = Date.parse(`${this.layout.today}T00:00:00Z`);
    let batch: Row[] = [];
    for (const [mi, month] of months.entries()) {
      for (const [vi, chain] of this.chains.entries()) {
        const perVillage = Math.floor(this.layout.entries / V) + (vi < this.layout.entries % V ? 1 : 0);
        const count = Math.floor((perVillage * (mi + 1)) / months.length) - Math.floor((perVillage * mi) / months.length);
        const days = Array.from({ length: count }, () => this.rng.int(1, month.lastDay)).sort((a, b) => a - b);
        for (const day of days) {
          const date = `${month.y}-${pad(month.m)}-${pad(day)}`;
          const pending = todayMs - Date.parse(`${date}T00:00:00Z`) < 30 * 86_400_000 && this.rng.chance(0.2);
          batch.push(this.entry(chain, date, month, pending));
          if (batch.length === size) {
            yield batch;
            batch = [];
          }
        }
      }
    }
    if (batch.length) yield batch;
  }

  chainHeads(updatedAt: string): Row[] {
    return this.chains.map((c) => [c.id, c.serial, c.hash, c.incomeFen, c.expenseFen, updatedAt]);
  }

  monthTotalRows(): Row[] {
    return [...this.monthTotals].map(([key, v]) => {
      const [villageId, month, direction, subject] = key.split('|');
      return [Number(villageId), month, direction, subject, v.amount, v.count];
    });
  }

  private entry(chain: VillageChain, date: string, month: { y: number; m: number }, pending: boolean): Row {
    const rng = this.rng;
    const id = this.nextId++;
    const created = new Date(Math.min(Date.parse(`${date}T01:00:00Z`) + rng.int(0, 8 * 3600) * 1000, Date.now()));
    const published = new Date(Math.min(created.getTime() + rng.int(1, 48) * 3600_000, Date.now()));

    // About one in 500 published entries is a red-ink reversal of a recent one.
    if (!pending && chain.recent.length > 5 && rng.chance(0.002)) {
      const [original] = chain.recent.splice(rng.int(0, chain.recent.length - 1), 1);
      const o = original.row;
      const reversal: Row = [id, chain.id, 'published', o[3], o[4], o[5], date, o[7], o[8], o[9], `冲销第${original.serial}号：重复入账`, o[11], o[12], original.id, '重复入账', null, 1, null, 1, stamp(created), stamp(published), stamp(created), stamp(published), null, null, null];
      return this.publish(chain, [...reversal, ...o.slice(ENTRY_COLUMNS.length)], original.serial);
    }

    let pickAt = rng.int(1, TOTAL_WEIGHT);
    const t = TEMPLATES.find((x) => (pickAt -= x.weight) <= 0)!;
    const kind: CounterpartyKind = rng.chance(0.4) ? 'person' : 'organisation';
    const name = kind === 'person' ? personName(rng) : rng.pick(ORGS);
    const summary = rng
      .pick(t.summaries)
      .replace('{y}', String(month.y))
      .replace('{m}', String(month.m))
      .replace('{q}', String(Math.ceil(month.m / 3)))
      .replace('{n}', String(rng.int(2, 9)));
    const year = date.slice(0, 4);
    const voucherSeq = (chain.vouchers.get(year) ?? 0) + 1;
    chain.vouchers.set(year, voucherSeq);
    const row: Row = [
      id, chain.id, pending ? 'submitted' : 'published', t.direction, t.subject, rng.int(t.min * 100, t.max * 100), date, kind, name,
      kind === 'person' ? maskPersonName(name) : name, summary, rng.pick(METHODS), `记-${year}-${String(voucherSeq).padStart(3, '0')}`,
      null, null, null, 1, null, 1, stamp(created), stamp(pending ? created : published), stamp(created), pending ? null : stamp(published), null, null, null,
    ];
    this.layout.shaper?.shape(row, { villageId: chain.id, pending });
    if (pending) return row;
    this.publish(chain, row, null);
    chain.recent.push({ id, serial: chain.serial, row });
    if (chain.recent.length > 50) chain.recent.shift();
    return row;
  }

  /** Gives the row its serial and hash and adds it to the head and month totals, as publication does. */
  private publish(chain: VillageChain, row: Row, reversesSerial: number | null): Row {
    const serial = chain.serial + 1;
    const e: ChainedEntry = {
      villageId: chain.id,
      serial,
      direction: row[3] as Direction,
      subjectCode: row[4] as string,
      amountFen: row[5] as number,
      occurredOn: row[6] as string,
      counterpartyKind: row[7] as CounterpartyKind,
      counterpartyName: row[9] as string,
      summary: row[10] as string,
      paymentMethod: row[11] as PaymentMethod,
      voucherNo: row[12] as string | null,
      reversesSerial,
    };
    const hash = computeEntryHash(e, chain.hash);
    row[23] = serial;
    row[24] = hash;
    row[25] = chain.hash;
    chain.serial = serial;
    chain.hash = hash;
    const signed = reversesSerial === null ? e.amountFen : -e.amountFen;
    if (e.direction === 'income') chain.incomeFen += signed;
    else chain.expenseFen += signed;
    const key = `${chain.id}|${e.occurredOn.slice(0, 7)}|${e.direction}|${e.subjectCode}`;
    const total = this.monthTotals.get(key) ?? { amount: 0, count: 0 };
    total.amount += signed;
    total.count += 1;
    this.monthTotals.set(key, total);
    return row;
  }
}
