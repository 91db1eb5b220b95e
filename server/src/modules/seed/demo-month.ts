import type { CounterpartyKind, Direction, PaymentMethod } from '@mingbai/shared';
import { CONTRACTORS, ORG } from './demo-names';
import type { VillageProfile } from './demo-profile';
import type { Rng } from './prng';

/** One ledger line as a bookkeeper would enter it (before voucher numbers and workflow). */
export interface PlannedEntry {
  occurredOn: string;
  direction: Direction;
  subjectCode: string;
  amountFen: number;
  counterpartyKind: CounterpartyKind;
  counterpartyName: string;
  summary: string;
  paymentMethod: PaymentMethod;
  /** An odd job or purchase drawn to fill the month (not a recurring or yearly item): free to move or drop. */
  filler?: boolean;
}

export interface MonthContext {
  year: number;
  month: number;
  /** Last day that may have entries: the month's end, or today in the current month. */
  lastDay: number;
  daysInMonth: number;
}

type Line = Omit<PlannedEntry, 'occurredOn'>;
const org = (counterpartyName: string): Pick<Line, 'counterpartyKind' | 'counterpartyName'> => ({ counterpartyKind: 'organisation', counterpartyName });
const person = (counterpartyName: string): Pick<Line, 'counterpartyKind' | 'counterpartyName'> => ({ counterpartyKind: 'person', counterpartyName });
const income = (subjectCode: string, amountFen: number, summary: string, paymentMethod: PaymentMethod = 'bank'): Pick<Line, 'direction' | 'subjectCode' | 'amountFen' | 'summary' | 'paymentMethod'> => ({ direction: 'income', subjectCode, amountFen, summary, paymentMethod });
const expense = (subjectCode: string, amountFen: number, summary: string, paymentMethod: PaymentMethod = 'bank'): Pick<Line, 'direction' | 'subjectCode' | 'amountFen' | 'summary' | 'paymentMethod'> => ({ direction: 'expense', subjectCode, amountFen, summary, paymentMethod });

const GROUP = () => ['第一', '第二', '第三', '第四', '第五', '第六'];

/** Cash is for small sums: anything above this is paid by transfer (the large-cash rule starts at 2,000 yuan). */
const CASH_MAX_FEN = 180_000;
const cashIfSmall = (amountFen: number): PaymentMethod => (amountFen <= CASH_MAX_FEN ? 'cash' : 'transfer');

/**
 * Odd jobs and purchases that fill out a month; each draws its own amount, log-uniformly so that a
 * town's spending follows Benford's law as real ledgers do.
 */
