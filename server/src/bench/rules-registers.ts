import { addDays, addMonths, maskPersonName, normalizePersonName, PUBLIC_AWARD_METHODS, rentSchedule, type AssetKind, type AwardMethod, type RentFrequency, type RentInstallment } from '@mingbai/shared';
import { personName } from '../modules/seed/demo-names';
import type { Rng } from '../modules/seed/prng';
import type { Row } from './disclosure-data';
import { attachmentRow, ATTACHMENT_COLUMNS, type IncomeIndex } from './rules-entries';
import { benchIdHash } from './rules-people';

/**
 * Asset and contract registers for the rules benchmark: per village a few dozen assets, the
 * contracts on them (approved, with their rent schedules), rent receipts linked to the village's
 * published income entries, and contract scans. Ordinary contracts keep to the legal terms, are
 * publicly awarded when they are worth it, are let at the going rate and paid on time; a few run
 * too long, were awarded privately, are let far below the going rate, or fall into arrears
 * (tenants who stopped paying; an installment missed or part-paid now and then).
 */

export interface RegisterLayout {
  villageIds: number[];
  contracts: number;
  ledgerStart: string;
  today: string;
}

export type Writer = (table: string, columns: readonly string[], rows: Row[]) => Promise<void>;

const ASSET_COLUMNS = ['id', 'village_id', 'code', 'name', 'kind', 'location', 'area_m2', 'book_value_fen', 'usage', 'acquired_on', 'note', 'status', 'created_by', 'approved_by', 'approved_at', 'created_at', 'updated_at'];
const CONTRACT_COLUMNS = [
  'id', 'village_id', 'asset_id', 'code', 'kind', 'counterparty_kind', 'counterparty_name', 'counterparty_display', 'counterparty_norm', 'counterparty_id_hash',
  'start_on', 'end_on', 'frequency', 'annual_rent_fen', 'total_rent_fen', 'deposit_fen', 'area_m2', 'award_method', 'note', 'status', 'terminated_on',
  'termination_reason', 'created_by', 'approved_by', 'approved_at', 'created_at', 'updated_at',
];
const INSTALLMENT_COLUMNS = ['id', 'contract_id', 'seq', 'period_start', 'period_end', 'due_on', 'amount_fen'];
const RECEIPT_COLUMNS = ['id', 'contract_id', 'installment_id', 'entry_id', 'amount_fen', 'created_by', 'created_at'];

interface KindSpec {
  weight: number;
  names: string[];
  area: [number, number] | null;
  /** Going annual rent per m² (fen) or, without an area, per asset. */
  rent: [number, number];
  contract: 'lease' | 'contracting' | 'either';
  /** Usual term in years, and the legal maximum for its contract kind. */
  years: [number, number];
}

const KINDS: Partial<Record<AssetKind, KindSpec>> = {
  building: { weight: 25, names: ['村部旧办公楼', '集体厂房', '沿街店面', '老小学校舍', '仓库'], area: [80, 3_000], rent: [6_000, 12_000], contract: 'lease', years: [1, 10] },
  land: { weight: 35, names: ['机动地', '村集体耕地', '建设用地', '晒谷场'], area: [1_300, 40_000], rent: [60, 120], contract: 'either', years: [3, 15] },
  pond: { weight: 12, names: ['山塘', '水库鱼塘', '养殖池'], area: [2_000, 30_000], rent: [50, 100], contract: 'contracting', years: [5, 15] },
  forest: { weight: 13, names: ['后山林地', '集体毛竹林', '油茶林'], area: [20_000, 700_000], rent: [2, 4], contract: 'contracting', years: [20, 50] },
  equipment: { weight: 10, names: ['村级光伏设备', '农机具', '冷库设备'], area: null, rent: [300_000, 3_000_000], contract: 'lease', years: [1, 8] },
  other: { weight: 5, names: ['停车场', '广告牌位'], area: [50, 2_000], rent: [500, 1_000], contract: 'lease', years: [1, 5] },
};
const KIND_LIST = Object.entries(KINDS) as [AssetKind, KindSpec][];
const KIND_WEIGHT = KIND_LIST.reduce((a, [, k]) => a + k.weight, 0);
const MAX_YEARS = { lease: 20, contracting: 30, forest: 70 };
const PRIVATE_AWARDS: AwardMethod[] = ['negotiated', 'direct'];
const TENANT_ORGS = ['清溪恒丰竹木加工厂', '清溪青山茶业有限公司', '清溪鑫源农业专业合作社', '清溪百果园水果专业合作社', '清溪瑞祥塑料制品厂', '清溪绿野林业专业合作社', '清溪阳光新能源有限公司'];
const NO_TENDER_THRESHOLD_FEN = 5_000_000;
const DAY = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

