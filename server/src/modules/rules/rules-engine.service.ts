import { Inject, Injectable, Logger } from '@nestjs/common';
import { todayInChina, type RuleRunDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { NotFound } from '../../common/errors/app-exception';
import { isUniqueViolation } from '../../database/unique-violation';
import { CaseRoutingService } from '../reports/routing/case-routing.service';
import { pathIds } from '../reports/routing/routing-rules';
import type { SlaDues } from '../reports/routing/sla';
import type { SupervisionRule, VillageScope } from './rule';
import { MYSQL_DIALECT, SQLITE_DIALECT, type SqlDialect } from './sql-dialect';
import { SUPERVISION_RULES } from './rules.tokens';
import { effectiveSetting, groupUnits, type EffectiveRuleSetting } from './effective-settings';
import { oneVillage, scopeOfGroup } from './village-scope';
import { planWarnings, prepareFindings, type PreparedFinding } from './warning-plan';
import { WarningsRepository, type CaseRoute } from './warnings.repository';
import { RuleSettingsRepository } from './rule-settings.repository';
import { RuleRunsRepository, toRuleRunDto, type RuleRunRow } from './rule-runs.repository';
import { RuleRegionsRepository, type RegionNode } from './rule-regions.repository';
import { Mutex } from './run-mutex';
import { chunks } from './sql-values';

/** Rows per transaction when writing warnings (a full run may find tens of thousands). */
export const CREATE_CHUNK = 500;
export const UPDATE_CHUNK = 500;
export const RESOLVE_CHUNK = 1000;

type RunMode = RuleRunRow['mode'];

/** One query's worth of a rule: the parameters and the villages (towns) they hold for. */
interface RuleGroup {
  setting: EffectiveRuleSetting;
  scope: VillageScope;
}

/** What one run learns once and reuses for every rule: regions and case deadlines per office. */
interface RunCache {
  now: Date;
  today: string;
  regions: Map<number, RegionNode>;
  dues: Map<number, SlaDues>;
}

interface Tally {
  findings: number;
  created: number;
  resolved: number;
}

/**
 * Runs the supervision rules and keeps `warnings` in step with what they find: a finding is a
 * warning keyed (rule, subject, period); a new one gets its case in the discipline office's inbox,
 * a changed one is updated, a resolved one found again is reopened, an open one not found again in
 * the villages examined is resolved with today's date. Regions' settings decide, per village,
 * whether a rule runs and with which parameters; villages with equal settings share one query.
 *
 * Runs of one instance never overlap (a mutex); between instances the unique warning key decides.
 * A rule that fails is recorded with its error and the others still run. Warnings of villages
 * where a rule is switched off are left as they are (switching off stops the rule, it does not
 * judge its earlier findings). No outbox event is written for new warnings: a first full run can
 * open thousands at once, and the offices see them in their inbox and dashboard.
 */
@Injectable()
export class RulesEngine {
  private readonly logger = new Logger('RulesEngine');
  private readonly mutex = new Mutex();
  readonly dialect: SqlDialect;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(SUPERVISION_RULES) readonly rules: readonly SupervisionRule[],
    private readonly warnings: WarningsRepository,
    private readonly settings: RuleSettingsRepository,
    private readonly runs: RuleRunsRepository,
    private readonly regions: RuleRegionsRepository,
    private readonly routing: CaseRoutingService,
  ) {
    this.dialect = db.isMysql ? MYSQL_DIALECT : SQLITE_DIALECT;
  }

  findRule(id: string): SupervisionRule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  /**
   * Every rule (or one) over every village, with each region's settings; `underPath` limits the
   * run to the villages and towns within one region (a manual run by that region's office).
   */
  runFull(mode: 'full' | 'manual', ruleId?: string, underPath?: string): Promise<RuleRunDto[]> {
    const rules = ruleId === undefined ? this.rules : this.rules.filter((r) => r.id === ruleId);
    if (rules.length === 0 && ruleId !== undefined) return Promise.reject(new NotFound('rule'));
    return this.mutex.run(async () => {
      const cache = this.newCache();
      const [villages, towns, settings] = await Promise.all([
        this.regions.ofLevel('village'),
        this.regions.ofLevel('town'),
        this.settings.load(),
      ]);
      for (const r of [...villages, ...towns]) cache.regions.set(r.id, r);
      const rows: RuleRunRow[] = [];
      for (const rule of rules) {
        const all = rule.level === 'town' ? towns : villages;
        const allIds = all.map((u) => u.id);
        const units = underPath === undefined ? all : all.filter((u) => u.path.startsWith(underPath));
        const groups = groupUnits(rule, units, settings.get(rule.id), pathIds).map((g) => ({
          setting: g.setting,
          scope: scopeOfGroup(g.ids, allIds),
        }));
        rows.push(await this.runRule(rule, mode, null, groups, cache));
      }
      await this.runs.record(rows);
      const totals = rows.reduce(
        (t, r) => ({ findings: t.findings + r.findings, created: t.created + r.created, resolved: t.resolved + r.resolved }),
        { findings: 0, created: 0, resolved: 0 },
      );
      this.logger.log(
        `${mode} run of ${rows.length} rules: ${totals.findings} findings, ${totals.created} new, ${totals.resolved} resolved, ${rows.filter((r) => r.error).length} failed`,
      );
      return rows.map(toRuleRunDto);
    });
  }

  /**
   * The incremental rules for one village (after its entries were published or its contracts
   * changed): only that village's findings and warnings. Rules comparing villages (town level,
   * or not incremental) wait for the daily run.
   */
  runVillage(villageId: number): Promise<RuleRunDto[]> {
    return this.mutex.run(async () => {
      const village = await this.regions.find(villageId);
      if (!village || village.level !== 'village') return [];
      const cache = this.newCache();
      cache.regions.set(village.id, village);
      const path = pathIds(village.path);
      const settings = await this.settings.load(path);
      const rows: RuleRunRow[] = [];
      for (const rule of this.rules) {
        if (!rule.incremental || rule.level !== 'village') continue;
        const setting = effectiveSetting(rule, path, settings.get(rule.id));
        if (!setting.enabled) continue;
        rows.push(await this.runRule(rule, 'incremental', villageId, [{ setting, scope: oneVillage(villageId) }], cache));
      }
      await this.runs.record(rows);
      return rows.map(toRuleRunDto);
    });
  }

  private newCache(): RunCache {
    const now = this.clock.now();
    return { now, today: todayInChina(now), regions: new Map(), dues: new Map() };
  }

  private async runRule(
    rule: SupervisionRule,
    mode: RunMode,
    villageId: number | null,
    groups: RuleGroup[],
    cache: RunCache,
  ): Promise<RuleRunRow> {
    const startedAt = this.clock.now();
    const t0 = performance.now();
    const tally: Tally = { findings: 0, created: 0, resolved: 0 };
    let error: string | null = null;
    try {
      for (const g of groups) {
        const findings = await rule.detect({
          em: this.db.manager,
          dialect: this.dialect,
          params: { ...g.setting.params },
          scope: g.scope,
          today: cache.today,
          now: cache.now,
        });
        await this.sync(rule, g.scope, prepareFindings(findings), cache, tally);
      }
    } catch (e) {
      error = describeError(e);
      // The name only: a message may quote data.
      this.logger.error(`rule ${rule.id} failed (${mode}): ${e instanceof Error ? e.name : 'unknown error'}`);
    }
    return { ruleId: rule.id, mode, villageId, startedAt, durationMs: Math.round(performance.now() - t0), ...tally, error };
  }

  /** Brings the rule's warnings in `scope` in line with its findings there. */
  private async sync(
    rule: SupervisionRule,
    scope: VillageScope,
    findings: PreparedFinding[],
    cache: RunCache,
    tally: Tally,
  ): Promise<void> {
    const plan = planWarnings(await this.warnings.stored(rule.id, scope), findings);
    tally.findings += findings.length;
    const routes = await this.routes(plan.create, rule.level, cache);
    for (const chunk of chunks(plan.create, CREATE_CHUNK)) tally.created += await this.createChunk(rule, chunk, routes, cache.now);
    for (const chunk of chunks(plan.update, UPDATE_CHUNK)) await this.db.transaction((em) => this.warnings.update(em, chunk, cache.now));
    for (const chunk of chunks(plan.reopen, UPDATE_CHUNK)) await this.db.transaction((em) => this.warnings.reopen(em, chunk, cache.now));
    for (const chunk of chunks(plan.resolve, RESOLVE_CHUNK))
      await this.db.transaction((em) => this.warnings.resolve(em, chunk, cache.now, cache.today));
    tally.resolved += plan.resolve.length;
  }

  /** One transaction of new warnings; keys another instance created meanwhile are skipped. */
  private async createChunk(rule: SupervisionRule, chunk: PreparedFinding[], routes: Map<string, CaseRoute>, now: Date): Promise<number> {
    let todo = chunk;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((em) => this.warnings.create(em, rule, todo, routes, now));
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 3) throw e;
        const present = await this.warnings.existingKeys(rule.id, todo);
        todo = todo.filter((f) => !present.has(f.key));
        if (todo.length === 0) return 0;
      }
    }
  }

  /**
   * The office and deadlines of each new warning's case: the village's town office (a town-level
   * warning: the town's), with the SLA of that office's path, counted from now.
   */
  private async routes(findings: PreparedFinding[], level: SupervisionRule['level'], cache: RunCache): Promise<Map<string, CaseRoute>> {
    const routes = new Map<string, CaseRoute>();
    if (findings.length === 0) return routes;
    const missing = [...new Set(findings.map((f) => f.villageId))].filter((id) => !cache.regions.has(id));
    for (const r of await this.regions.byIds(missing)) cache.regions.set(r.id, r);
    for (const f of findings) {
      const region = cache.regions.get(f.villageId);
      if (!region) throw new Error(`finding of an unknown region ${f.villageId}`);
      const officeRegionId = level === 'village' && region.level === 'village' && region.parentId !== null ? region.parentId : region.id;
      let dues = cache.dues.get(officeRegionId);
      if (!dues) {
        dues = await this.routing.duesFor(this.db.manager, officeRegionId, cache.now);
        cache.dues.set(officeRegionId, dues);
      }
      routes.set(f.key, { officeRegionId, ...dues });
    }
    return routes;
  }
}

/** What rule_runs.error keeps of a failure (the database holds it; logs get only the name). */
function describeError(e: unknown): string {
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return Array.from(text).slice(0, 500).join('');
}
