import { benfordRule } from '../../src/modules/rules/definitions/benford.rule';
import { roundAmountsRule } from '../../src/modules/rules/definitions/round-amounts.rule';
import { about, EntryFixture, RuleHarness } from '../helpers/rule-harness';

/** n amounts whose first digits follow Benford's law: 10^x for x spread evenly over three decades. */
function benfordAmounts(n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(10 ** (3 + (3 * (i + 0.5)) / n)));
}

/** n amounts whose first digits are spread evenly over 1–9 (far from Benford). */
function flatAmounts(n: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i % 9) + 1) * 10_000 + 1_234 + i);
}

describe('statistical rules', () => {
  let h: RuleHarness;
  let a: number;
  let b: number;
  let townOne: number;
  beforeAll(async () => {
    h = await RuleHarness.start();
    a = h.w.villages.a.id;
    b = h.w.villages.b.id;
    townOne = h.w.towns.one.id;
  });
  afterAll(() => h.close());

  /** Payments of one year spread over the two villages of town one. */
  const payments = (year: number, amounts: number[], over: Partial<EntryFixture> = {}) =>
    h.entries(
      amounts.map((amountFen, i) => ({
        villageId: i % 2 === 0 ? a : b,
        payee: `供应商${i % 37}`,
        counterpartyKind: 'organisation' as const,
        amountFen,
        occurredOn: `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        ...over,
      })),
    );

  describe('benford', () => {
    it('says nothing about a town-year of 400 amounts that follow the law', async () => {
      await payments(2014, benfordAmounts(400));
      expect(about(await h.run(benfordRule), townOne, '2014')).toEqual([]);
    });

    it('flags a town-year of 300 amounts with flat first digits, as a town-wide warning', async () => {
      await payments(2015, flatAmounts(300));
      const [f] = about(await h.run(benfordRule), townOne, '2015');
      expect(f).toMatchObject({ subjectType: 'village', subjectId: townOne, villageId: townOne, period: '2015', amountFen: null });
      expect(f.facts).toMatchObject({ count: 300, madLimit: 0.015 });
      expect(Number(f.facts.mad)).toBeGreaterThan(0.05);
      expect(Number(f.facts.digit1)).toBeCloseTo(1 / 9, 2);
      expect(f.summary).toMatch(/^东山镇 2015 年各村 300 笔支出金额的首位数字分布偏离本福特定律（平均绝对偏差 0\.\d{4}，超过 0\.015）$/);
      expect(f.evidence).toHaveLength(9);
      expect(f.evidence[0].label).toMatch(/^首位数字 1：实际 11\.\d%，按定律应约 30\.1%（\d+ 笔）$/);
    });

    it('says nothing below 300 amounts, unless the minimum is lowered; honours the MAD limit and the scope', async () => {
      await payments(2016, flatAmounts(299));
      expect(about(await h.run(benfordRule), townOne, '2016')).toEqual([]);
      expect(about(await h.run(benfordRule, { params: { minCount: 200 } }), townOne, '2016')).toHaveLength(1);
      expect(about(await h.run(benfordRule, { params: { madLimit: 0.1 } }), townOne, '2015')).toEqual([]);
      expect(about(await h.run(benfordRule, { scope: [h.w.towns.two.id] }), townOne, '2015')).toEqual([]);
      expect(about(await h.run(benfordRule, { scope: [townOne] }), townOne, '2015')).toHaveLength(1);
    });

    it('never counts reversed payments, reversals, unpublished entries or income', async () => {
      await payments(2017, benfordAmounts(330));
      const skewed = await payments(2017, new Array(200).fill(9_999));
      await h.entries(skewed.map((id, i) => ({ villageId: i % 2 === 0 ? a : b, payee: `供应商${i % 37}`, amountFen: 9_999, occurredOn: '2017-12-31', reversesId: id })));
      await payments(2017, new Array(200).fill(9_999), { status: 'submitted' });
      await payments(2017, new Array(200).fill(9_999), { direction: 'income' });
      expect(about(await h.run(benfordRule), townOne, '2017')).toEqual([]);
    });
  });

  describe('round-amounts', () => {
    const round = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * 10_000);
    const odd = (n: number) => Array.from({ length: n }, (_, i) => 12_345 + i);
    const village = (villageId: number, year: number, amounts: number[], over: Partial<EntryFixture> = {}) =>
      h.entries(
        amounts.map((amountFen, i) => ({
          villageId,
          payee: `商户${i % 11}`,
          amountFen,
          occurredOn: `${year}-${String((i % 12) + 1).padStart(2, '0')}-15`,
          ...over,
        })),
      );

    it('flags a village whose share of round amounts is far above the rest of its town', async () => {
      await village(a, 2010, [...round(30), ...odd(10)]);
      await village(b, 2010, [...round(10), ...odd(90)]);
      const findings = await h.run(roundAmountsRule);
      const [f] = about(findings, a, '2010');
      expect(f).toMatchObject({ subjectType: 'village', villageId: a, amountFen: null });
      expect(f.facts).toMatchObject({ count: 40, roundCount: 30, share: 0.75, townCount: 100, townRoundCount: 10, townShare: 0.1 });
      expect(Number(f.facts.z)).toBeGreaterThan(7);
      expect(f.summary).toMatch(/^上坂村 2010 年 40 笔支出中金额是 100\.00 元整数倍的占 75\.0%（30 笔），同镇其他村为 10\.0%（z = \d+\.\d\d）$/);
      expect(about(findings, b, '2010')).toEqual([]);
    });

    it('does not flag a share that is not significantly higher, nor a village with fewer than 30 payments', async () => {
      await village(a, 2011, [...round(8), ...odd(32)]);
      await village(b, 2011, [...round(10), ...odd(90)]);
      await village(a, 2012, round(29));
      await village(b, 2012, [...round(10), ...odd(90)]);
      const findings = await h.run(roundAmountsRule);
      expect(about(findings, a, '2011')).toEqual([]);
      expect(about(findings, a, '2012')).toEqual([]);
      expect(about(await h.run(roundAmountsRule, { params: { minEntries: 20 } }), a, '2012')).toHaveLength(1);
    });

    it('needs the share to be ratioMin times the town\'s as well as a high z', async () => {
      // 40% against 28% in 500 payments each: z ≈ 4, but only 1.43 times the town's share
      await village(a, 2013, [...round(200), ...odd(300)]);
      await village(b, 2013, [...round(140), ...odd(360)]);
      expect(about(await h.run(roundAmountsRule), a, '2013')).toEqual([]);
      expect(about(await h.run(roundAmountsRule, { params: { ratioMin: 1.4 } }), a, '2013')).toHaveLength(1);
      expect(about(await h.run(roundAmountsRule, { params: { ratioMin: 1.4, zMin: 4.5 } }), a, '2013')).toEqual([]);
    });

    it('honours the round unit', async () => {
      // multiples of 100 yuan but not of 1,000 yuan
      expect(about(await h.run(roundAmountsRule, { params: { unitFen: 100_000 } }), a, '2010')).toEqual([]);
    });

    it('reports only villages in scope, still comparing with the whole town', async () => {
      expect(about(await h.run(roundAmountsRule, { scope: [a] }), a, '2010')).toHaveLength(1);
      expect(about(await h.run(roundAmountsRule, { scope: [b] }), a, '2010')).toEqual([]);
      expect(about(await h.run(roundAmountsRule, { scope: [h.w.villages.c.id] }), a, '2010')).toEqual([]);
    });

    it('never counts reversed payments', async () => {
      await village(a, 2009, odd(40));
      const reversed = await village(a, 2009, round(30));
      await h.entries(reversed.map((id) => ({ villageId: a, payee: '冲销', amountFen: 10_000, occurredOn: '2009-12-31', reversesId: id })));
      await village(b, 2009, [...round(10), ...odd(90)]);
      expect(about(await h.run(roundAmountsRule), a, '2009')).toEqual([]);
    });
  });
});