export interface RegisterCounts {
  assets: number;
  contracts: number;
  installments: number;
  receipts: number;
  contractScans: number;
}

export class BenchRegisters {
  private ids = { asset: 0, contract: 0, installment: 0, receipt: 0 };
  readonly counts: RegisterCounts = { assets: 0, contracts: 0, installments: 0, receipts: 0, contractScans: 0 };
  private readonly todayDay: number;
  private readonly stampNow = new Date().toISOString().replace('T', ' ').slice(0, 23);

  constructor(
    private readonly rng: Rng,
    private readonly layout: RegisterLayout,
    private readonly income: Map<number, IncomeIndex>,
    private readonly reversed: Set<number>,
    private readonly nextAttachmentId: () => number,
  ) {
    this.todayDay = dayOf(layout.today);
  }

  /** Writes every village's registers, a few villages at a time. */
  async write(write: Writer): Promise<RegisterCounts> {
    const V = this.layout.villageIds.length;
    const buf = { assets: [] as Row[], contracts: [] as Row[], installments: [] as Row[], receipts: [] as Row[], scans: [] as Row[] };
    const flush = async () => {
      await write('assets', ASSET_COLUMNS, buf.assets);
      await write('contracts', CONTRACT_COLUMNS, buf.contracts);
      await write('contract_installments', INSTALLMENT_COLUMNS, buf.installments);
      await write('rent_receipts', RECEIPT_COLUMNS, buf.receipts);
      buf.assets = [];
      buf.contracts = [];
      buf.installments = [];
      buf.receipts = [];
    };
    for (const [vi, villageId] of this.layout.villageIds.entries()) {
      const approved = Math.floor(this.layout.contracts / V) + (vi < this.layout.contracts % V ? 1 : 0);
      this.village(villageId, approved, buf);
      if (buf.installments.length > 20_000) await flush();
    }
    await flush();
    // Contract scans last: their presence tells --keep that the registers are complete.
    await write('attachments', ATTACHMENT_COLUMNS, buf.scans);
    return this.counts;
  }

