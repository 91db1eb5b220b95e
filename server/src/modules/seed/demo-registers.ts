import {
  addDays,
  addMonths,
  rentSchedule,
  validateAssetInput,
  validateContractInput,
  type AssetKind,
  type AssetUsage,
  type AwardMethod,
  type ContractKind,
  type CounterpartyKind,
  type RegisterStatus,
  type RentFrequency,
  type RentInstallment,
} from '@mingbai/shared';
import { COOPERATIVES, FACTORY_TENANTS, FOREST_TENANTS, personName } from './demo-names';
import type { VillageProfile } from './demo-profile';
import type { PlanItem } from './demo-plan';
import type { Rng } from './prng';

/**
 * A village's registers (资产资源台账, 发包/租赁合同) planned from its profile: the assets it owns,
 * the contracts letting them with their rent schedules, and the rent payments that reach the ledger
 * as income entries (linked to the installments as rent receipts once published).
 */
export interface AssetPlan {
  code: string;
  name: string;
  kind: AssetKind;
  location: string;
  areaM2: number | null;
  bookValueFen: number;
  usage: AssetUsage;
  acquiredOn: string | null;
  note: string | null;
  status: RegisterStatus;
  rejectReason: string | null;
  /** The day the bookkeeper entered it. */
  enteredOn: string;
}

export interface ContractPlan {
  code: string;
  kind: ContractKind;
  asset: AssetPlan | null;
  counterpartyKind: CounterpartyKind;
  counterpartyName: string;
  startOn: string;
  endOn: string;
  frequency: RentFrequency;
  annualRentFen: number;
  depositFen: number;
  areaM2: number | null;
  awardMethod: AwardMethod;
  note: string | null;
  status: RegisterStatus;
  terminatedOn: string | null;
  terminationReason: string | null;
  installments: RentInstallment[];
  enteredOn: string;
}

/** What one income entry pays of one installment. */
export interface RentPayment {
  contract: ContractPlan;
  seq: number;
  amountFen: number;
}

export interface VillageRegisters {
  assets: AssetPlan[];
  contracts: ContractPlan[];
  /** The rent and contracting fees received, as ledger items (income, 经营收入). */
  payments: PlanItem[];
}

/** What a village's registers show besides ordinary, well-kept contracts (the planted anomalies). */
export interface RegisterQuirks {
  /** Installments overdue by more than the 60 days' grace and unpaid (the newest `count` of them; `partly`: the newest half paid). */
  arrears?: { on: 'pond' | 'factory' | 'forest' | 'shop'; count: number; partly?: boolean }[];
  /** A shop let for 25 years (a lease may not exceed 20, 民法典 705). */
  longLease?: boolean;
  /** Farmland contracted out for 35 years (more than 30). */
  longContracting?: boolean;
  /** A large contract awarded without a public tender or auction. */
  noTender?: 'factory' | 'forest';
  /** One of at least four comparable contracts at about a third of the others' rent per m². */
  lowRent?: 'land' | 'shop';
  /** A shop lease ended early by agreement. */
  terminated?: boolean;
  /** The demo village: records still being entered or waiting for approval. */
  pending?: boolean;
  /** The demo village's pond is the one its villagers talk about. */
  pondName?: string;
  /** The demo village: one of every kind of asset and contract for the demo accounts to look at. */
  showcase?: boolean;
}

/** Rent of the 60 days' grace rule, and a margin: what is due longer ago than this is paid unless planted otherwise. */
const PAID_AFTER_DAYS = 45;
const ARREARS_AFTER_DAYS = 70;
const TENDER_FROM_FEN = 4_000_000; // normal contracts from 40,000 yuan are awarded publicly (the rule flags 50,000)
const GROUPS = ['第一', '第二', '第三', '第四', '第五', '第六'];

