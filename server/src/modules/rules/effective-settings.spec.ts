import type { RuleDefinition } from '@mingbai/shared';
import { effectiveSetting, groupUnits, settingKey, type StoredRuleSetting } from './effective-settings';

const RULE: Pick<RuleDefinition, 'params'> = {
  params: [
    { key: 'graceDays', label: '宽限天数', kind: 'days', defaultValue: 60, min: 0, max: 365 },
    { key: 'ratio', label: '比例', kind: 'ratio', defaultValue: 0.5, min: 0.1, max: 1 },
  ],
};

const settings = (...rows: [number, boolean, Record<string, unknown>][]): Map<number, StoredRuleSetting> =>
  new Map(rows.map(([regionId, enabled, params]) => [regionId, { regionId, enabled, params }]));
const ids = (path: string): number[] => path.split('/').filter(Boolean).map(Number);

describe('effectiveSetting', () => {
  it('is on with the defaults when no region on the path has a row', () => {
    expect(effectiveSetting(RULE, [1, 2, 3], undefined)).toEqual({ enabled: true, params: { graceDays: 60, ratio: 0.5 } });
    expect(effectiveSetting(RULE, [1, 2, 3], settings([9, false, { graceDays: 1 }]))).toEqual({
      enabled: true,
      params: { graceDays: 60, ratio: 0.5 },
    });
  });

  it('takes each parameter from the nearest region that sets it, and the switch from the nearest row', () => {
    const s = settings([1, false, { graceDays: 90, ratio: 0.2 }], [2, true, { graceDays: 30 }], [3, true, {}]);
    expect(effectiveSetting(RULE, [1], s)).toEqual({ enabled: false, params: { graceDays: 90, ratio: 0.2 } });
    expect(effectiveSetting(RULE, [1, 2], s)).toEqual({ enabled: true, params: { graceDays: 30, ratio: 0.2 } });
    expect(effectiveSetting(RULE, [1, 2, 3], s)).toEqual({ enabled: true, params: { graceDays: 30, ratio: 0.2 } });
  });

  it('skips values that are no longer valid (out of range, not whole, not numbers) in favour of the next region up', () => {
    const s = settings([1, true, { graceDays: 90 }], [2, true, { graceDays: 400, ratio: 'x' }], [3, true, { graceDays: 7.5 }]);
    expect(effectiveSetting(RULE, [1, 2, 3], s)).toEqual({ enabled: true, params: { graceDays: 90, ratio: 0.5 } });
  });
});

describe('groupUnits', () => {
  it('puts villages with equal settings together, the biggest group first, and leaves out switched-off ones', () => {
    const units = [
      { id: 11, path: '/1/2/11/' },
      { id: 12, path: '/1/2/12/' },
      { id: 13, path: '/1/3/13/' },
      { id: 14, path: '/1/3/14/' },
      { id: 15, path: '/1/4/15/' },
    ];
    const s = settings([3, true, { graceDays: 30 }], [4, false, {}], [12, true, { graceDays: 30 }]);
    expect(groupUnits(RULE, units, s, ids)).toEqual([
      { setting: { enabled: true, params: { graceDays: 30, ratio: 0.5 } }, ids: [12, 13, 14] },
      { setting: { enabled: true, params: { graceDays: 60, ratio: 0.5 } }, ids: [11] },
    ]);
    expect(groupUnits(RULE, units, undefined, ids)).toEqual([
      { setting: { enabled: true, params: { graceDays: 60, ratio: 0.5 } }, ids: [11, 12, 13, 14, 15] },
    ]);
  });

  it('keys settings independently of the order of their parameters', () => {
    expect(settingKey({ enabled: true, params: { a: 1, b: 2 } })).toBe(settingKey({ enabled: true, params: { b: 2, a: 1 } }));
    expect(settingKey({ enabled: true, params: { a: 1 } })).not.toBe(settingKey({ enabled: false, params: { a: 1 } }));
  });
});
