/**
 * The shape of a supervision rule (issue 5): each rule is one file on the server, described by this
 * data so the rules page, `docs/rules.md` and the mini-app can show what it looks for and why.
 */
export const RULE_SEVERITIES = ['low', 'medium', 'high'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
export const RULE_SEVERITY_LABELS: Record<RuleSeverity, string> = { low: '提示', medium: '关注', high: '重点' };

/**
 * days, fen, count and years are whole numbers; ratio is a share or multiple (0.5, 1.5, 0.015);
 * score is a test statistic (a z value).
 */
export const RULE_PARAM_KINDS = ['days', 'fen', 'count', 'ratio', 'years', 'score'] as const;
export type RuleParamKind = (typeof RULE_PARAM_KINDS)[number];

/** Whether values of a parameter kind must be whole numbers. */
export function isWholeParamKind(kind: RuleParamKind): boolean {
  return kind !== 'ratio' && kind !== 'score';
}

/** Why `value` is not acceptable for parameter `p`, or null when it is. */
export function ruleParamProblem(p: Pick<RuleParamDefinition, 'kind' | 'min' | 'max'>, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '必须是数字';
  if (isWholeParamKind(p.kind) && !Number.isSafeInteger(value)) return '必须是整数';
  if (value < p.min || value > p.max) return `必须在 ${p.min} 到 ${p.max} 之间`;
  return null;
}

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
    values[p.key] = ruleParamProblem(p, v) === null ? v : p.defaultValue;
  }
  return values;
}

/** A rule's precision: substantiated ÷ concluded warnings, or null before any was concluded. */
export function rulePrecision(substantiated: number, concluded: number): number | null {
  if (concluded <= 0) return null;
  return Math.min(1, Math.max(0, substantiated / concluded));
}
