import { isWholeParamKind, RULE_SEVERITIES, ruleParamProblem } from '@mingbai/shared';
import { RULES } from './index';

describe('the supervision rules registry', () => {
  it('lists the 14 rules of issue 5 in the rules page order', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'rent-arrears',
      'contract-term-limit',
      'contract-no-tender',
      'contract-low-rent',
      'split-payments',
      'duplicate-payments',
      'large-cash',
      'missing-voucher',
      'conflict-of-interest',
      'cross-department',
      'benford',
      'round-amounts',
      'late-posting',
      'holiday-entries',
    ]);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s describes itself for villagers and officials', (_id, rule) => {
    expect(rule.id).toMatch(/^[a-z][a-z-]{1,39}$/);
    expect(rule.title).toMatch(/[\u4e00-\u9fff]/);
    expect(Array.from(rule.title).length).toBeLessThanOrEqual(20);
    expect(rule.explanation.match(/[\u4e00-\u9fff]/g)!.length).toBeGreaterThan(60);
    expect(RULE_SEVERITIES).toContain(rule.severity);
    expect(new Set(rule.params.map((p) => p.key)).size).toBe(rule.params.length);
    for (const p of rule.params) {
      expect(p.label).toMatch(/[\u4e00-\u9fff]/);
      expect(p.min).toBeLessThanOrEqual(p.max);
      expect(ruleParamProblem(p, p.defaultValue)).toBeNull();
      if (isWholeParamKind(p.kind)) expect(Number.isSafeInteger(p.min) && Number.isSafeInteger(p.max)).toBe(true);
    }
  });

  it('runs rules that compare villages with their town only in full', () => {
    for (const rule of RULES) if (rule.level === 'town' || rule.id === 'round-amounts') expect(rule.incremental).toBe(false);
    expect(RULES.filter((r) => r.level === 'town').map((r) => r.id)).toEqual(['benford']);
  });

  it('cites the Civil Code for the 20-year lease limit', () => {
    expect(RULES.find((r) => r.id === 'contract-term-limit')!.explanation).toContain('民法典第七百零五条');
  });
});
