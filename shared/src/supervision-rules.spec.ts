import { resolveRuleParams, ruleParamProblem, rulePrecision } from './supervision-rules';

describe('supervision rule parameters and precision', () => {
  const rule = {
    params: [
      { key: 'graceDays', label: '逾期天数', kind: 'days' as const, defaultValue: 60, min: 1, max: 365 },
      { key: 'limitFen', label: '现金支付限额', kind: 'fen' as const, defaultValue: 500_000, min: 1, max: 1e12 },
    ],
  };

  it('takes a region\'s valid overrides and keeps the defaults otherwise', () => {
    expect(resolveRuleParams(rule)).toEqual({ graceDays: 60, limitFen: 500_000 });
    expect(resolveRuleParams(rule, { graceDays: 90 })).toEqual({ graceDays: 90, limitFen: 500_000 });
    expect(resolveRuleParams(rule, { graceDays: 0, limitFen: Number.NaN, unknown: 5 })).toEqual({ graceDays: 60, limitFen: 500_000 });
  });

  it('keeps whole-number kinds whole and lets ratios and scores take fractions', () => {
    expect(resolveRuleParams(rule, { graceDays: 30.5 })).toEqual({ graceDays: 60, limitFen: 500_000 });
    const z = { kind: 'score' as const, min: 1, max: 10 };
    expect(ruleParamProblem(z, 2.5)).toBeNull();
    expect(ruleParamProblem({ kind: 'ratio', min: 0.001, max: 0.1 }, 0.015)).toBeNull();
    expect(ruleParamProblem({ kind: 'days', min: 1, max: 365 }, 7.5)).toBe('必须是整数');
    expect(ruleParamProblem(z, 11)).toBe('必须在 1 到 10 之间');
    expect(ruleParamProblem(z, '3')).toBe('必须是数字');
  });

  it('computes precision as substantiated over concluded', () => {
    expect(rulePrecision(3, 4)).toBe(0.75);
    expect(rulePrecision(0, 0)).toBeNull();
  });
});