/** The profile with the assets the quirks need (a pond to be in arrears on, four shops to compare …). */
export function withRequiredAssets(rng: Rng, p: VillageProfile, q: RegisterQuirks): VillageProfile {
  const out: VillageProfile = { ...p, shops: [...p.shops] };
  const on = new Set((q.arrears ?? []).map((a) => a.on));
  if (on.has('pond') && !out.fishPond) out.fishPond = { tenant: personName(rng), yearlyFen: rng.yuan(12_000, 30_000, 500), month: 3 };
  if ((on.has('factory') || q.noTender === 'factory') && !out.factory)
    out.factory = { tenant: rng.pick(FACTORY_TENANTS), quarterlyFen: rng.yuan(25_000, 50_000, 500) };
  if ((on.has('forest') || q.noTender === 'forest') && !out.forest)
    out.forest = { tenant: rng.pick(FOREST_TENANTS), yearlyFen: rng.yuan(30_000, 80_000, 1000), month: 4 };
  // A shop lease quirk takes the first (long lease) or last (terminated) shop; arrears the newest lease.
  const shopsNeeded = q.lowRent === 'shop' ? 4 : on.has('shop') || q.longLease || q.terminated || q.showcase ? 2 : 0;
  if (q.showcase) {
    out.factory ??= { tenant: rng.pick(FACTORY_TENANTS), quarterlyFen: rng.yuan(20_000, 40_000, 500) };
    out.forest ??= { tenant: rng.pick(FOREST_TENANTS), yearlyFen: rng.yuan(30_000, 60_000, 1000), month: 4 };
  }
  while (out.shops.length < shopsNeeded) out.shops.push({ tenant: personName(rng) });
  return out;
}

interface Ctx {
  rng: Rng;
  ledgerStart: string;
  today: string;
  year0: number;
}

