import { addDays, type CounterpartyKind, type PaymentMethod, type WatchListKind } from '@mingbai/shared';
import { CONTRACTORS, ORG } from './demo-names';
import type { PlanItem } from './demo-plan';
import type { VillageProfile } from './demo-profile';
import type { RegisterQuirks } from './demo-registers';
import type { Rng } from './prng';

/**
 * The problems planted in the demo county for the supervision rules to find: a few realistic cases
 * of each rule, spread over the villages, in a ledger that otherwise keeps clear of every rule.
 * Villages are named by their index in demoVillages() (0 is the demo village 石桥村).
 */
export interface VillageQuirks {
  registers: RegisterQuirks;
  /** Extra ledger items (their `anomaly` says which rule they are for). */
  ledger?: (c: AnomalyContext) => PlanItem[];
  /** Reshapes the ordinary amounts of the village. */
  shape?: (c: AnomalyContext) => (rng: Rng, items: PlanItem[]) => void;
}

export interface AnomalyContext {
  today: string;
  ledgerStart: string;
  /** Statutory days off with their names. */
  holidays: ReadonlyMap<string, string>;
  profile: VillageProfile;
}

/** A person on an inspectors' list; `region` 'county' (清溪县纪委监委) or 'town' (the demo town's office). */
export interface DemoWatchPerson {
  region: 'county' | 'town';
  listKind: WatchListKind;
  name: string;
  relation: string | null;
  sinceOn: string | null;
  source: string;
}

/**
 * Names on the lists use given-name characters the demo's name generator never draws, so only the
 * planted payments match them.
 */
const WATCHED = {
  cadreSon: '郑晓东',
  cadreWife: '何佳琪',
  publicServant: '吴振宇',
  deceased: '黄秋菊',
  movedAway: '叶子恒',
};

/** The demo county's watch lists: a few people each, of whom only some were ever paid. */
export function demoWatchList(today: string): DemoWatchPerson[] {
  const ago = (days: number) => addDays(today, -days);
  const cadres = '2025年村“两委”干部近亲属信息报备';
  return [
    {
      region: 'county',
      listKind: 'cadre_relative',
      name: WATCHED.cadreSon,
      relation: '溪口村党支部书记之子',
      sinceOn: null,
      source: cadres,
    },
    {
      region: 'county',
      listKind: 'cadre_relative',
      name: WATCHED.cadreWife,
      relation: '里厝村村委会主任之妻',
      sinceOn: null,
      source: cadres,
    },
    { region: 'county', listKind: 'cadre_relative', name: '刘雅婷', relation: '东岭村村委会委员之女', sinceOn: null, source: cadres },
    { region: 'county', listKind: 'cadre_relative', name: '许嘉豪', relation: '双溪村党支部书记之弟', sinceOn: null, source: cadres },
    {
      region: 'town',
      listKind: 'cadre_relative',
      name: '陈思远',
      relation: '石桥村村委会主任之侄',
      sinceOn: null,
      source: '青石镇纪委摸排',
    },
    { region: 'town', listKind: 'cadre_relative', name: '罗美玲', relation: '前洋村报账员之妻', sinceOn: null, source: '青石镇纪委摸排' },
    {
      region: 'county',
      listKind: 'public_servant',
      name: WATCHED.publicServant,
      relation: '县教育局在编教师',
      sinceOn: '2016-09-01',
      source: '县委组织部、县人社局在编在岗人员名单',
    },
    {
      region: 'county',
      listKind: 'public_servant',
      name: '蔡文静',
      relation: '县人民医院在编护士',
      sinceOn: '2019-07-15',
      source: '县委组织部、县人社局在编在岗人员名单',
    },
    {
      region: 'county',
      listKind: 'public_servant',
      name: '邓子健',
      relation: '白沙镇人民政府公务员',
      sinceOn: '2021-03-01',
      source: '县委组织部、县人社局在编在岗人员名单',
    },
    { region: 'county', listKind: 'deceased', name: WATCHED.deceased, relation: null, sinceOn: ago(270), source: '县民政局殡葬火化信息' },
    { region: 'county', listKind: 'deceased', name: '林阿福', relation: null, sinceOn: ago(420), source: '县民政局殡葬火化信息' },
    { region: 'county', listKind: 'deceased', name: '施玉珍', relation: null, sinceOn: ago(95), source: '县民政局殡葬火化信息' },
    {
      region: 'county',
      listKind: 'moved_away',
      name: WATCHED.movedAway,
      relation: '户籍迁往福州市鼓楼区',
      sinceOn: ago(500),
      source: '县公安局户籍迁出信息',
    },
    {
      region: 'county',
      listKind: 'moved_away',
      name: '詹佳怡',
      relation: '户籍迁往厦门市思明区',
      sinceOn: ago(330),
      source: '县公安局户籍迁出信息',
    },
  ];
}

