import { splitPaymentsRule } from '../../src/modules/rules/definitions/split-payments.rule';
import { duplicatePaymentsRule } from '../../src/modules/rules/definitions/duplicate-payments.rule';
import { largeCashRule } from '../../src/modules/rules/definitions/large-cash.rule';
import { missingVoucherRule } from '../../src/modules/rules/definitions/missing-voucher.rule';
import { maskPersonName } from '@mingbai/shared';
import { about, RuleHarness } from '../helpers/rule-harness';

describe('payment rules', () => {
  let h: RuleHarness;
  let a: number;
  let b: number;
  beforeAll(async () => {
    h = await RuleHarness.start();
    a = h.w.villages.a.id;
    b = h.w.villages.b.id;
  });
  afterAll(() => h.close());

  const pay = (payee: string, amountFen: number, occurredOn: string, over: Record<string, unknown> = {}) =>
    h.entry({ villageId: a, payee, amountFen, occurredOn, ...over });

  describe('split-payments', () => {
    it('flags 4,999 + 4,999 yuan to one payee 7 days apart under a 5,000 yuan limit, on the earlier payment', async () => {
      const payee = h.unique('张三');
      const first = await pay(payee, 499_900, '2025-03-01');
      const second = await pay(payee, 499_900, '2025-03-08');
      const findings = await h.run(splitPaymentsRule);
      expect(about(findings, second)).toEqual([]);
      const [f] = about(findings, first);
      expect(f).toMatchObject({ subjectType: 'entry', period: '', villageId: a, amountFen: 999_800 });
      expect(f.summary).toBe(`向${maskPersonName(payee)}连续支付 2 笔共 9,998.00 元（间隔 7 天），单笔均低于审批限额 5,000.00 元`);
      expect(f.evidence.filter((e) => e.type === 'entry').map((e) => e.id)).toEqual([first, second]);
      expect(f.facts).toMatchObject({ count: 2, totalFen: 999_800, spanDays: 7, thresholdFen: 500_000 });
      expect(JSON.stringify(f)).not.toContain(payee);
    });

    it('does not flag the same payments 8 days apart', async () => {
      const payee = h.unique('李四');
      const first = await pay(payee, 499_900, '2025-04-01');
      const second = await pay(payee, 499_900, '2025-04-09');
      const findings = await h.run(splitPaymentsRule);
      expect([...about(findings, first), ...about(findings, second)]).toEqual([]);
    });

    it('needs every payment below the limit and the group at or above it', async () => {
      const big = h.unique('王五');
      const one = await pay(big, 500_000, '2025-05-01');
      await pay(big, 10_000, '2025-05-02');
      const small = h.unique('赵六');
      const two = await pay(small, 249_900, '2025-05-01');
      await pay(small, 250_000, '2025-05-03');
      const findings = await h.run(splitPaymentsRule);
      expect(about(findings, one)).toEqual([]);
      expect(about(findings, two)).toEqual([]);
    });

    it('reports a run of payments once, on its earliest, with every payment of the window', async () => {
      const payee = h.unique('孙七');
      const ids = [await pay(payee, 300_000, '2025-06-01'), await pay(payee, 300_000, '2025-06-03'), await pay(payee, 300_000, '2025-06-06')];
      const findings = await h.run(splitPaymentsRule);
      expect(about(findings, ids[1])).toEqual([]);
      expect(about(findings, ids[2])).toEqual([]);
      const [f] = about(findings, ids[0]);
      expect(f.facts).toMatchObject({ count: 3, totalFen: 900_000, spanDays: 5 });
    });

    it('groups payments of the same day, on the first one recorded', async () => {
      const payee = h.unique('冯同日');
      const first = await pay(payee, 260_000, '2025-06-20');
      const second = await pay(payee, 260_000, '2025-06-20');
      const findings = await h.run(splitPaymentsRule);
      expect(about(findings, second)).toEqual([]);
      expect(about(findings, first)[0].facts).toMatchObject({ count: 2, totalFen: 520_000, spanDays: 0 });
    });

    it('never counts reversed payments, reversals, unpublished entries, income or another village', async () => {
      const reversed = h.unique('周八');
      const r1 = await pay(reversed, 499_900, '2025-07-01');
      const r2 = await pay(reversed, 499_900, '2025-07-03');
      await h.reverse(r2, '2025-07-04');
      const pending = h.unique('吴九');
      const p1 = await pay(pending, 499_900, '2025-07-01');
      await pay(pending, 499_900, '2025-07-02', { status: 'submitted' });
      await pay(pending, 499_900, '2025-07-03', { direction: 'income' });
      await h.entry({ villageId: b, payee: pending, amountFen: 499_900, occurredOn: '2025-07-04' });
      const findings = await h.run(splitPaymentsRule);
      expect(about(findings, r1)).toEqual([]);
      expect(about(findings, p1)).toEqual([]);
    });

    it('honours its parameters and the scope', async () => {
      const payee = h.unique('郑十');
      const first = await pay(payee, 499_900, '2025-08-01');
      await pay(payee, 499_900, '2025-08-09');
      expect(about(await h.run(splitPaymentsRule, { params: { windowDays: 8 } }), first)).toHaveLength(1);
      expect(about(await h.run(splitPaymentsRule, { params: { windowDays: 8, thresholdFen: 1_000_000 } }), first)).toEqual([]);
      expect(about(await h.run(splitPaymentsRule, { params: { windowDays: 8 }, scope: [b] }), first)).toEqual([]);
      expect(about(await h.run(splitPaymentsRule, { params: { windowDays: 8 }, scope: [a] }), first)).toHaveLength(1);
    });
  });

  describe('duplicate-payments', () => {
    it('flags the same payee and amount 30 days apart, on the later payment', async () => {
      const payee = h.unique('钱一');
      const first = await pay(payee, 123_456, '2025-01-01');
      const second = await pay(payee, 123_456, '2025-01-31');
      const findings = await h.run(duplicatePaymentsRule);
      expect(about(findings, first)).toEqual([]);
      const [f] = about(findings, second);
      expect(f).toMatchObject({ subjectType: 'entry', villageId: a, amountFen: 123_456 });
      expect(f.summary).toBe(`2025-01-01 和 2025-01-31 向${maskPersonName(payee)}各支付 1,234.56 元（相隔 30 天），疑似重复支付`);
      expect(f.evidence.map((e) => e.id)).toEqual([first, second]);
    });

    it('flags the second of two equal payments on one day', async () => {
      const payee = h.unique('钱同日');
      const first = await pay(payee, 66_600, '2025-01-10');
      const second = await pay(payee, 66_600, '2025-01-10');
      const findings = await h.run(duplicatePaymentsRule);
      expect(about(findings, first)).toEqual([]);
      expect(about(findings, second)[0].facts).toMatchObject({ earlierEntryId: first, gapDays: 0 });
    });

    it('does not flag them 31 days apart, unless the window is widened', async () => {
      const payee = h.unique('钱二');
      await pay(payee, 123_456, '2025-02-01');
      const second = await pay(payee, 123_456, '2025-03-04');
      expect(about(await h.run(duplicatePaymentsRule), second)).toEqual([]);
      expect(about(await h.run(duplicatePaymentsRule, { params: { windowDays: 31 } }), second)).toHaveLength(1);
    });

    it('compares voucher numbers when both payments have one', async () => {
      const differ = h.unique('钱三');
      await pay(differ, 50_000, '2025-04-01', { voucherNo: '记-01' });
      const d2 = await pay(differ, 50_000, '2025-04-05', { voucherNo: '记-02' });
      const same = h.unique('钱四');
      await pay(same, 50_000, '2025-04-01', { voucherNo: '记-03' });
      const s2 = await pay(same, 50_000, '2025-04-05', { voucherNo: '记-03' });
      const oneMissing = h.unique('钱五');
      await pay(oneMissing, 50_000, '2025-04-01', { voucherNo: '记-04' });
      const m2 = await pay(oneMissing, 50_000, '2025-04-05', { voucherNo: null });
      const findings = await h.run(duplicatePaymentsRule);
      expect(about(findings, d2)).toEqual([]);
      expect(about(findings, s2)[0].summary).toContain('凭证号相同');
      expect(about(findings, m2)).toHaveLength(1);
    });

    it('needs the same amount, and never counts a reversed payment or its reversal', async () => {
      const other = h.unique('钱六');
      await pay(other, 50_000, '2025-05-01');
      const o2 = await pay(other, 50_001, '2025-05-02');
      const reversed = h.unique('钱七');
      const r1 = await pay(reversed, 50_000, '2025-05-01');
      const r2 = await pay(reversed, 50_000, '2025-05-02');
      const reversal = await h.reverse(r1, '2025-05-03');
      const findings = await h.run(duplicatePaymentsRule);
      expect(about(findings, o2)).toEqual([]);
      expect(about(findings, r2)).toEqual([]);
      expect(about(findings, reversal)).toEqual([]);
    });

    it('looks only at the villages in scope', async () => {
      const payee = h.unique('钱八');
      await pay(payee, 70_000, '2025-06-01');
      const second = await pay(payee, 70_000, '2025-06-02');
      expect(about(await h.run(duplicatePaymentsRule, { scope: [b] }), second)).toEqual([]);
      expect(about(await h.run(duplicatePaymentsRule, { scope: [a] }), second)).toHaveLength(1);
    });
  });

  describe('large-cash', () => {
    it('flags cash payments above the limit only', async () => {
      const payee = h.unique('陈一');
      const above = await pay(payee, 200_001, '2025-02-10', { paymentMethod: 'cash' });
      const at = await pay(payee, 200_000, '2025-02-11', { paymentMethod: 'cash' });
      const bank = await pay(payee, 900_000, '2025-02-12', { paymentMethod: 'bank' });
      const findings = await h.run(largeCashRule);
      expect(about(findings, above)).toHaveLength(1);
      expect(about(findings, above)[0].summary).toBe(`2025-02-10 以现金向${maskPersonName(payee)}支付 2,000.01 元，超过现金支付限额 2,000.00 元`);
      expect(about(findings, at)).toEqual([]);
      expect(about(findings, bank)).toEqual([]);
    });

    it('never counts a reversed payment, and honours the limit and the scope', async () => {
      const payee = h.unique('陈二');
      const reversed = await pay(payee, 300_000, '2025-02-10', { paymentMethod: 'cash' });
      const reversal = await h.reverse(reversed);
      const kept = await pay(payee, 300_000, '2025-02-11', { paymentMethod: 'cash' });
      const findings = await h.run(largeCashRule);
      expect(about(findings, reversed)).toEqual([]);
      expect(about(findings, reversal)).toEqual([]);
      expect(about(findings, kept)).toHaveLength(1);
      expect(about(await h.run(largeCashRule, { params: { limitFen: 300_000 } }), kept)).toEqual([]);
      expect(about(await h.run(largeCashRule, { scope: [b] }), kept)).toEqual([]);
    });
  });

  describe('missing-voucher', () => {
    it('flags a published payment without any attachment, not one with a voucher file', async () => {
      const payee = h.unique('林一');
      const bare = await pay(payee, 80_000, '2025-03-10');
      const withFile = await pay(payee, 80_000, '2025-03-11');
      await h.attach(withFile);
      const income = await pay(payee, 80_000, '2025-03-12', { direction: 'income' });
      const draft = await pay(payee, 80_000, '2025-03-13', { status: 'draft' });
      const findings = await h.run(missingVoucherRule);
      expect(about(findings, bare)).toHaveLength(1);
      expect(about(findings, bare)[0]).toMatchObject({ amountFen: 80_000, villageId: a });
      expect(about(findings, withFile)).toEqual([]);
      expect(about(findings, income)).toEqual([]);
      expect(about(findings, draft)).toEqual([]);
    });

    it('never counts a reversed payment, and honours the minimum amount and the scope', async () => {
      const payee = h.unique('林二');
      const reversed = await pay(payee, 80_000, '2025-03-10');
      await h.reverse(reversed);
      const small = await pay(payee, 19_999, '2025-03-11');
      const findings = await h.run(missingVoucherRule, { params: { minAmountFen: 20_000 } });
      expect(about(findings, reversed)).toEqual([]);
      expect(about(findings, small)).toEqual([]);
      expect(about(await h.run(missingVoucherRule), small)).toHaveLength(1);
      expect(about(await h.run(missingVoucherRule, { scope: [b] }), small)).toEqual([]);
    });
  });
});
