import { resolveRuleParams, ruleParamProblem, type RuleDefinition } from '@mingbai/shared';

/** A region's own row of rule_settings for one rule (params as stored: only the keys it sets). */
export interface StoredRuleSetting {
  regionId: number;
  enabled: boolean;
  params: Record<string, unknown>;
}

/** What a rule runs with for one village (or town): on or off, and every parameter's value. */
export interface EffectiveRuleSetting {
  enabled: boolean;
  params: Record<string, number>;
}

/**
 * The setting of a rule for the region at the end of `pathIds` (root first): the nearest region
 * with a row decides `enabled`; each parameter takes the nearest valid value set along the path,
 * else the rule's default. No row anywhere: enabled with the defaults.
 */
export function effectiveSetting(
  rule: Pick<RuleDefinition, 'params'>,
  pathIds: readonly number[],
  settings: ReadonlyMap<number, StoredRuleSetting> | undefined,
): EffectiveRuleSetting {
  let enabled = true;
  const overrides: Record<string, number> = {};
  for (const regionId of pathIds) {
    const s = settings?.get(regionId);
    if (!s) continue;
    enabled = s.enabled;
    for (const p of rule.params) {
      const v = s.params[p.key];
      if (ruleParamProblem(p, v) === null) overrides[p.key] = v as number;
    }
  }
  return { enabled, params: resolveRuleParams(rule, overrides) };
}

/** A stable text key of a setting: villages with equal keys can be examined in one query. */
export function settingKey(s: EffectiveRuleSetting): string {
  return JSON.stringify([
    s.enabled,
    Object.keys(s.params)
      .sort()
      .map((k) => [k, s.params[k]]),
  ]);
}

/** A village or town the engine examines: its id and region path. */
export interface ScopeUnit {
  id: number;
  path: string;
}

export interface UnitGroup {
  setting: EffectiveRuleSetting;
  ids: number[];
}

/**
 * Villages (or towns) grouped by identical effective settings, biggest group first; the ids of
 * units where the rule is switched off are left out of every group.
 */
export function groupUnits(
  rule: Pick<RuleDefinition, 'params'>,
  units: readonly ScopeUnit[],
  settings: ReadonlyMap<number, StoredRuleSetting> | undefined,
  pathIdsOf: (path: string) => number[],
): UnitGroup[] {
  const groups = new Map<string, UnitGroup>();
  for (const u of units) {
    const setting = effectiveSetting(rule, pathIdsOf(u.path), settings);
    if (!setting.enabled) continue;
    const key = settingKey(setting);
    const g = groups.get(key);
    if (g) g.ids.push(u.id);
    else groups.set(key, { setting, ids: [u.id] });
  }
  return [...groups.values()].sort((a, b) => b.ids.length - a.ids.length);
}
