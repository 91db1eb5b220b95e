import { evidencePath, evidenceSubjects, parseEvidence, toWarningDto } from './warning-view';
import { RuleCatalog, ruleCategoryCode, ruleIdOf } from './rule-catalog';
import type { Warning } from '../../rules/warning.entity';

describe('warning views', () => {
  it('gives entries, contracts and assets their app pages, nothing else', () => {
    expect(evidencePath('entry', 5)).toBe('/pages/entry/index?id=5');
    expect(evidencePath('contract', 6)).toBe('/packages/village/pages/contract/index?id=6');
    expect(evidencePath('asset', 7)).toBe('/packages/village/pages/asset/index?id=7');
    expect(evidencePath('installment', 8)).toBeNull();
    expect(evidencePath('person', 9)).toBeNull();
    expect(evidencePath('entry', null)).toBeNull();
  });

  it('reads the evidence column defensively', () => {
    expect(parseEvidence('not json')).toEqual({ items: [], facts: {} });
    expect(parseEvidence('null')).toEqual({ items: [], facts: {} });
    const parsed = parseEvidence(
      JSON.stringify({
        items: [
          { type: 'entry', id: 3, label: 'a' },
          { type: 'bogus', id: 1 },
          { type: 'figure', id: 'x' },
          null,
          { type: 'contract', id: 4 },
        ],
        facts: { days: 9, who: 'x', none: null, nested: { a: 1 }, list: [1] },
      }),
    );
    expect(parsed).toEqual({
      items: [
        { type: 'entry', id: 3, label: 'a' },
        { type: 'figure', id: null, label: '' },
        { type: 'contract', id: 4, label: '' },
      ],
      facts: { days: 9, who: 'x', none: null },
    });
    expect(
      evidenceSubjects(
        parseEvidence(
          JSON.stringify({
            items: [
              { type: 'entry', id: 3 },
              { type: 'entry', id: 3 },
              { type: 'contract', id: 4 },
              { type: 'asset', id: 5 },
            ],
          }),
        ),
      ),
    ).toEqual({
      entries: [3],
      contracts: [4],
    });
  });

  it('maps rule ids to and from category codes, with titles from the registry (id for unknown rules)', () => {
    expect(ruleCategoryCode('rent-arrears')).toBe('rule:rent-arrears');
    expect(ruleIdOf('rule:rent-arrears')).toBe('rent-arrears');
    expect(ruleIdOf('false_claims')).toBeNull();
    const rules = new RuleCatalog([{ id: 'r1', title: '规则一', severity: 'high' }]);
    expect(rules.title('r1')).toBe('规则一');
    expect(rules.title('gone')).toBe('gone');
    expect(rules.severity('gone')).toBeNull();
    const w = {
      id: 1,
      ruleId: 'r1',
      subjectType: 'entry',
      subjectId: 3,
      period: '',
      villageId: 9,
      severity: 'high',
      state: 'resolved',
      summary: 's',
      evidence: JSON.stringify({ items: [{ type: 'entry', id: 3, label: 'e' }], facts: { n: 1 } }),
      amountFen: 100,
      caseId: 12,
      detectedAt: new Date('2026-01-01T00:00:00Z'),
      resolvedAt: new Date('2026-01-02T00:00:00Z'),
      resolvedOn: '2026-01-02',
      updatedAt: new Date('2026-01-02T00:00:00Z'),
    } as Warning;
    expect(toWarningDto(w, '上坂村', rules)).toMatchObject({
      ruleTitle: '规则一',
      villageName: '上坂村',
      state: 'resolved',
      resolvedOn: '2026-01-02',
      evidence: [{ type: 'entry', id: 3, label: 'e', path: '/pages/entry/index?id=3' }],
      facts: { n: 1 },
      caseId: 12,
      detectedAt: '2026-01-01T00:00:00.000Z',
    });
  });
});