export function villageRegisters(
  rng: Rng,
  p: VillageProfile,
  o: { ledgerStart: string; today: string; quirks: RegisterQuirks },
): VillageRegisters {
  const q = o.quirks;
  const c: Ctx = { rng, ledgerStart: o.ledgerStart, today: o.today, year0: Number(o.ledgerStart.slice(0, 4)) };
  // The village's going rates, fen per m² per year: buildings, farmland, ponds, forest.
  const rate = { building: rng.int(90, 150) * 100, land: rng.int(90, 150), pond: rng.int(150, 300), forest: rng.int(3, 6) };
  const assets: AssetPlan[] = [];
  const contracts: ContractPlan[] = [];
  const codes = new Map<string, number>();
  const code = (prefix: string) => {
    const n = (codes.get(prefix) ?? 0) + 1;
    codes.set(prefix, n);
    return `${prefix}-${String(n).padStart(3, '0')}`;
  };
  const registeredOn = addDays(o.ledgerStart, -rng.int(30, 40));
  const asset = (
    a: Omit<AssetPlan, 'code' | 'status' | 'rejectReason' | 'enteredOn' | 'note'> &
      Partial<Pick<AssetPlan, 'status' | 'rejectReason' | 'enteredOn' | 'note'>>,
    prefix: string,
  ): AssetPlan => {
    const plan: AssetPlan = { code: code(prefix), status: 'approved', rejectReason: null, enteredOn: registeredOn, note: null, ...a };
    assets.push(plan);
    return plan;
  };
  const contract = (
    x: Omit<ContractPlan, 'code' | 'installments' | 'enteredOn' | 'status' | 'terminatedOn' | 'terminationReason' | 'note' | 'depositFen'> &
      Partial<Pick<ContractPlan, 'status' | 'enteredOn' | 'note' | 'depositFen'>>,
  ): ContractPlan => {
    const plan: ContractPlan = {
      code: code(`${x.kind === 'lease' ? 'ZL' : 'CB'}${x.startOn.slice(0, 4)}`),
      status: 'approved',
      terminatedOn: null,
      terminationReason: null,
      note: null,
      depositFen: 0,
      enteredOn: addDays(x.startOn, -rng.int(5, 20)),
      installments: rentSchedule({ startOn: x.startOn, endOn: x.endOn, annualRentFen: x.annualRentFen, frequency: x.frequency }),
      ...x,
    };
    contracts.push(plan);
    return plan;
  };
  const years = (start: string, n: number) => addDays(addMonths(start, n * 12), -1);
  const award = (totalFen: number): AwardMethod =>
    totalFen >= TENDER_FROM_FEN
      ? rng.pick(['public_tender', 'public_auction'] as const)
      : rng.pick(['public_auction', 'negotiated', 'negotiated'] as const);
  const acquired = () => `${rng.int(1998, 2020)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const group = () => `${rng.pick(GROUPS)}村民小组`;

  const office = rng.int(300, 900);
  asset(
    {
      name: '村部办公楼',
      kind: 'building',
      location: '村部',
      areaM2: office,
      bookValueFen: office * rng.int(1_500, 2_500) * 100,
      usage: 'self_used',
      acquiredOn: acquired(),
    },
    'FW',
  );
  if (rng.chance(0.5)) {
    const hall = rng.int(200, 600);
    asset(
      {
        name: '村文化活动中心',
        kind: 'building',
        location: '村部东侧',
        areaM2: hall,
        bookValueFen: hall * rng.int(1_200, 2_000) * 100,
        usage: 'self_used',
        acquiredOn: acquired(),
      },
      'FW',
    );
  }

  if (p.factory) {
    const annual = p.factory.quarterlyFen * 4;
    const area = Math.round(annual / (rate.building * (0.8 + rng.float() * 0.2)));
    const a = asset(
      {
        name: '集体厂房',
        kind: 'building',
        location: `${group()}工业小区`,
        areaM2: area,
        bookValueFen: area * rng.int(800, 1_200) * 100,
        usage: 'leased',
        acquiredOn: acquired(),
      },
      'FW',
    );
    const startOn = `${c.year0}-${String(rng.int(1, 6)).padStart(2, '0')}-01`;
    const endOn = years(startOn, 5);
    contract({
      kind: 'lease',
      asset: a,
      counterpartyKind: 'organisation',
      counterpartyName: p.factory.tenant,
      startOn,
      endOn,
      frequency: 'quarterly',
      annualRentFen: annual,
      depositFen: p.factory.quarterlyFen,
      areaM2: area,
      awardMethod: q.noTender === 'factory' ? 'direct' : rng.pick(['public_tender', 'public_auction']),
    });
  }

  p.shops.forEach((s, i) => {
    const area = rng.int(40, 160);
    const cheap = q.lowRent === 'shop' && i === p.shops.length - 1;
    const monthly =
      Math.max(1, Math.round((area * rate.building * (cheap ? 0.3 + rng.float() * 0.05 : 1 + rng.float() * 0.25)) / 12 / 1000)) * 1000;
    const a = asset(
      {
        name: `沿街${i + 1}号店面`,
        kind: 'building',
        location: '村部一楼临街',
        areaM2: area,
        bookValueFen: area * rng.int(2_000, 3_000) * 100,
        usage: 'leased',
        acquiredOn: acquired(),
      },
      'FW',
    );
    const lease = (startOn: string, endOn: string, awardMethod?: AwardMethod) => {
      const total = rentSchedule({ startOn, endOn, annualRentFen: monthly * 12, frequency: 'monthly' }).reduce(
        (t, x) => t + x.amountFen,
        0,
      );
      return contract({
        kind: 'lease',
        asset: a,
        counterpartyKind: 'person',
        counterpartyName: s.tenant,
        startOn,
        endOn,
        frequency: 'monthly',
        annualRentFen: monthly * 12,
        depositFen: monthly * 2,
        areaM2: area,
        awardMethod: awardMethod ?? award(total),
      });
    };
    const long = q.longLease && i === 0;
    const ended = q.terminated && i === p.shops.length - 1 && !cheap;
    if (long) {
      lease(`${c.year0}-05-01`, years(`${c.year0}-05-01`, 25), 'public_auction').note = '承租人自行装修，约定租期二十五年';
    } else if (ended) {
      const k = lease(`${c.year0}-01-01`, years(`${c.year0}-01-01`, 3));
      // Ended at the end of the month about five months ago.
      const terminatedOn = addDays(`${addMonths(addDays(c.today, -150), 1).slice(0, 7)}-01`, -1);
      k.terminatedOn = terminatedOn;
      k.terminationReason = '承租人搬离本村，经双方协商提前解除合同，押金抵扣最后两个月租金';
      k.installments = k.installments.filter((x) => x.dueOn <= terminatedOn);
      a.usage = 'idle';
    } else if (i === 0 && rng.chance(0.3) && `${c.year0 + 1}-01-01` <= c.today) {
      // A one-year lease, renewed for three years.
      lease(`${c.year0}-01-01`, `${c.year0}-12-31`, 'negotiated');
      lease(`${c.year0 + 1}-01-01`, years(`${c.year0 + 1}-01-01`, 3));
    } else lease(`${c.year0}-${String(rng.int(1, 3)).padStart(2, '0')}-01`, years(`${c.year0}-01-01`, 3));
  });

  if (p.fishPond) {
    const area = Math.round(p.fishPond.yearlyFen / (rate.pond * (0.85 + rng.float() * 0.3)));
    const a = asset(
      {
        name: q.pondName ?? rng.pick(['溪边鱼塘', '后垄山塘', '大塘', '村东头鱼塘']),
        kind: 'pond',
        location: group(),
        areaM2: area,
        bookValueFen: rng.yuan(30_000, 150_000, 1000),
        usage: 'leased',
        acquiredOn: acquired(),
      },
      'SM',
    );
    const startOn = `${c.year0}-${String(p.fishPond.month).padStart(2, '0')}-01`;
    contract({
      kind: 'contracting',
      asset: a,
      counterpartyKind: 'person',
      counterpartyName: p.fishPond.tenant,
      startOn,
      endOn: years(startOn, 5),
      frequency: 'yearly',
      annualRentFen: p.fishPond.yearlyFen,
      areaM2: area,
      awardMethod: award(p.fishPond.yearlyFen * 5),
    });
  }

  if (p.forest) {
    const area = Math.round(p.forest.yearlyFen / (rate.forest * (0.85 + rng.float() * 0.3)));
    const a = asset(
      {
        name: rng.pick(['后山集体山林', '东山集体林地', '岭头集体山林']),
        kind: 'forest',
        location: group(),
        areaM2: area,
        bookValueFen: 0,
        usage: 'leased',
        acquiredOn: null,
        note: '集体统一经营林地',
      },
      'LD',
    );
    const startOn = `${c.year0}-${String(p.forest.month).padStart(2, '0')}-01`;
    contract({
      kind: 'contracting',
      asset: a,
      counterpartyKind: 'organisation',
      counterpartyName: p.forest.tenant,
      startOn,
      endOn: years(startOn, rng.pick([15, 20, 30])),
      frequency: 'yearly',
      annualRentFen: p.forest.yearlyFen,
      areaM2: area,
      awardMethod: q.noTender === 'forest' ? 'negotiated' : 'public_tender',
    });
  }

  // Farmland kept back from household contracting (机动地), let plot by plot.
  const plots = q.lowRent === 'land' ? 5 : rng.int(2, 4);
  const usedGroups = new Set<string>();
  for (let i = 0; i < plots; i++) {
    let g = group();
    while (usedGroups.has(g)) g = group();
    usedGroups.add(g);
    const area = Math.round(Math.exp(Math.log(2_000) + rng.float() * Math.log(5)));
    const cheap = q.lowRent === 'land' && i === plots - 1;
    const annual =
      Math.max(1, Math.round((area * rate.land * (cheap ? 0.28 + rng.float() * 0.05 : 0.85 + rng.float() * 0.3)) / 1000)) * 1000;
    const a = asset(
      { name: `${g}机动地`, kind: 'land', location: g, areaM2: area, bookValueFen: 0, usage: 'leased', acquiredOn: null },
      'TD',
    );
    const long = q.longContracting && i === 0;
    const startOn = i === plots - 1 && !cheap && `${c.year0 + 1}-03-01` <= c.today ? `${c.year0 + 1}-03-01` : `${c.year0}-03-01`;
    const term = long ? 35 : q.pending && i === 0 ? 2 : rng.pick([3, 5, 5]);
    const total = annual * term;
    contract({
      kind: 'contracting',
      asset: a,
      counterpartyKind: 'person',
      counterpartyName: personName(rng),
      startOn,
      endOn: years(startOn, term),
      frequency: 'yearly',
      annualRentFen: annual,
      areaM2: area,
      awardMethod: long ? 'public_auction' : award(total),
      note: cheap ? '原承包户续包，沿用十年前的承包价' : null,
    });
  }

  if (rng.chance(0.4) || q.showcase)
    asset(
      {
        name: '挖掘机',
        kind: 'equipment',
        location: '村部后院',
        areaM2: null,
        bookValueFen: rng.yuan(180_000, 350_000, 1000),
        usage: rng.pick(['self_used', 'idle']),
        acquiredOn: acquired(),
      },
      'SB',
    );
  if (p.solar)
    asset(
      {
        name: '村级光伏电站',
        kind: 'equipment',
        location: '村部及文化活动中心屋顶',
        areaM2: null,
        bookValueFen: rng.yuan(200_000, 600_000, 1000),
        usage: 'self_used',
        acquiredOn: acquired(),
      },
      'SB',
    );
  const school = q.pending || rng.chance(0.4) ? rng.int(400, 1_200) : 0;
  if (school)
    asset(
      {
        name: '原村小学校舍',
        kind: 'building',
        location: '村小学旧址',
        areaM2: school,
        bookValueFen: school * rng.int(600, 1_000) * 100,
        usage: 'idle',
        acquiredOn: acquired(),
        note: '学校撤并后闲置',
      },
      'FW',
    );

  if (q.pending) addPending(c, assets, contracts, asset, contract, rate.building);
  for (const a of assets) {
    const problems = validateAssetInput(a, { today: c.today });
    if (problems.length) throw new Error(`demo asset is invalid: ${JSON.stringify(problems)}`);
  }
  for (const k of contracts) {
    const problems = validateContractInput({ ...k, installments: undefined, counterpartyIdNumber: null });
    if (problems.length) throw new Error(`demo contract is invalid: ${JSON.stringify(problems)}`);
  }
  return { assets, contracts, payments: rentPayments(c, contracts, q) };
}

/** The demo village's registers still at work: a draft, a record waiting for approval, one sent back. */
function addPending(
  c: Ctx,
  assets: AssetPlan[],
  contracts: ContractPlan[],
  asset: (a: Omit<AssetPlan, 'code' | 'status' | 'rejectReason' | 'enteredOn' | 'note'> & Partial<AssetPlan>, prefix: string) => AssetPlan,
  contract: (
    x: Omit<ContractPlan, 'code' | 'installments' | 'enteredOn' | 'status' | 'terminatedOn' | 'terminationReason' | 'note' | 'depositFen'> &
      Partial<ContractPlan>,
  ) => ContractPlan,
  buildingRate: number,
): void {
  const { rng, today } = c;
  asset(
    {
      name: '村冷链仓储用房',
      kind: 'building',
      location: '村部西侧',
      areaM2: 320,
      bookValueFen: 68_500_000,
      usage: 'idle',
      acquiredOn: addDays(today, -20),
      note: '冷链物流补助项目建成，待验收后出租',
      status: 'draft',
      enteredOn: addDays(today, -2),
    },
    'FW',
  );
  asset(
    {
      name: '溪边闲置地块',
      kind: 'land',
      location: '溪口自然村',
      areaM2: 4_200,
      bookValueFen: 0,
      usage: 'idle',
      acquiredOn: null,
      status: 'submitted',
      enteredOn: addDays(today, -1),
    },
    'TD',
  );
  asset(
    {
      name: '村部办公电脑及打印机',
      kind: 'equipment',
      location: '村部',
      areaM2: null,
      bookValueFen: 1_860_000,
      usage: 'self_used',
      acquiredOn: addDays(today, -40),
      status: 'rejected',
      rejectReason: '资产原值与购置发票不符，请核对后重新提交',
      enteredOn: addDays(today, -6),
    },
    'SB',
  );

  const school = assets.find((a) => a.name === '原村小学校舍')!;
  const startOn = addMonths(`${today.slice(0, 7)}-01`, 1);
  contract({
    kind: 'lease',
    asset: school,
    counterpartyKind: 'organisation',
    counterpartyName: COOPERATIVES[2],
    startOn,
    endOn: addDays(addMonths(startOn, 60), -1),
    frequency: 'yearly',
    annualRentFen: Math.round((school.areaM2! * buildingRate * 0.9) / 10_000) * 10_000,
    depositFen: 500_000,
    areaM2: school.areaM2,
    awardMethod: 'public_auction',
    note: '用作粮食仓库，经村民代表会议同意并公开竞价',
    status: 'submitted',
    enteredOn: addDays(today, -1),
  });
  // Renewal of the farmland contract ending first (a two-year one), being drafted.
  const ending = contracts.filter((k) => k.asset?.kind === 'land').sort((x, y) => (x.endOn < y.endOn ? -1 : 1))[0];
  const renewal = addDays(ending.endOn, 1);
  contract({
    kind: 'contracting',
    asset: ending.asset,
    counterpartyKind: 'person',
    counterpartyName: ending.counterpartyName,
    startOn: renewal,
    endOn: addDays(addMonths(renewal, 60), -1),
    frequency: 'yearly',
    annualRentFen: Math.round((ending.annualRentFen * 1.05) / 1000) * 1000,
    areaM2: ending.areaM2,
    awardMethod: 'public_auction',
    status: 'draft',
    enteredOn: today,
  });
  void rng;
}

/**
 * Rent as tenants pay it: in advance, a few days to a few weeks after each installment falls due.
 * What fell due more than PAID_AFTER_DAYS ago is paid, except the planted arrears.
 */
function rentPayments(c: Ctx, contracts: ContractPlan[], q: RegisterQuirks): PlanItem[] {
  const { rng, today } = c;
  const out: PlanItem[] = [];
  const unpaid = new Map<ContractPlan, { from: number; partly: number | null }>();
  for (const a of q.arrears ?? []) {
    const longDue = (x: ContractPlan) => x.installments.filter((i) => i.dueOn <= addDays(today, -ARREARS_AFTER_DAYS));
    const candidates = contracts.filter(
      (x) => x.status === 'approved' && x.terminatedOn === null && kindOf(x) === a.on && longDue(x).length > 0,
    );
    // The contract whose rent fell due most recently (a renewed lease rather than the one it replaced).
    const k = candidates.sort((x, y) => (longDue(y).at(-1)!.dueOn > longDue(x).at(-1)!.dueOn ? 1 : -1))[0];
    if (!k) throw new Error(`demo arrears: no ${a.on} contract with installments long due`);
    const overdue = longDue(k);
    const first = overdue[Math.max(0, overdue.length - a.count)];
    unpaid.set(k, { from: first.seq, partly: a.partly ? overdue[overdue.length - 1].seq : null });
  }
  for (const k of contracts) {
    if (k.status !== 'approved') continue;
    const arrears = unpaid.get(k);
    for (const inst of k.installments) {
      if (inst.dueOn > today) break;
      let amountFen = inst.amountFen;
      if (arrears && inst.seq >= arrears.from) {
        if (inst.seq !== arrears.partly) continue;
        amountFen = Math.round((inst.amountFen * (0.4 + rng.float() * 0.2)) / 10_000) * 10_000;
      }
      const late = rng.chance(0.1) ? rng.int(20, PAID_AFTER_DAYS - 1) : rng.int(0, 15);
      const paidOn = addDays(inst.dueOn, late);
      if (paidOn > today) continue;
      const label =
        k.frequency === 'monthly'
          ? `${inst.periodStart.slice(0, 4)}年${Number(inst.periodStart.slice(5, 7))}月`
          : `（${inst.periodStart}至${inst.periodEnd}）`;
      out.push({
        occurredOn: paidOn,
        direction: 'income',
        subjectCode: '501',
        amountFen,
        counterpartyKind: k.counterpartyKind,
        counterpartyName: k.counterpartyName,
        summary: `收到${k.asset!.name}${label}${k.kind === 'lease' ? '租金' : '承包费'}${amountFen < inst.amountFen ? '（部分）' : ''}`,
        paymentMethod: k.counterpartyKind === 'organisation' ? 'bank' : 'transfer',
        fate: 'published',
        voucherNo: null,
        rent: { contract: k, seq: inst.seq, amountFen },
      });
    }
  }
  return out;
}

function kindOf(k: ContractPlan): 'pond' | 'factory' | 'forest' | 'shop' | 'land' | 'other' {
  if (!k.asset) return 'other';
  if (k.asset.kind === 'pond') return 'pond';
  if (k.asset.kind === 'forest') return 'forest';
  if (k.asset.kind === 'land') return 'land';
  return k.asset.name === '集体厂房' ? 'factory' : k.asset.name.endsWith('店面') ? 'shop' : 'other';
}