const FILLERS: ((rng: Rng, p: VillageProfile, c: MonthContext) => Line)[] = [
  (rng) => ({ ...org(ORG.stationery), ...expense('513', rng.logFen(150, 1_500), rng.pick(['购买打印纸、墨盒等办公用品', '购买档案盒、文件夹', '复印装订村务公开资料', '购买村部会议室桌椅']), rng.pick(['cash', 'transfer'])) }),
  (rng) => ({ ...org(ORG.restaurant), ...expense('513', rng.logYuan(200, 2_000, 10), rng.pick(['村民代表会议误餐费', '党员大会误餐费', '上级检查工作误餐费']), 'transfer') }),
  (rng, p) => ({ ...person(rng.pick(p.cadres).name), ...expense('513', rng.logYuan(60, 600), rng.pick(['赴县农业农村局参加培训差旅费', '到镇财政所报账交通费', '赴县城办理村集体资产登记差旅费']), 'cash') }),
  (rng, p) => ({ ...(rng.chance(0.5) ? org(ORG.lighting) : person(rng.pick(p.workers))), ...expense('514', rng.logYuan(400, 4_000, 100), `更换${rng.pick(GROUP())}村民小组损坏路灯${rng.int(2, 9)}盏`, 'transfer') }),
  (rng) => ({ ...org(ORG.supermarket), ...expense('513', rng.logFen(60, 600), '购买村部饮用水及茶叶', 'transfer') }),
  (rng, p) => ({ ...person(rng.pick(p.workers)), ...expense('514', rng.logYuan(500, 5_000, 100), rng.pick(['村道两侧绿化带修剪养护', '村口公园草坪修剪', '文化广场绿化补植']), 'transfer') }),
  (rng, p) => ({ ...person(rng.pick(p.workers)), ...expense('514', rng.logYuan(1_500, 15_000, 100), `修补${rng.pick(GROUP())}村民小组村道坑洼路面`, 'transfer') }),
  (rng, p) => ({ ...person(rng.pick(p.workers)), ...expense('514', rng.logYuan(1_200, 12_000, 100), `清理${rng.pick(GROUP())}村民小组灌溉沟渠淤泥`, 'transfer') }),
  (rng) => ({ ...org(ORG.water), ...expense('513', rng.logFen(40, 400), '村部自来水费') }),
  (rng) => {
    const amountFen = rng.logFen(250, 2_500);
    return { ...org(ORG.hardware), ...expense('514', amountFen, rng.pick(['购买村部维修用五金材料', '购买消防器材', '购买公共厕所清洁用品']), cashIfSmall(amountFen)) };
  },
  (rng, p) => {
    const amountFen = rng.logYuan(500, 5_000, 100);
    return { ...person(rng.pick(p.workers)), ...expense('515', amountFen, rng.pick(['慰问因病致困村民', '慰问火灾受灾户', '村民意外伤害慰问金']), cashIfSmall(amountFen)) };
  },
  (rng, p) => (p.factory ? { ...org(rng.pick(CONTRACTORS)), ...expense('511', rng.logYuan(3_000, 30_000, 100), rng.pick(['村集体厂房屋顶防水维修', '厂房消防设施检修', '厂房电路改造']), 'bank') } : { ...org(ORG.stationery), ...expense('513', rng.logFen(90, 900), '购买办公用品', 'cash') }),
  (rng, p) => (p.fishPond ? { ...person(rng.pick(p.workers)), ...expense('511', rng.logYuan(800, 8_000, 100), rng.pick(['鱼塘进水闸门维修', '鱼塘堤坝加固']), 'transfer') } : { ...org(ORG.telecom), ...expense('513', rng.logFen(60, 600), '村部宽带及电话费') }),
  (rng, p) => (rng.chance(0.3) ? { ...person(rng.pick(p.workers)), ...income('504', rng.yuan(200, 1_500, 10), '变卖废旧办公设备及杂物', 'cash') } : { ...org(ORG.telecom), ...expense('513', rng.logFen(60, 600), '村部宽带及电话费') }),
];

/**
 * Recurring, seasonal and occasional entries of one month of one village. Rent and contracting fees
 * are not here: they follow the village's contracts (demo-registers.ts), `rentLines` of them this month.
 */
