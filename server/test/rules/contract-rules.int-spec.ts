import { rentArrearsRule } from '../../src/modules/rules/definitions/rent-arrears.rule';
import { contractTermLimitRule } from '../../src/modules/rules/definitions/contract-term-limit.rule';
import { contractNoTenderRule } from '../../src/modules/rules/definitions/contract-no-tender.rule';
import { contractLowRentRule } from '../../src/modules/rules/definitions/contract-low-rent.rule';
import { about, RuleHarness } from '../helpers/rule-harness';

describe('contract rules', () => {
  let h: RuleHarness;
  let a: number;
  let b: number;
  beforeAll(async () => {
    h = await RuleHarness.start();
    a = h.w.villages.a.id;
    b = h.w.villages.b.id;
  });
  afterAll(() => h.close());

  describe('rent-arrears', () => {
    // Yearly 10,000 yuan: installments due 2025-01-01, 2026-01-01, 2027-01-01.
    const lease = (over: Record<string, unknown> = {}) =>
      h.contract({ villageId: a, startOn: '2025-01-01', endOn: '2027-12-31', annualRentFen: 1_000_000, ...over });

    it('flags an installment unpaid more than 60 days after it was due, with the amount outstanding', async () => {
      const c = await lease({ party: '黄大明' });
      const findings = about(await h.run(rentArrearsRule, { today: '2026-03-03' }), c.id);
      expect(findings.map((f) => f.period)).toEqual(['2025-01-01', '2026-01-01']);
      const [f] = findings.filter((x) => x.period === '2026-01-01');
      expect(f).toMatchObject({ subjectType: 'contract', villageId: a, amountFen: 1_000_000 });
      expect(f.facts).toMatchObject({ seq: 2, overdueDays: 61, outstandingFen: 1_000_000, receivedFen: 0 });
      expect(f.summary).toContain('第 2 期租金 10,000.00 元于 2026-01-01 到期，已过 61 天，尚欠 10,000.00 元');
      expect(f.summary).toContain('黄*明');
      expect(JSON.stringify(f)).not.toContain('黄大明');
      expect(f.evidence.map((e) => e.type)).toEqual(['contract', 'installment', 'figure']);
      expect(f.evidence[1].id).toBe(c.installments[1].id);
    });

    it('does not flag it on the 60th day of grace, nor an installment paid in full', async () => {
      const c = await lease();
      await h.receipt(c, 1, 1_000_000);
      const findings = about(await h.run(rentArrearsRule, { today: '2026-03-02' }), c.id);
      expect(findings).toEqual([]);
    });

    it('counts partial payments, and only receipts whose entry is published and not reversed', async () => {
      const c = await lease();
      await h.receipt(c, 1, 400_000);
      const reversedEntry = await h.receipt(c, 1, 300_000);
      await h.reverse(reversedEntry, '2025-02-01');
      await h.receipt(c, 1, 300_000, { status: 'submitted' });
      const [f] = about(await h.run(rentArrearsRule), c.id, '2025-01-01');
      expect(f.amountFen).toBe(600_000);
      expect(f.facts).toMatchObject({ receivedFen: 400_000, outstandingFen: 600_000 });
      expect(f.summary).toContain('已收 4,000.00 元，尚欠 6,000.00 元');
    });

    it('skips contracts not approved, and installments due after a termination (not those before)', async () => {
      const draft = await lease({ status: 'submitted' });
      const terminated = await lease({ terminatedOn: '2025-06-30' });
      const findings = await h.run(rentArrearsRule, { today: '2026-06-01' });
      expect(about(findings, draft.id)).toEqual([]);
      expect(about(findings, terminated.id).map((f) => f.period)).toEqual(['2025-01-01']);
    });

    it('honours the grace days and the scope', async () => {
      const c = await lease();
      expect(about(await h.run(rentArrearsRule, { today: '2026-03-03', params: { graceDays: 90 } }), c.id).map((f) => f.period)).toEqual(['2025-01-01']);
      expect(about(await h.run(rentArrearsRule, { scope: [b] }), c.id)).toEqual([]);
      expect(about(await h.run(rentArrearsRule, { scope: [a] }), c.id)).not.toEqual([]);
    });
  });

  describe('contract-term-limit', () => {
    it('flags a lease running past its 20th anniversary, citing the Civil Code; exactly 20 years passes', async () => {
      const over = await h.contract({ villageId: a, kind: 'lease', startOn: '2025-01-01', endOn: '2045-01-02' });
      const within = await h.contract({ villageId: a, kind: 'lease', startOn: '2025-01-01', endOn: '2045-01-01' });
      const findings = await h.run(contractTermLimitRule);
      const [f] = about(findings, over.id);
      expect(f).toMatchObject({ subjectType: 'contract', period: '', villageId: a, amountFen: null });
      expect(f.summary).toContain('超过租赁合同最长 20 年的上限（民法典第七百零五条）');
      expect(f.facts).toMatchObject({ maxYears: 20, termYears: 20 });
      expect(about(findings, within.id)).toEqual([]);
    });

    it('allows 70 years for forest and 30 for other contracting', async () => {
      const forest = await h.asset(a, 'forest', 100_000);
      const land = await h.asset(a, 'land', 10_000);
      const c = (assetId: number, endOn: string) => h.contract({ villageId: a, kind: 'contracting', assetId, startOn: '2025-03-01', endOn, annualRentFen: 10_000 });
      const forest70 = await c(forest, '2095-02-28');
      const forest71 = await c(forest, '2096-02-28');
      const land30 = await c(land, '2055-03-01');
      const land31 = await c(land, '2055-03-02');
      const findings = await h.run(contractTermLimitRule);
      expect(about(findings, forest70.id)).toEqual([]);
      expect(about(findings, forest71.id)[0].summary).toContain('林地发包合同最长 70 年');
      expect(about(findings, land30.id)).toEqual([]);
      expect(about(findings, land31.id)[0].facts).toMatchObject({ maxYears: 30 });
    });

    it('skips terminated and unapproved contracts, and honours the limits and the scope', async () => {
      const over = await h.contract({ villageId: a, startOn: '2025-01-01', endOn: '2049-12-31' });
      const terminated = await h.contract({ villageId: a, startOn: '2025-01-01', endOn: '2049-12-31', terminatedOn: '2026-01-01' });
      const draft = await h.contract({ villageId: a, startOn: '2025-01-01', endOn: '2049-12-31', status: 'draft' });
      const findings = await h.run(contractTermLimitRule);
      expect(about(findings, over.id)).toHaveLength(1);
      expect(about(findings, terminated.id)).toEqual([]);
      expect(about(findings, draft.id)).toEqual([]);
      expect(about(await h.run(contractTermLimitRule, { params: { leaseMaxYears: 25 } }), over.id)).toEqual([]);
      expect(about(await h.run(contractTermLimitRule, { scope: [b] }), over.id)).toEqual([]);
    });
  });

  describe('contract-no-tender', () => {
    // Two years at 25,000 yuan: 50,000 yuan in all.
    const contract = (awardMethod: 'negotiated' | 'direct' | 'public_tender' | 'public_auction', annualRentFen: number, over: Record<string, unknown> = {}) =>
      h.contract({ villageId: a, startOn: '2025-01-01', endOn: '2026-12-31', annualRentFen, awardMethod, ...over });

    it('flags a 50,000 yuan contract awarded by negotiation, not one just below or one publicly tendered', async () => {
      const negotiated = await contract('negotiated', 2_500_000);
      const below = await contract('direct', 2_499_999);
      const tendered = await contract('public_tender', 9_000_000);
      const auctioned = await contract('public_auction', 9_000_000);
      const findings = await h.run(contractNoTenderRule);
      const [f] = about(findings, negotiated.id);
      expect(f).toMatchObject({ subjectType: 'contract', amountFen: 5_000_000 });
      expect(f.summary).toContain('总租金 50,000.00 元，达到 50,000.00 元却以“协商议价”方式确定，未公开招标');
      expect(about(findings, below.id)).toEqual([]);
      expect(about(findings, tendered.id)).toEqual([]);
      expect(about(findings, auctioned.id)).toEqual([]);
    });

    it('skips contracts not in force, and honours the threshold and the scope', async () => {
      const direct = await contract('direct', 3_000_000);
      const draft = await contract('direct', 3_000_000, { status: 'rejected' });
      const findings = await h.run(contractNoTenderRule);
      expect(about(findings, direct.id)).toHaveLength(1);
      expect(about(findings, draft.id)).toEqual([]);
      expect(about(await h.run(contractNoTenderRule, { params: { thresholdFen: 6_000_001 } }), direct.id)).toEqual([]);
      expect(about(await h.run(contractNoTenderRule, { scope: [b] }), direct.id)).toEqual([]);
    });
  });

  describe('contract-low-rent', () => {
    const pond = async (villageId: number, annualYuan: number, kind: 'pond' | 'building' = 'pond') =>
      h.contract({ villageId, assetId: await h.asset(villageId, kind, 10_000), startOn: '2025-01-01', endOn: '2029-12-31', annualRentFen: annualYuan * 100 });

    it('flags rent per m² below half the median of the village\'s other contracts on the same kind of asset', async () => {
      const others = [await pond(a, 100_000), await pond(a, 110_000), await pond(a, 120_000)];
      const low = await pond(a, 40_000);
      const findings = await h.run(contractLowRentRule);
      const [f] = about(findings, low.id);
      expect(f).toMatchObject({ subjectType: 'contract', villageId: a, amountFen: 7_000_000 });
      expect(f.facts).toMatchObject({ comparables: 3, rateFenPerM2: 400, medianFenPerM2: 1100, areaM2: 10_000 });
      expect(f.summary).toContain('年租金折合每平方米 4.00 元，只有本村同类资产（水面坑塘）其他 3 份合同中位数 11.00 元的 36%');
      for (const o of others) expect(about(findings, o.id)).toEqual([]);
    });

    it('does not flag rent above half the median, nor compare with fewer contracts than required', async () => {
      await pond(a, 100_000, 'building');
      await pond(a, 110_000, 'building');
      await pond(a, 120_000, 'building');
      const near = await pond(a, 60_000, 'building');
      await pond(b, 100_000);
      await pond(b, 100_000);
      const few = await pond(b, 1_000);
      const findings = await h.run(contractLowRentRule);
      expect(about(findings, near.id)).toEqual([]);
      expect(about(findings, few.id)).toEqual([]);
      expect(about(await h.run(contractLowRentRule, { params: { minComparables: 2 } }), few.id)).toHaveLength(1);
    });

    it('spreads a custom schedule over its term, and honours the ratio and the scope', async () => {
      // 80,000 yuan over two years: 40,000 a year, against a median of 105,000 for the other ponds of village a.
      const custom = await h.contract({
        villageId: a,
        assetId: await h.asset(a, 'pond', 10_000),
        startOn: '2025-01-01',
        endOn: '2026-12-31',
        installments: [
          { dueOn: '2025-01-01', amountFen: 4_000_000 },
          { dueOn: '2026-01-01', amountFen: 4_000_000 },
        ],
      });
      const [f] = about(await h.run(contractLowRentRule), custom.id);
      expect(Number(f.facts.rateFenPerM2)).toBeCloseTo(400, 0);
      expect(about(await h.run(contractLowRentRule, { params: { ratio: 0.3 } }), custom.id)).toEqual([]);
      expect(about(await h.run(contractLowRentRule, { scope: [b] }), custom.id)).toEqual([]);
      expect(about(await h.run(contractLowRentRule, { scope: [a] }), custom.id)).toHaveLength(1);
    });
  });
});
