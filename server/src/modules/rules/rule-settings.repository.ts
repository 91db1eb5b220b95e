import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/unique-violation';
import { RuleSetting } from './rule-setting.entity';
import type { StoredRuleSetting } from './effective-settings';

/** Settings by rule id, then by region id. */
export type SettingsByRule = Map<string, Map<number, StoredRuleSetting>>;

/** rule_settings: regions' own parameters and switches for rules. */
@Injectable()
export class RuleSettingsRepository {
  constructor(private readonly db: Db) {}

  /** Every region's settings, or those of these regions only. */
  async load(regionIds?: readonly number[], em: EntityManager = this.db.manager): Promise<SettingsByRule> {
    const qb = em.createQueryBuilder(RuleSetting, 's');
    if (regionIds) {
      if (regionIds.length === 0) return new Map();
      qb.where('s.region_id IN (:...ids)', { ids: [...regionIds] });
    }
    const out: SettingsByRule = new Map();
    for (const row of await qb.getMany()) {
      const byRegion = out.get(row.ruleId) ?? new Map<number, StoredRuleSetting>();
      byRegion.set(row.regionId, { regionId: row.regionId, enabled: Boolean(row.enabled), params: parseParams(row.params) });
      out.set(row.ruleId, byRegion);
    }
    return out;
  }

  /** Sets the region's row for the rule (params exactly as given: absent keys inherit). */
  async save(
    em: EntityManager,
    row: { regionId: number; ruleId: string; enabled: boolean; params: Record<string, number>; updatedBy: number; at: Date },
  ): Promise<void> {
    const values = { enabled: row.enabled, params: JSON.stringify(row.params), updatedBy: row.updatedBy, updatedAt: row.at };
    const done = await em.update(RuleSetting, { regionId: row.regionId, ruleId: row.ruleId }, values);
    if (done.affected) return;
    try {
      await em.insert(RuleSetting, { regionId: row.regionId, ruleId: row.ruleId, ...values });
    } catch (e) {
      // Another instance inserted the row a moment ago: this later change wins.
      if (!isUniqueViolation(e)) throw e;
      await em.update(RuleSetting, { regionId: row.regionId, ruleId: row.ruleId }, values);
    }
  }
}

function parseParams(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