/** The town whose spending of the ledger's first year fails Benford's law. */
export const BENFORD_TOWN_CODE = '359901003000';

interface Payment {
  daysAgo: number;
  kind: CounterpartyKind;
  name: string;
  subject: string;
  amountFen: number;
  summary: string;
  method?: PaymentMethod;
}

/** A planted expense, `daysAgo` before today (moved off days off unless `onDay` is given). */
function pay(c: AnomalyContext, anomaly: string, p: Payment, more: Partial<PlanItem> = {}): PlanItem {
  let occurredOn = addDays(c.today, -p.daysAgo);
  while (c.holidays.has(occurredOn)) occurredOn = addDays(occurredOn, -1);
  return {
    occurredOn,
    direction: 'expense',
    subjectCode: p.subject,
    amountFen: p.amountFen,
    counterpartyKind: p.kind,
    counterpartyName: p.name,
    summary: p.summary,
    paymentMethod: p.method ?? 'transfer',
    fate: 'published',
    voucherNo: null,
    anomaly,
    ...more,
  };
}

/** The first day off of the holiday called `name` in `year`, if the demo period has it and it is not too recent. */
function holiday(c: AnomalyContext, name: string, year: number, offset = 0): string | null {
  const days = [...c.holidays]
    .filter(([day, n]) => n.startsWith(name) && day.startsWith(String(year)))
    .map(([day]) => day)
    .sort();
  const day = days[Math.min(offset, days.length - 1)];
  return day && day >= c.ledgerStart && day <= addDays(c.today, -20) ? day : null;
}

const onHoliday = (c: AnomalyContext, anomaly: string, day: string | null, p: Omit<Payment, 'daysAgo'>): PlanItem[] =>
  day ? [{ ...pay(c, anomaly, { ...p, daysAgo: 0 }), occurredOn: day }] : [];
const year0 = (c: AnomalyContext) => Number(c.ledgerStart.slice(0, 4));