export function monthEntries(rng: Rng, p: VillageProfile, c: MonthContext, isThresholdTown: boolean, rentLines = 0): PlannedEntry[] {
  const { year: y, month: m } = c;
  const out: PlannedEntry[] = [];
  const at = (day: number, line: Line) => {
    if (day <= c.lastDay) out.push({ ...line, occurredOn: `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}` });
  };
  const quarter = [1, 4, 7, 10].includes(m);
  const prevQuarter = m === 1 ? `${y - 1}年第四季度` : `${y}年第${(m - 1) / 3}季度`;

  // Every month. The cleaner's pay varies with the days worked and overtime (never the same two months running).
  at(rng.int(8, 12), { ...org(ORG.power), ...expense('513', rng.logFen(150, 1_500), `村部${m}月电费`) });
  at(rng.int(25, 28), { ...person(p.cleaner.name), ...expense('514', p.cleaner.monthlyFen + ((m % 3) * 60 + rng.int(0, 5) * 10) * 100, `${y}年${m}月保洁员工资`, 'transfer') });
  at(rng.int(18, 24), { ...org(ORG.cleaning), ...expense('514', rng.logYuan(600, 6_000, 100), `${m}月生活垃圾清运费`) });
  if (m % 2 === 0) at(rng.int(10, 15), { ...org(ORG.power), ...expense('514', rng.logFen(120, 1_200), `${m - 1}-${m}月路灯电费`) });
  if (p.solar) {
    const season = [6, 7, 8, 9].includes(m) ? 1.3 : [12, 1, 2].includes(m) ? 0.7 : 1;
    at(rng.int(15, 20), { ...org(ORG.power), ...income('502', Math.round(p.solar.monthlyFen * season * (0.85 + rng.float() * 0.3)), `村级光伏电站${m === 1 ? 12 : m - 1}月发电收益`) });
  }

  // Quarterly
  if (quarter) {
    at(rng.int(5, 15), { ...org(ORG.finance), ...income('503', p.operatingFundFen, `${y}年第${(m + 2) / 3}季度村级组织运转经费`) });
    if (p.factory || p.shops.length) at(rng.int(12, 15), { ...org(ORG.tax), ...expense('512', (p.factory ? rng.logFen(600, 6_000) : rng.logFen(150, 1_500)), `缴纳${prevQuarter}房产税及附加`) });
  }
  if (m % 3 === 0) {
    at(21, { ...org(ORG.bank), ...income('504', rng.fen(150, 2_800), `${y}年第${m / 3}季度存款利息`) });
    at(21, { ...org(ORG.bank), ...expense('515', rng.logFen(12, 120), `${y}年第${m / 3}季度银行账户管理费及手续费`) });
    // Paid by the quarter's days on duty and appraisal (按考核结果发放), so the sum differs from quarter to quarter.
    for (const cadre of p.cadres) at(rng.int(24, 28), { ...person(cadre.name), ...expense('513', Math.round((cadre.monthlyFen * 3 * (0.8 + rng.float() * 0.4)) / 1000) * 1000, `${y}年第${m / 3}季度村干部误工补贴`, 'transfer') });
  }

  // Seasonal and yearly
  if (p.dividendFrom && m === 1) at(rng.int(15, 25), { ...org(p.dividendFrom), ...income('502', rng.yuan(20_000, 150_000, 100), `${p.dividendFrom}${y - 1}年度分红`) });
  if (p.forest && m === 7) at(rng.int(1, 28), { ...org(ORG.forestry), ...income('503', rng.fen(8_000, 40_000), `${y}年生态公益林补偿资金`) });
  if (m === 1) at(rng.int(15, 28), { ...org(ORG.supermarket), ...expense('514', rng.logYuan(2_000, 20_000, 100), '春节慰问困难群众（米、油等物资）') });
  if (m === 10) at(rng.int(8, 14), { ...org(ORG.elderly), ...expense('514', rng.logYuan(3_000, 30_000, 100), '重阳节慰问70周岁以上老人') });
  if (m === 5) at(rng.int(10, 28), { ...org(ORG.hardware), ...expense('514', rng.logYuan(800, 8_000, 100), '购买防汛物资（编织袋、雨衣、手电筒）', 'transfer') });
  if (m === 11) at(rng.int(1, 20), { ...org(ORG.post), ...expense('513', rng.logYuan(400, 4_000, 10), `${y + 1}年度报刊订阅费`) });
  if (p.solar && (m === 6 || m === 12)) at(rng.int(1, 28), { ...org(ORG.solarService), ...expense('511', rng.logYuan(500, 5_000, 100), '光伏电站半年度运维费') });

  // Projects: a few large items a year, some above the town's second-approval threshold.
  if (rng.chance(0.07)) at(rng.int(1, 28), { ...org(rng.pick([ORG.finance, ORG.agriculture])), ...income('503', rng.yuan(50_000, 400_000, 1000), rng.pick(['美丽乡村建设以奖代补资金', '农村人居环境整治补助资金', '村级公益事业一事一议财政奖补资金', '高标准农田建设补助资金'])) });
  if (rng.chance(0.15)) at(rng.int(1, 28), { ...org(rng.pick(CONTRACTORS)), ...expense('514', (isThresholdTown ? rng.logYuan(18_000, 180_000, 100) : rng.logYuan(15_000, 150_000, 100)), rng.pick(['村道硬化工程款', '村道拓宽及排水沟工程款', '文化广场建设工程款', '村内桥梁加固工程款'])) });
  if (rng.chance(0.03)) at(rng.int(1, 28), { ...person(rng.pick(p.workers)), ...income('504', rng.yuan(5_000, 50_000, 1000), '乡贤捐资用于村道建设', 'transfer') });

  // Fill the month to a plausible number of lines.
  const target = Math.round(rng.int(8, 15) * (c.lastDay / c.daysInMonth)) - rentLines;
  while (out.length < target) at(rng.int(1, c.lastDay), { ...rng.pick(FILLERS)(rng, p, c), filler: true });
  return out.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
}
