import { Injectable } from '@nestjs/common';
import {
  CASE_OUTCOMES,
  CASE_OUTCOME_LABELS,
  RULE_SEVERITY_LABELS,
  rulePrecision,
  type DashboardDto,
  type RuleSeverity,
} from '@mingbai/shared';
import { Clock } from '../../../common/clock/clock';
import type { AuthUser } from '../../../common/auth/auth-user';
import { NotFound, ValidationFailed } from '../../../common/errors/app-exception';
import type { Region } from '../../regions/region.entity';
import { DAY_MS, startOfChinaDate } from '../../reports/routing/sla';
import { RuleStatsRepository } from '../../rules/rule-stats.repository';
import { CasesRepository } from '../cases.repository';
import { CaseScope } from '../case-scope';
import { RuleCatalog } from '../warnings/rule-catalog';
import type { DashboardQueryDto } from '../dto/dashboard.dto';
import { DashboardRepository, type OpenGroup } from './dashboard.repository';

/** Severities, the most serious first. */
const SEVERITY_ORDER: RuleSeverity[] = ['high', 'medium', 'low'];
export const TOP_VILLAGES = 10;

/**
 * The discipline office's dashboard for one region within the inspector's own: what is open now
 * (open = not closed; overdue as in the inbox), what was concluded in the period (substantiated
 * cases, amounts recovered, outcomes) and the rules ranked by precision (over all their concluded
 * warnings in the region).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly scope: CaseScope,
    private readonly dashboard: DashboardRepository,
    private readonly ruleStats: RuleStatsRepository,
    private readonly rules: RuleCatalog,
  ) {}

  /** The region asked about (default the inspector's own), when the inspector covers it; else 404. */
  async requireRegion(user: AuthUser, regionId: number | undefined): Promise<Region> {
    const id = regionId ?? user.regionId;
    const region = id ? await this.cases.findRegion(id) : null;
    if (!region || !this.scope.covers(user, region)) throw new NotFound('region');
    return region;
  }

  async dashboardOf(user: AuthUser, q: DashboardQueryDto): Promise<DashboardDto> {
    const region = await this.requireRegion(user, q.regionId);
    const to = q.to ?? this.clock.today();
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to) throw new ValidationFailed([{ field: 'from', reason: 'must not be after to' }]);
    const s = { scope: this.scope.pattern(user), region: `${region.path}%` };
    const [open, conclusions, ruleCounts] = await Promise.all([
      this.dashboard.openGroups(s, this.clock.now()),
      this.dashboard.conclusions(s, startOfChinaDate(from), new Date(startOfChinaDate(to).getTime() + DAY_MS)),
      this.ruleStats.caseCountsByRule(s.region),
    ]);
    const sum = (rows: OpenGroup[], pick: (g: OpenGroup) => number) => rows.reduce((n, g) => n + pick(g), 0);
    const warnings = open.filter((g) => g.kind === 'warning');
    const reports = open.filter((g) => g.kind === 'report');
    const substantiated = (kind: 'warning' | 'report') =>
      conclusions.filter((c) => c.kind === kind && c.outcome !== 'not_substantiated').reduce((n, c) => n + c.count, 0);
    return {
      regionId: region.id,
      regionName: region.name,
      from,
      to,
      openWarnings: sum(warnings, (g) => g.open),
      openReports: sum(reports, (g) => g.open),
      overdue: { warnings: sum(warnings, (g) => g.overdue), reports: sum(reports, (g) => g.overdue) },
      substantiated: { warnings: substantiated('warning'), reports: substantiated('report') },
      amountRecoveredFen: conclusions.reduce((n, c) => n + c.amountRecoveredFen, 0),
      bySeverity: SEVERITY_ORDER.map((severity) => ({
        severity,
        label: RULE_SEVERITY_LABELS[severity],
        open: sum(
          warnings.filter((g) => g.severity === severity),
          (g) => g.open,
        ),
      })),
      topVillages: await this.topVillages(open),
      rules: this.rankedRules(ruleCounts),
      outcomes: CASE_OUTCOMES.map((outcome) => ({
        outcome,
        label: CASE_OUTCOME_LABELS[outcome],
        count: conclusions.filter((c) => c.outcome === outcome).reduce((n, c) => n + c.count, 0),
      })),
    };
  }

  /** Villages with the most open cases (town-wide warnings are counted above, but a town is not a village). */
  private async topVillages(open: OpenGroup[]): Promise<DashboardDto['topVillages']> {
    const byVillage = new Map<number, { openWarnings: number; openReports: number; amountFen: number }>();
    for (const g of open) {
      if (g.level !== 'village') continue;
      const v = byVillage.get(g.villageId) ?? { openWarnings: 0, openReports: 0, amountFen: 0 };
      if (g.kind === 'warning') v.openWarnings += g.open;
      else v.openReports += g.open;
      v.amountFen += g.amountFen;
      byVillage.set(g.villageId, v);
    }
    const top = [...byVillage]
      .sort(([ia, a], [ib, b]) => b.openWarnings + b.openReports - (a.openWarnings + a.openReports) || b.amountFen - a.amountFen || ia - ib)
      .slice(0, TOP_VILLAGES);
    const villages = await this.cases.regions(top.map(([id]) => id));
    const towns = await this.cases.regions([...villages.values()].flatMap((v) => (v.parentId ? [v.parentId] : [])));
    return top.map(([villageId, v]) => {
      const village = villages.get(villageId);
      return {
        villageId,
        villageName: village?.name ?? '',
        townName: (village?.parentId && towns.get(village.parentId)?.name) || '',
        ...v,
      };
    });
  }

  /** Every rule with its counts in the region, the most precise first (rules never concluded last). */
  private rankedRules(counts: Map<string, { open: number; concluded: number; substantiated: number }>): DashboardDto['rules'] {
    const known = this.rules.all();
    const ids = [...known.map((r) => r.id), ...[...counts.keys()].filter((id) => !known.some((r) => r.id === id)).sort()];
    const order = new Map(ids.map((id, i) => [id, i]));
    return ids
      .map((ruleId) => {
        const c = counts.get(ruleId) ?? { open: 0, concluded: 0, substantiated: 0 };
        return {
          ruleId,
          title: this.rules.title(ruleId),
          severity: this.rules.severity(ruleId) ?? 'low',
          ...c,
          precision: rulePrecision(c.substantiated, c.concluded),
        };
      })
      .sort(
        (a, b) =>
          (b.precision ?? -1) - (a.precision ?? -1) ||
          b.concluded - a.concluded ||
          b.open - a.open ||
          order.get(a.ruleId)! - order.get(b.ruleId)!,
      );
  }
}
