import { maskPersonName } from '@mingbai/shared';
import { conflictOfInterestRule } from '../../src/modules/rules/definitions/conflict-of-interest.rule';
import { crossDepartmentRule } from '../../src/modules/rules/definitions/cross-department.rule';
import { about, RuleHarness } from '../helpers/rule-harness';

describe('watch-list rules', () => {
  let h: RuleHarness;
  let a: number;
  let c: number;
  beforeAll(async () => {
    h = await RuleHarness.start();
    a = h.w.villages.a.id;
    c = h.w.villages.c.id;
  });
  afterAll(() => h.close());

  const pay = (villageId: number, payee: string, occurredOn = '2025-05-01', over: Record<string, unknown> = {}) =>
    h.entry({ villageId, payee, amountFen: 300_000, occurredOn, ...over });

  describe('conflict-of-interest', () => {
    it('flags a payment to a cadre\'s relative on the town\'s list, naming the relation but not the person', async () => {
      const name = h.unique('王小明');
      const personId = await h.watchPerson({ regionId: h.w.towns.one.id, listKind: 'cadre_relative', name, relation: '村委会主任之子' });
      // written with a space and a middle dot on the voucher: the same person
      const entry = await pay(a, `${name.slice(0, 1)} ${name.slice(1, 2)}·${name.slice(2)}`);
      const [f] = about(await h.run(conflictOfInterestRule), entry);
      expect(f).toMatchObject({ subjectType: 'entry', period: '', villageId: a, amountFen: 300_000 });
      expect(f.summary).toBe(`2025-05-01 向村干部及近亲属名单上的${maskPersonName(name)}（村委会主任之子）支付 3,000.00 元`);
      expect(f.evidence[1]).toEqual({ type: 'person', id: personId, label: `东山镇村干部及近亲属名单：${maskPersonName(name)}（村委会主任之子），按姓名比对` });
      expect(JSON.stringify(f)).not.toContain(name);
    });

    it('does not flag a village outside the list\'s region, other lists or inactive entries on the list', async () => {
      const name = h.unique('李小红');
      await h.watchPerson({ regionId: h.w.towns.one.id, listKind: 'cadre_relative', name });
      const elsewhere = await pay(c, name);
      const servant = h.unique('刘公务');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'public_servant', name: servant });
      const notCadre = await pay(a, servant);
      const inactive = h.unique('马停用');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'cadre_relative', name: inactive, active: false });
      const off = await pay(a, inactive);
      const findings = await h.run(conflictOfInterestRule);
      expect(about(findings, elsewhere)).toEqual([]);
      expect(about(findings, notCadre)).toEqual([]);
      expect(about(findings, off)).toEqual([]);
    });

    it('requires equal ID hashes when both sides have one', async () => {
      const name = h.unique('陈同名');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'cadre_relative', name, idHash: 'a'.repeat(64) });
      const same = await pay(a, name, '2025-05-02', { idHash: 'a'.repeat(64) });
      const other = await pay(a, name, '2025-05-03', { idHash: 'b'.repeat(64) });
      const unknown = await pay(c, name, '2025-05-04');
      const findings = await h.run(conflictOfInterestRule);
      expect(about(findings, same)[0].facts).toMatchObject({ idMatched: 1 });
      expect(about(findings, same)[0].evidence[1].label).toContain('身份证号一致');
      expect(about(findings, other)).toEqual([]);
      expect(about(findings, unknown)[0].facts).toMatchObject({ idMatched: 0 });
    });

    it('never counts a reversed payment, and looks only at the villages in scope', async () => {
      const name = h.unique('周亲属');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'cadre_relative', name });
      const reversed = await pay(a, name);
      const reversal = await h.reverse(reversed);
      const kept = await pay(a, name, '2025-06-01', { status: 'published' });
      const findings = await h.run(conflictOfInterestRule);
      expect(about(findings, reversed)).toEqual([]);
      expect(about(findings, reversal)).toEqual([]);
      expect(about(findings, kept)).toHaveLength(1);
      expect(about(await h.run(conflictOfInterestRule, { scope: [c] }), kept)).toEqual([]);
      expect(about(await h.run(conflictOfInterestRule, { scope: [a] }), kept)).toHaveLength(1);
    });
  });

  describe('cross-department', () => {
    it('flags a payment to a deceased person made after the date of death, not one before', async () => {
      const name = h.unique('吴已故');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'deceased', name, sinceOn: '2025-01-01', relation: null });
      const before = await pay(a, name, '2024-12-31');
      const onDay = await pay(a, name, '2025-01-01');
      const findings = await h.run(crossDepartmentRule);
      expect(about(findings, before)).toEqual([]);
      const [f] = about(findings, onDay);
      expect(f.summary).toBe(`2025-01-01 向已故人员名单上的${maskPersonName(name)}（自 2025-01-01 起）支付 3,000.00 元`);
      expect(f.evidence[1].label).toBe(`示范县已故人员名单：${maskPersonName(name)}，自 2025-01-01 起，按姓名比对`);
    });

    it('flags public servants at any time when no date is set, and moved-away people of the listing village only', async () => {
      const servant = h.unique('郑公务');
      await h.watchPerson({ regionId: h.w.towns.two.id, listKind: 'public_servant', name: servant, relation: '县教育局在编' });
      const paid = await pay(c, servant, '2024-02-01');
      const moved = h.unique('冯迁出');
      await h.watchPerson({ regionId: a, listKind: 'moved_away', name: moved, sinceOn: '2024-06-01' });
      const inA = await pay(a, moved, '2025-01-01');
      const inC = await pay(c, moved, '2025-01-01');
      const cadre = h.unique('何亲属');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'cadre_relative', name: cadre });
      const notListed = await pay(a, cadre);
      const findings = await h.run(crossDepartmentRule);
      expect(about(findings, paid)).toHaveLength(1);
      expect(about(findings, inA)).toHaveLength(1);
      expect(about(findings, inC)).toEqual([]);
      expect(about(findings, notListed)).toEqual([]);
    });

    it('never counts a reversed payment or income, and looks only at the villages in scope', async () => {
      const name = h.unique('蒋已故');
      await h.watchPerson({ regionId: h.w.county.id, listKind: 'deceased', name });
      const reversed = await pay(a, name);
      await h.reverse(reversed);
      const income = await pay(a, name, '2025-05-02', { direction: 'income' });
      const kept = await pay(a, name, '2025-05-03');
      const findings = await h.run(crossDepartmentRule);
      expect(about(findings, reversed)).toEqual([]);
      expect(about(findings, income)).toEqual([]);
      expect(about(findings, kept)).toHaveLength(1);
      expect(about(await h.run(crossDepartmentRule, { scope: [c] }), kept)).toEqual([]);
    });
  });
});
