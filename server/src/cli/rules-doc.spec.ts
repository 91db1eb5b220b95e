import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../config/config';
import { RULES } from '../modules/rules/definitions';
import type { SupervisionRule } from '../modules/rules/rule';
import { renderRulesDoc, RULES_DOC_PATH } from './rules-doc';

const rule = (over: Partial<SupervisionRule>): SupervisionRule => ({
  id: 'demo-rule',
  title: '演示规则',
  explanation: '演示用：找出金额 | 超过阈值的账目。',
  severity: 'medium',
  params: [
    { key: 'limitFen', label: '金额上限', kind: 'fen', defaultValue: 200_000, min: 1, max: 100_000_000 },
    { key: 'madLimit', label: '偏差上限', kind: 'ratio', defaultValue: 0.015, min: 0.001, max: 0.1 },
  ],
  incremental: true,
  level: 'village',
  detect: async () => [],
  ...over,
});

describe('docs/rules.md', () => {
  it('is what `npm run docs:rules` generates from the rule files (run it after changing a rule)', () => {
    const file = join(repoRoot(), RULES_DOC_PATH);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(renderRulesDoc(RULES));
  });

  it('lists every rule with its explanation, severity, when it runs and its parameters', () => {
    const doc = renderRulesDoc([
      rule({}),
      rule({ id: 'town-rule', title: '全镇规则', severity: 'low', params: [], incremental: false, level: 'town' }),
    ]);
    expect(doc).toContain('| [`demo-rule`](#demo-rule) | 演示规则 | medium | incremental + daily |');
    expect(doc).toContain('| [`town-rule`](#town-rule) | 全镇规则 | low | daily |');
    expect(doc).toContain('## `demo-rule` — 演示规则');
    expect(doc).toContain('演示用：找出金额 | 超过阈值的账目。');
    expect(doc).toContain('- Severity: medium (关注)');
    expect(doc).toContain('| `limitFen` | 金额上限 | fen | 200,000 (2,000.00 yuan) | 1 – 100,000,000 |');
    expect(doc).toContain('| `madLimit` | 偏差上限 | ratio | 0.015 | 0.001 – 0.1 |');
    expect(doc).toContain('- Runs: daily (and on demand)');
    expect(doc).toContain('No parameters.');
    expect(renderRulesDoc([])).toContain('No rules are registered.');
  });

  it('has every registered rule, with an id that fits the case category (rule:<id>, 32 characters)', () => {
    const doc = renderRulesDoc(RULES);
    for (const r of RULES) {
      expect(doc).toContain(`## \`${r.id}\` — ${r.title}`);
      expect(r.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(r.id.length).toBeLessThanOrEqual(27);
    }
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});
