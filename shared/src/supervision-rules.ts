/**
 * The shape of a supervision rule (issue 5): each rule is one file on the server, described by this
 * data so the rules page, `docs/rules.md` and the mini-app can show what it looks for and why.
 */
export const RULE_SEVERITIES = ['low', 'medium', 'high'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
export const RULE_SEVERITY_LABELS: Record<RuleSeverity, string> = { low: '提示', medium: '关注', high: '重点' };

export type RuleParamKind = 'days' | 'fen' | 'count' | 'ratio' | 'years';

export interface RuleParamDefinition {
  key: string;
  /** What the parameter means, in Chinese for officials. */
  label: string;
  kind: RuleParamKind;
  defaultValue: number;
  min: number;
  max: number;
}

export interface RuleDefinition {
  /** Stable id, e.g. "rent-arrears". */
  id: string;
  title: string;
  /** Plain Chinese: what it looks for and why that matters. */
  explanation: string;
  severity: RuleSeverity;
  params: RuleParamDefinition[];
}

/** Parameter values for a region: the defaults, overridden by the region's own settings where valid. */
export function resolveRuleParams(rule: Pick<RuleDefinition, 'params'>, overrides: Record<string, number> = {}): Record<string, number> {
  const values: Record<string, number> = {};
  for (const p of rule.params) {
    const v = overrides[p.key];
    values[p.key] = typeof v === 'number' && Number.isFinite(v) && v >= p.min && v <= p.max ? v : p.defaultValue;
  }
  return values;
}

/** A rule's precision: substantiated ÷ concluded warnings, or null before any was concluded. */
export function rulePrecision(substantiated: number, concluded: number): number | null {
  if (concluded <= 0) return null;
  return Math.min(1, Math.max(0, substantiated / concluded));
}
