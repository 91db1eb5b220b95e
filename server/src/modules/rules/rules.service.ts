import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { rulePrecision, ruleParamProblem, type RuleDefinition, type RuleDto, type RuleRunDto } from '@mingbai/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { Clock } from '../../common/clock/clock';
import { NotFound, ValidationFailed, type FieldDetail } from '../../common/errors/app-exception';
import type { Versioned } from '../../common/http/public-cache';
import { Db } from '../../database/db.service';
import { pathIds } from '../reports/routing/routing-rules';
import type { SupervisionRule } from './rule';
import { RulesEngine } from './rules-engine.service';
import { RuleStatsRepository } from './rule-stats.repository';
import { RuleSettingsRepository } from './rule-settings.repository';
import { RuleRunsRepository, toRuleRunDto } from './rule-runs.repository';
import { RuleRegionsRepository, type RegionNode } from './rule-regions.repository';
import { effectiveSetting } from './effective-settings';
import type { RuleSettingsDto } from './dto/rules.dto';

/** A rule as anyone may read it: what it looks for, its parameters, and when it runs. */
export interface PublicRuleDto extends RuleDefinition {
  incremental: boolean;
  level: SupervisionRule['level'];
}

export function publicRule(r: SupervisionRule): PublicRuleDto {
  return {
    id: r.id,
    title: r.title,
    explanation: r.explanation,
    severity: r.severity,
    params: r.params.map((p) => ({ ...p })),
    incremental: r.incremental,
    level: r.level,
  };
}

/** The rules pages: the public list, and for inspectors each rule's settings, precision and last run in a region. */
@Injectable()
export class RulesService {
  private definitionsBody: { rules: readonly SupervisionRule[]; body: Versioned<PublicRuleDto[]> } | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly engine: RulesEngine,
    private readonly stats: RuleStatsRepository,
    private readonly settings: RuleSettingsRepository,
    private readonly runs: RuleRunsRepository,
    private readonly regions: RuleRegionsRepository,
  ) {}

  /** The rule definitions (they change only with a new release: one body and ETag per process). */
  definitions(): Versioned<PublicRuleDto[]> {
    const rules = this.engine.rules;
    if (this.definitionsBody?.rules !== rules) {
      const json = JSON.stringify(rules.map(publicRule));
      this.definitionsBody = { rules, body: { json, etag: `W/"${createHash('sha1').update(json).digest('base64url').slice(0, 20)}"` } };
    }
    return this.definitionsBody.body;
  }

  /** Every rule as it applies to the region (default: the inspector's own). */
  async list(user: AuthUser, regionId?: number): Promise<RuleDto[]> {
    const region = await this.requireRegion(user, regionId ?? user.regionId);
    const path = pathIds(region.path);
    const [settings, counts, latest] = await Promise.all([
      this.settings.load(path),
      this.stats.caseCountsByRule(`${region.path}%`),
      this.runs.latest(),
    ]);
    return this.engine.rules.map((rule) => {
      const setting = effectiveSetting(rule, path, settings.get(rule.id));
      const c = counts.get(rule.id) ?? { open: 0, concluded: 0, substantiated: 0 };
      const last = latest.get(rule.id);
      return {
        ...publicRule(rule),
        effectiveParams: setting.params,
        enabled: setting.enabled,
        precision: rulePrecision(c.substantiated, c.concluded),
        concluded: c.concluded,
        substantiated: c.substantiated,
        openWarnings: c.open,
        lastRun: last ? toRuleRunDto(last) : null,
      };
    });
  }

  /**
   * Sets a region's own switch and parameters for a rule (the region within the inspector's own).
   * Unknown keys and values outside a parameter's range are refused, naming `params.<key>`.
   */
  async saveSettings(user: AuthUser, ruleId: string, dto: RuleSettingsDto): Promise<RuleDto> {
    const rule = this.engine.findRule(ruleId);
    if (!rule) throw new NotFound('rule');
    const problems: FieldDetail[] = [];
    for (const [key, value] of Object.entries(dto.params)) {
      const def = rule.params.find((p) => p.key === key);
      const problem = def ? ruleParamProblem(def, value) : '不是该规则的参数';
      if (problem) problems.push({ field: `params.${key}`, reason: problem });
    }
    if (problems.length) throw new ValidationFailed(problems);
    const region = await this.requireRegion(user, dto.regionId);
    await this.db.transaction((em) =>
      this.settings.save(em, {
        regionId: region.id,
        ruleId,
        enabled: dto.enabled,
        params: { ...dto.params },
        updatedBy: user.id,
        at: this.clock.now(),
      }),
    );
    return (await this.list(user, region.id)).find((r) => r.id === ruleId)!;
  }

  /**
   * A full run now, of one rule or all, over the villages (and towns) within the inspector's own
   * region only: a town office neither loads the whole installation nor learns other regions' counts.
   */
  run(user: AuthUser, ruleId?: string): Promise<RuleRunDto[]> {
    if (user.regionPath === null) throw new NotFound('region');
    return this.engine.runFull('manual', ruleId, user.regionPath);
  }

  /** The region, when it is the inspector's own or below it; otherwise 404. */
  private async requireRegion(user: AuthUser, regionId: number | null): Promise<RegionNode> {
    const region = regionId === null ? null : await this.regions.find(regionId);
    if (!region || user.regionPath === null || !region.path.startsWith(user.regionPath)) throw new NotFound('region');
    return region;
  }
}