  private village(villageId: number, approvedContracts: number, buf: { assets: Row[]; contracts: Row[]; installments: Row[]; receipts: Row[]; scans: Row[] }): void {
    const rng = this.rng;
    const assets: { id: number; kind: AssetKind; spec: KindSpec; area: number | null }[] = [];
    const nAssets = Math.ceil(approvedContracts * 1.25) + 2;
    for (let i = 0; i < nAssets; i++) {
      let pick = rng.int(1, KIND_WEIGHT);
      const [kind, spec] = KIND_LIST.find(([, k]) => (pick -= k.weight) <= 0)!;
      const area = spec.area ? rng.int(...spec.area) : null;
      const id = ++this.ids.asset;
      const status = rng.chance(0.97) ? 'approved' : rng.pick(['draft', 'submitted']);
      const acquired = dateOf(this.todayDay - rng.int(365, 40 * 365));
      const usage = i < approvedContracts ? 'leased' : rng.pick(['self_used', 'idle']);
      buf.assets.push([
        id, villageId, `ZC-${String(i + 1).padStart(4, '0')}`, `${rng.pick(spec.names)}${i + 1}号`, kind, `第${rng.int(1, 12)}村民小组`, area,
        area ? area * rng.int(50, 800) : rng.int(1_000_000, 50_000_000), usage, acquired, null, status, 1, status === 'approved' ? 1 : null,
        status === 'approved' ? this.stampNow : null, this.stampNow, this.stampNow,
      ]);
      if (status === 'approved') assets.push({ id, kind, spec, area });
      this.counts.assets++;
    }
    // Approved contracts, plus a few still in review or sent back (never looked at by the rules).
    const total = approvedContracts + (rng.chance(0.3) ? 1 : 0);
    for (let i = 0; i < total; i++) {
      const asset = i < assets.length && rng.chance(0.92) ? assets[i] : null;
      const [, spec] = asset ? [asset.kind, asset.spec] : KIND_LIST[rng.int(0, KIND_LIST.length - 1)];
      const kindName = asset?.kind ?? 'other';
      this.contract(villageId, i, i < approvedContracts ? 'approved' : rng.pick(['draft', 'submitted', 'rejected']), asset?.id ?? null, kindName, spec, asset?.area ?? (spec.area ? rng.int(...spec.area) : null), buf);
    }
  }

