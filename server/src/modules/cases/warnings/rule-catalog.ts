import type { RuleSeverity } from '@mingbai/shared';
import { RULES } from '../../rules/definitions';

/** A warning case's category_code is 'rule:<ruleId>'. */
export const RULE_CATEGORY_PREFIX = 'rule:';

export function ruleCategoryCode(ruleId: string): string {
  return `${RULE_CATEGORY_PREFIX}${ruleId}`;
}

/** The rule id of a warning case's category code; null for a report category. */
export function ruleIdOf(categoryCode: string): string | null {
  return categoryCode.startsWith(RULE_CATEGORY_PREFIX) ? categoryCode.slice(RULE_CATEGORY_PREFIX.length) : null;
}

export interface RuleInfo {
  id: string;
  title: string;
  severity: RuleSeverity;
}

/**
 * What the discipline office's views need of the rules: titles and severities from the rules
 * registry. A rule no longer shipped keeps its id as its title, so old warnings still read.
 */
export class RuleCatalog {
  private readonly byId: Map<string, RuleInfo>;

  constructor(rules: readonly RuleInfo[] = RULES) {
    this.byId = new Map(rules.map((r) => [r.id, { id: r.id, title: r.title, severity: r.severity }]));
  }

  all(): RuleInfo[] {
    return [...this.byId.values()];
  }

  title(ruleId: string): string {
    return this.byId.get(ruleId)?.title ?? ruleId;
  }

  severity(ruleId: string): RuleSeverity | null {
    return this.byId.get(ruleId)?.severity ?? null;
  }
}
