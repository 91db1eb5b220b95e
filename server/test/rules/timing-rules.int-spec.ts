import { maskPersonName } from '@mingbai/shared';
import { latePostingRule } from '../../src/modules/rules/definitions/late-posting.rule';
import { holidayEntriesRule } from '../../src/modules/rules/definitions/holiday-entries.rule';
import { ImportBatch } from '../../src/modules/imports/import-batch.entity';
import { about, RuleHarness } from '../helpers/rule-harness';

describe('timing rules', () => {
  let h: RuleHarness;
  let a: number;
  let b: number;
  beforeAll(async () => {
    h = await RuleHarness.start();
    a = h.w.villages.a.id;
    b = h.w.villages.b.id;
  });
  afterAll(() => h.close());

  describe('late-posting', () => {
    const posted = (occurredOn: string, createdAt: string, over: Record<string, unknown> = {}) =>
      h.entry({ villageId: a, payee: h.unique('晚记'), amountFen: 45_600, occurredOn, createdAt: new Date(createdAt), ...over });

    it('flags an entry recorded more than 60 days (China calendar) after it happened', async () => {
      // 2025-03-02T16:00Z is 2025-03-03 in China: 61 days after 2025-01-01
      const late = await posted('2025-01-01', '2025-03-02T16:00:00.000Z');
      const [f] = about(await h.run(latePostingRule), late);
      expect(f).toMatchObject({ subjectType: 'entry', period: '', villageId: a, amountFen: 45_600 });
      expect(f.facts).toMatchObject({ daysLate: 61, recordedOn: '2025-03-03', lateDays: 60 });
      expect(f.summary).toMatch(/^2025-01-01 发生的支出 456\.00 元（晚\*+\d）到 2025-03-03 才录入，晚了 61 天$/);
    });

    it('does not flag one recorded on the 60th day, nor imported history', async () => {
      // 2025-03-02T15:59Z is still 2025-03-02 in China: 60 days
      const onTime = await posted('2025-01-01', '2025-03-02T15:59:59.000Z');
      const batch = await h.em.insert(ImportBatch, { villageId: a, createdBy: h.w.userIds.bk_a, fileName: 'old.csv', rowCount: 1, createdAt: new Date() });
      const imported = await posted('2020-01-01', '2025-03-02T00:00:00.000Z', { importBatchId: Number(batch.identifiers[0].id) });
      const findings = await h.run(latePostingRule);
      expect(about(findings, onTime)).toEqual([]);
      expect(about(findings, imported)).toEqual([]);
    });

    it('counts income too, but never reversed entries, reversals or unpublished ones', async () => {
      const income = await posted('2024-01-01', '2024-06-01T00:00:00.000Z', { direction: 'income' });
      const reversed = await posted('2024-01-01', '2024-06-01T00:00:00.000Z');
      const reversal = await h.reverse(reversed, '2024-06-02');
      const draft = await posted('2024-01-01', '2024-06-01T00:00:00.000Z', { status: 'draft' });
      const findings = await h.run(latePostingRule);
      expect(about(findings, income)[0].summary).toContain('发生的收入 456.00 元');
      expect(about(findings, reversed)).toEqual([]);
      expect(about(findings, reversal)).toEqual([]);
      expect(about(findings, draft)).toEqual([]);
    });

    it('honours the number of days and the scope', async () => {
      const late = await posted('2023-01-01', '2023-03-15T00:00:00.000Z');
      expect(about(await h.run(latePostingRule), late)).toHaveLength(1);
      expect(about(await h.run(latePostingRule, { params: { lateDays: 90 } }), late)).toEqual([]);
      expect(about(await h.run(latePostingRule, { scope: [b] }), late)).toEqual([]);
      expect(about(await h.run(latePostingRule, { scope: [a] }), late)).toHaveLength(1);
    });
  });

  describe('holiday-entries', () => {
    beforeAll(async () => {
      await h.holiday('2025-10-01', '国庆节');
      await h.holiday('2025-10-02', '国庆节');
    });
    const pay = (payee: string, occurredOn: string, over: Record<string, unknown> = {}) => h.entry({ villageId: a, payee, amountFen: 88_800, occurredOn, ...over });

    it('flags a payment dated on a statutory holiday, not the day before', async () => {
      const payee = h.unique('节日');
      const onHoliday = await pay(payee, '2025-10-01');
      const dayBefore = await pay(payee, '2025-09-30');
      const findings = await h.run(holidayEntriesRule);
      const [f] = about(findings, onHoliday);
      expect(f).toMatchObject({ subjectType: 'entry', period: '', villageId: a, amountFen: 88_800 });
      expect(f.summary).toBe(`2025-10-01（国庆节假期）向${maskPersonName(payee)}支付 888.00 元`);
      expect(f.facts).toMatchObject({ holiday: '国庆节' });
      expect(about(findings, dayBefore)).toEqual([]);
    });

    it('never counts income, reversed payments or reversals, and looks only at the villages in scope', async () => {
      const payee = h.unique('假日');
      const income = await pay(payee, '2025-10-02', { direction: 'income' });
      const reversed = await pay(payee, '2025-10-02');
      const reversal = await h.reverse(reversed, '2025-10-02');
      const kept = await pay(payee, '2025-10-02');
      const findings = await h.run(holidayEntriesRule);
      expect(about(findings, income)).toEqual([]);
      expect(about(findings, reversed)).toEqual([]);
      expect(about(findings, reversal)).toEqual([]);
      expect(about(findings, kept)).toHaveLength(1);
      expect(about(await h.run(holidayEntriesRule, { scope: [b] }), kept)).toEqual([]);
    });
  });
});