  private contract(
    villageId: number,
    seq: number,
    status: string,
    assetId: number | null,
    assetKind: AssetKind,
    spec: KindSpec,
    assetArea: number | null,
    buf: { contracts: Row[]; installments: Row[]; receipts: Row[]; scans: Row[] },
  ): void {
    const rng = this.rng;
    const id = ++this.ids.contract;
    const kind = spec.contract === 'either' ? (rng.chance(0.5) ? 'lease' : 'contracting') : spec.contract;
    const max = assetKind === 'forest' && kind === 'contracting' ? MAX_YEARS.forest : MAX_YEARS[kind];
    // Terms: the usual span, sometimes exactly the legal maximum, rarely beyond it.
    const r = rng.float();
    const years = r < 0.005 ? rng.int(max + 1, max + 20) : r < 0.02 ? max : Math.min(max, rng.int(...spec.years));
    // Most contracts run today; some have expired, a few begin next month.
    const startOn = dateOf(this.todayDay - rng.int(-30, Math.min((years + 2) * 365, 8 * 365)));
    const endOn = addDays(addMonths(startOn, years * 12), -1);
    const area = assetArea === null ? null : Math.max(1, Math.round(assetArea * (rng.chance(0.8) ? 1 : rng.int(60, 99) / 100)));
    // Rent at the going rate of the village's kind of asset; one in a hundred far below it.
    const rate = rng.int(...spec.rent) * (rng.chance(0.01) ? rng.int(20, 40) / 100 : 1);
    const annualRentFen = Math.max(10_000, Math.round(((area ?? 1) * rate) / 10_000) * 10_000);
    const frequency: RentFrequency | 'custom' =
      years > 10 ? rng.pick(['yearly', 'yearly', 'half_yearly']) : rng.pick(['yearly', 'yearly', 'half_yearly', 'quarterly', 'monthly', 'monthly', 'custom']);
    let schedule: RentInstallment[] = rentSchedule({ startOn, endOn, annualRentFen, frequency: frequency === 'custom' ? 'yearly' : frequency });
    // A custom schedule: yearly, the rent rising by a step every few years.
    if (frequency === 'custom') schedule = schedule.map((s, k) => ({ ...s, amountFen: Math.round((s.amountFen * (100 + 5 * Math.floor(k / 3))) / 100) }));
    const totalRentFen = schedule.reduce((a, s) => a + s.amountFen, 0);
    const award: AwardMethod =
      totalRentFen >= NO_TENDER_THRESHOLD_FEN ? (rng.chance(0.98) ? rng.pick(PUBLIC_AWARD_METHODS) : rng.pick(PRIVATE_AWARDS)) : rng.chance(0.6) ? rng.pick(PUBLIC_AWARD_METHODS) : rng.pick(PRIVATE_AWARDS);
    const person = rng.chance(0.55);
    const name = person ? personName(rng) : rng.pick(TENANT_ORGS);
    const terminated = status === 'approved' && startOn < this.layout.today && rng.chance(0.03) ? dateOf(rng.int(dayOf(startOn) + 30, Math.min(dayOf(endOn), this.todayDay))) : null;
    buf.contracts.push([
      id, villageId, assetId, `HT-${startOn.slice(0, 4)}-${String(seq + 1).padStart(4, '0')}`, kind, person ? 'person' : 'organisation', name,
      person ? maskPersonName(name) : name, normalizePersonName(name), person && rng.chance(0.6) ? benchIdHash(`tenant|${id}`) : null,
      startOn, endOn, frequency, frequency === 'custom' ? null : annualRentFen, totalRentFen, Math.round((annualRentFen * rng.int(0, 25)) / 100), area, award, null, status,
      terminated, terminated ? '承租方申请提前解除' : null, 1, status === 'approved' ? 1 : null, status === 'approved' ? this.stampNow : null, this.stampNow, this.stampNow,
    ]);
    this.counts.contracts++;
    if (rng.chance(0.7)) {
      buf.scans.push(attachmentRow(this.nextAttachmentId(), villageId, null, id, this.stampNow, rng));
      this.counts.contractScans++;
    }
    // A tenant who stopped paying at some installment (about one contract in fifty).
    const stopsAt = rng.chance(0.02) ? rng.int(0, schedule.length - 1) : Infinity;
    for (const [k, s] of schedule.entries()) {
      const instId = ++this.ids.installment;
      buf.installments.push([instId, id, s.seq, s.periodStart, s.periodEnd, s.dueOn, s.amountFen]);
      this.counts.installments++;
      if (status !== 'approved' || s.dueOn > this.layout.today || (terminated && s.dueOn > terminated)) continue;
      const recent = this.todayDay - dayOf(s.dueOn) < 45;
      const p = rng.float();
      // Share paid: not yet (recent), missed, part-paid, or paid, in one receipt or two.
      const paid = k >= stopsAt ? (rng.chance(0.3) ? rng.int(20, 60) / 100 : 0) : recent && p < 0.4 ? 0 : p < 0.002 ? 0 : p < 0.005 ? rng.int(50, 90) / 100 : 1;
      if (paid === 0) continue;
      const parts = paid === 1 && rng.chance(0.05) ? 2 : 1;
      let left = Math.round(s.amountFen * paid);
      const used = new Set<number>();
      for (let part = 0; part < parts; part++) {
        const entryId = this.incomeEntry(villageId, dayOf(s.dueOn) + rng.int(0, 20) + part * 7, used);
        if (entryId === null) break;
        used.add(entryId);
        const amount = part === parts - 1 ? left : Math.round(left / 2);
        left -= amount;
        buf.receipts.push([++this.ids.receipt, id, instId, entryId, amount, 1, this.stampNow]);
        this.counts.receipts++;
      }
    }
  }

  /**
   * A published, unreversed income entry of the village on or after `day` (rent before the ledger
   * began: one of its first entries), or null when there is none yet.
   */
  private incomeEntry(villageId: number, day: number, used: Set<number>): number | null {
    const index = this.income.get(villageId);
    if (!index || index.ids.length === 0) return null;
    let lo = 0;
    let hi = index.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index.days[mid] < day) lo = mid + 1;
      else hi = mid;
    }
    if (lo === index.ids.length) return null;
    for (let k = lo; k < Math.min(lo + 30, index.ids.length); k++) {
      const id = index.ids[k];
      if (!this.reversed.has(id) && !used.has(id)) return id;
    }
    return null;
  }
}