/** Which village shows what. Index 0 is the demo village (石桥村), 0–8 青石镇, 9–16 白沙镇, 17–24 桃源乡. */
export const DEMO_QUIRKS: Record<number, VillageQuirks> = {
  0: {
    // The e2e journey's case: the pond's second year unpaid (the villagers' report talks about it).
    registers: { arrears: [{ on: 'pond', count: 1 }], pending: true, showcase: true, pondName: '村东头鱼塘' },
    ledger: (c) => [
      pay(
        c,
        'late-posting',
        {
          daysAgo: 160,
          kind: 'organisation',
          name: ORG.supermarket,
          subject: '514',
          amountFen: 1_286_000,
          summary: '端午节慰问困难党员及老干部物资款',
        },
        { postedOn: addDays(c.today, -75) },
      ),
      ...onHoliday(c, 'holiday-entries', holiday(c, '国庆', year0(c)), {
        kind: 'organisation',
        name: ORG.restaurant,
        subject: '513',
        amountFen: 68_000,
        summary: '国庆期间村部值班人员误餐费',
      }),
      pay(
        c,
        'missing-voucher',
        { daysAgo: 48, kind: 'organisation', name: CONTRACTORS[2], subject: '513', amountFen: 386_000, summary: '村部会议室装修尾款' },
        { noVoucher: true },
      ),
      pay(c, 'large-cash', {
        daysAgo: 130,
        kind: 'person',
        name: c.profile.workers[0],
        subject: '511',
        amountFen: 320_000,
        summary: '支付挖掘机临时驾驶员工资',
        method: 'cash',
      }),
    ],
  },
  1: {
    registers: {},
    ledger: (c) => [
      pay(c, 'conflict-of-interest', {
        daysAgo: 210,
        kind: 'person',
        name: WATCHED.cadreSon,
        subject: '514',
        amountFen: 386_000,
        summary: '村道两侧绿化工程劳务费',
      }),
      pay(c, 'conflict-of-interest', {
        daysAgo: 150,
        kind: 'person',
        name: WATCHED.cadreSon,
        subject: '514',
        amountFen: 245_000,
        summary: '文化广场绿化补植劳务费',
      }),
    ],
  },
  2: {
    registers: { noTender: 'factory' },
    // Near miss: two payments just under the threshold, eight days apart.
    ledger: (c) => [
      pay(c, 'split-near-miss', {
        daysAgo: 240,
        kind: 'organisation',
        name: ORG.lighting,
        subject: '514',
        amountFen: 499_900,
        summary: '购买太阳能路灯10盏',
      }),
      pay(c, 'split-near-miss', {
        daysAgo: 232,
        kind: 'organisation',
        name: ORG.lighting,
        subject: '514',
        amountFen: 499_900,
        summary: '购买太阳能路灯10盏（第二批）',
      }),
    ],
  },
  3: { registers: { longLease: true } },
  4: {
    registers: {},
    ledger: (c) => [
      pay(c, 'split-payments', {
        daysAgo: 118,
        kind: 'organisation',
        name: CONTRACTORS[2],
        subject: '513',
        amountFen: 486_000,
        summary: '村部水电线路维修（一）',
      }),
      pay(c, 'split-payments', {
        daysAgo: 115,
        kind: 'organisation',
        name: CONTRACTORS[2],
        subject: '513',
        amountFen: 495_000,
        summary: '村部水电线路维修（二）',
      }),
      ...onHoliday(c, 'holiday-entries', holiday(c, '春节', year0(c) + 1, 2), {
        kind: 'person',
        name: c.profile.workers[1],
        subject: '514',
        amountFen: 230_000,
        summary: '春节期间村道塌方应急抢修费',
      }),
    ],
  },
  5: { registers: { arrears: [{ on: 'forest', count: 1 }] } },
  6: { registers: { lowRent: 'land' } },
  7: {
    registers: {},
    ledger: (c) => [
      pay(c, 'large-cash', {
        daysAgo: 95,
        kind: 'person',
        name: c.profile.workers[2],
        subject: '514',
        amountFen: 1_280_000,
        summary: '支付村道保洁临时工工资（现金发放）',
        method: 'cash',
      }),
    ],
  },
  8: {
    registers: {},
    ledger: (c) => {
      const first = pay(c, 'duplicate-payments', {
        daysAgo: 200,
        kind: 'organisation',
        name: CONTRACTORS[3],
        subject: '514',
        amountFen: 345_000,
        summary: '疏通村内排水沟渠',
      });
      return [
        first,
        pay(
          c,
          'duplicate-payments',
          { daysAgo: 188, kind: 'organisation', name: CONTRACTORS[3], subject: '514', amountFen: 345_000, summary: '村内排水沟渠疏通费' },
          { sameVoucherAs: first },
        ),
      ];
    },
  },
  9: {
    registers: {},
    ledger: (c) => [
      pay(c, 'cross-department', {
        daysAgo: 200,
        kind: 'person',
        name: WATCHED.movedAway,
        subject: '514',
        amountFen: 135_000,
        summary: '种粮大户补贴',
      }),
      pay(
        c,
        'late-posting',
        {
          daysAgo: 250,
          kind: 'organisation',
          name: ORG.hardware,
          subject: '514',
          amountFen: 263_500,
          summary: '购买村部维修用五金材料（补记）',
        },
        { postedOn: addDays(c.today, -150) },
      ),
    ],
  },
  10: {
    registers: {},
    ledger: (c) => [
      pay(c, 'split-payments', {
        daysAgo: 75,
        kind: 'person',
        name: c.profile.workers[3],
        subject: '514',
        amountFen: 480_000,
        summary: '修补第二村民小组村道坑洼路面（第一段）',
      }),
      pay(c, 'split-payments', {
        daysAgo: 73,
        kind: 'person',
        name: c.profile.workers[3],
        subject: '514',
        amountFen: 460_000,
        summary: '修补第二村民小组村道坑洼路面（第二段）',
      }),
      pay(c, 'split-payments', {
        daysAgo: 70,
        kind: 'person',
        name: c.profile.workers[3],
        subject: '514',
        amountFen: 390_000,
        summary: '修补第二村民小组村道坑洼路面（第三段）',
      }),
    ],
  },
  11: { registers: { arrears: [{ on: 'factory', count: 2, partly: true }] } },
  12: {
    registers: { lowRent: 'shop' },
    ledger: (c) => [
      // Paid while she was alive (no finding), and again after her death.
      pay(c, 'cross-department-near-miss', {
        daysAgo: 330,
        kind: 'person',
        name: WATCHED.deceased,
        subject: '514',
        amountFen: 60_000,
        summary: '高龄老人生活补贴（上半年）',
      }),
      pay(c, 'cross-department', {
        daysAgo: 140,
        kind: 'person',
        name: WATCHED.deceased,
        subject: '514',
        amountFen: 60_000,
        summary: '高龄老人生活补贴（下半年）',
      }),
    ],
  },
  13: {
    registers: {},
    ledger: (c) => [
      pay(c, 'duplicate-payments', {
        daysAgo: 66,
        kind: 'person',
        name: c.profile.workers[1],
        subject: '514',
        amountFen: 260_000,
        summary: '清理第三村民小组灌溉沟渠淤泥',
      }),
      pay(
        c,
        'duplicate-payments',
        {
          daysAgo: 53,
          kind: 'person',
          name: c.profile.workers[1],
          subject: '514',
          amountFen: 260_000,
          summary: '第三村民小组沟渠清淤工钱',
        },
        { noVoucherNo: true },
      ),
    ],
  },
  14: {
    registers: { terminated: true },
    ledger: (c) => [
      pay(c, 'large-cash', {
        daysAgo: 180,
        kind: 'organisation',
        name: ORG.hardware,
        subject: '513',
        amountFen: 865_000,
        summary: '购买村部会议室空调两台',
        method: 'cash',
      }),
    ],
  },
  15: { registers: { noTender: 'forest' } },
  16: {
    registers: {},
    ledger: (c) => [
      pay(
        c,
        'missing-voucher',
        { daysAgo: 220, kind: 'organisation', name: ORG.stationery, subject: '513', amountFen: 648_000, summary: '购买村部办公电脑两台' },
        { noVoucher: true },
      ),
    ],
    // Every payment but the utility and tax bills in round hundreds of yuan.
    shape: () => (_rng, items) => {
      const bills = new Set<string>([ORG.power, ORG.water, ORG.telecom, ORG.bank, ORG.tax]);
      for (const e of items)
        if (e.direction === 'expense' && !bills.has(e.counterpartyName) && e.amountFen >= 5_000)
          e.amountFen = Math.max(10_000, Math.round(e.amountFen / 10_000) * 10_000);
    },
  },
  17: {
    registers: {},
    ledger: (c) => [
      pay(
        c,
        'missing-voucher',
        {
          daysAgo: 100,
          kind: 'organisation',
          name: ORG.restaurant,
          subject: '513',
          amountFen: 156_000,
          summary: '村“两委”换届选举工作误餐费',
        },
        { noVoucher: true },
      ),
      ...onHoliday(c, 'holiday-entries', holiday(c, '劳动节', year0(c), 1), {
        kind: 'organisation',
        name: ORG.stationery,
        subject: '513',
        amountFen: 42_050,
        summary: '购买办公用品',
      }),
    ],
  },
  18: {
    registers: { arrears: [{ on: 'shop', count: 2 }] },
    ledger: (c) => [
      pay(
        c,
        'late-posting',
        {
          daysAgo: 300,
          kind: 'person',
          name: c.profile.cadres[0].name,
          subject: '513',
          amountFen: 58_000,
          summary: '赴省城参加农村集体资产管理培训差旅费',
        },
        { postedOn: addDays(c.today, -200) },
      ),
    ],
  },
  19: {
    registers: {},
    ledger: (c) => [
      pay(c, 'conflict-of-interest', {
        daysAgo: 90,
        kind: 'person',
        name: WATCHED.cadreWife,
        subject: '514',
        amountFen: 160_000,
        summary: '村部保洁员请假期间代班工资',
      }),
    ],
  },
  21: {
    registers: {},
    ledger: (c) => [
      pay(c, 'split-payments', {
        daysAgo: 190,
        kind: 'organisation',
        name: ORG.hardware,
        subject: '514',
        amountFen: 499_000,
        summary: '购买防汛物资（编织袋、雨衣）',
      }),
      pay(c, 'split-payments', {
        daysAgo: 188,
        kind: 'organisation',
        name: ORG.hardware,
        subject: '514',
        amountFen: 498_000,
        summary: '购买防汛物资（救生衣、手电筒）',
      }),
    ],
  },
  22: { registers: { longContracting: true } },
  23: {
    registers: {},
    ledger: (c) => [
      pay(c, 'large-cash', {
        daysAgo: 230,
        kind: 'person',
        name: c.profile.workers[0],
        subject: '514',
        amountFen: 2_600_000,
        summary: '购买村道绿化苗木款',
        method: 'cash',
      }),
    ],
  },
  24: {
    registers: {},
    ledger: (c) => [
      pay(c, 'cross-department', {
        daysAgo: 150,
        kind: 'person',
        name: WATCHED.publicServant,
        subject: '513',
        amountFen: 240_000,
        summary: '村务监督委员会成员误工补贴',
      }),
    ],
  },
};

/**
 * The Benford town's (桃源乡) odd jobs and purchases of the ledger's first year: half of them in
 * invented-looking figures whose first digits run high (5–9), which Benford's law shows up.
 */
export function benfordSkew(c: AnomalyContext): (rng: Rng, items: PlanItem[]) => void {
  const year = c.ledgerStart.slice(0, 4);
  return (rng, items) => {
    for (const e of items) {
      if (e.direction !== 'expense' || !e.filler || !e.occurredOn.startsWith(year) || !rng.chance(0.5)) continue;
      const magnitude = 10 ** Math.floor(Math.log10(e.amountFen));
      e.amountFen = Math.round(((5 + rng.float() * 5) * magnitude) / 1000) * 1000;
      if (e.paymentMethod === 'cash' && e.amountFen > 180_000) e.paymentMethod = 'transfer';
    }
  };
}
