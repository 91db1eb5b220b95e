import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CASE_STATUSES, CASE_STATUS_LABELS, type CaseStatus, type DigestOfficeDto, type ReportStatsDto } from '@mingbai/shared';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { Region } from '../regions/region.entity';
import type { Report } from '../reports/report.entity';
import type { ReportCategory } from '../reports/report-category.entity';
import { DAY_MS, missedDue, overdueOf, startOfChinaDate, type Overdue } from '../reports/routing/sla';
import { CasesRepository } from './cases.repository';
import { CaseScope } from './case-scope';
import { categoryLabel } from './case-view';
import { RuleCatalog } from './warnings/rule-catalog';
import { medianDays } from './stats';
import type { StatsQueryDto } from './dto/case.dto';

/** One overdue report of a digest. */
export interface DigestItem {
  reportId: number;
  villageName: string;
  categoryLabel: string;
  status: CaseStatus;
  overdue: Overdue;
  dueAt: Date;
}

export interface DigestOffice {
  office: Region;
  items: DigestItem[];
}

/** Counts and medians over the reports of an inspector's offices, and the overdue digest. */
@Injectable()
export class CaseStatsService {
  constructor(
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly scope: CaseScope,
    private readonly rules: RuleCatalog,
  ) {}

  /**
   * Reports received from `from` to `to` (China dates, both included; by default this year up to
   * today), duplicates left out. Medians: days from receipt to acceptance and to conclusion, over
   * the reports that got there.
   */
  async stats(user: AuthUser, q: StatsQueryDto): Promise<ReportStatsDto> {
    const now = this.clock.now();
    const to = q.to ?? this.clock.today();
    const from = q.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to) throw new ValidationFailed([{ field: 'from', reason: 'must not be after to' }]);
    if (q.villageId !== undefined) {
      const village = await this.cases.findRegion(q.villageId);
      if (!village || village.level !== 'village') throw new NotFound('village');
    }
    const rows = await this.cases.statsRows({
      scope: this.scope.pattern(user),
      from: startOfChinaDate(from),
      until: new Date(startOfChinaDate(to).getTime() + DAY_MS),
      villageId: q.villageId,
      kind: q.kind,
    });
    const [categories, villages] = await Promise.all([this.cases.categories(), this.cases.regions(rows.map((r) => r.villageId))]);
    const tally = <K>(key: (r: (typeof rows)[number]) => K): Map<K, number> => {
      const m = new Map<K, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
      return m;
    };
    const byStatus = tally((r) => r.status);
    const byCategory = tally((r) => r.categoryCode);
    const byVillage = tally((r) => r.villageId);
    return {
      from,
      to,
      total: rows.length,
      byStatus: CASE_STATUSES.map((status) => ({ status, label: CASE_STATUS_LABELS[status], count: byStatus.get(status) ?? 0 })),
      byCategory: [...byCategory]
        .map(([code, count]) => ({ code, label: categoryLabel(categories, code, this.rules), count, order: categories.get(code)?.sortOrder ?? Number.MAX_SAFE_INTEGER }))
        .sort((a, b) => b.count - a.count || a.order - b.order)
        .map(({ code, label, count }) => ({ code, label, count })),
      byVillage: [...byVillage]
        .map(([villageId, count]) => ({ villageId, villageName: villages.get(villageId)?.name ?? '', count }))
        .sort((a, b) => b.count - a.count || a.villageId - b.villageId),
      overdue: rows.filter((r) => overdueOf(r, now) !== null).length,
      medianDaysToAccept: medianDays(rows, (r) => r.createdAt, (r) => r.acceptedAt),
      medianDaysToConclude: medianDays(rows, (r) => r.createdAt, (r) => r.concludedAt),
    };
  }

  /** Overdue reports per office within the inspector's region. */
  async digest(user: AuthUser): Promise<DigestOfficeDto[]> {
    const offices = await this.overdueByOffice(this.scope.pattern(user), this.clock.now());
    return offices.map(({ office, items }) => ({
      officeRegionId: office.id,
      officeName: office.name,
      overdue: items.map((i) => ({ id: i.reportId, villageName: i.villageName, categoryLabel: i.categoryLabel, status: i.status, overdue: i.overdue, dueAt: i.dueAt.toISOString() })),
    }));
  }

  /** Offices (within `scope`, a LIKE pattern on office paths; null: all) with their overdue reports, oldest due first. */
  async overdueByOffice(scope: string | null, now: Date, em?: EntityManager): Promise<DigestOffice[]> {
    const reports = await this.cases.overdue(scope, now, em);
    if (reports.length === 0) return [];
    const regions = await this.cases.regions(reports.flatMap((r) => [r.villageId, r.officeRegionId]), em);
    const categories = await this.cases.categories(em);
    const byOffice = new Map<number, DigestItem[]>();
    for (const r of reports) {
      const overdue = overdueOf(r, now);
      if (!overdue) continue;
      const items = byOffice.get(r.officeRegionId) ?? [];
      items.push(digestItem(r, overdue, regions, categories, this.rules));
      byOffice.set(r.officeRegionId, items);
    }
    return [...byOffice]
      .flatMap(([officeId, items]) => {
        const office = regions.get(officeId);
        return office ? [{ office, items: items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.reportId - b.reportId) }] : [];
      })
      .sort((a, b) => a.office.path.split('/').length - b.office.path.split('/').length || a.office.code.localeCompare(b.office.code));
  }
}

function digestItem(r: Report, overdue: Overdue, regions: Map<number, Region>, categories: Map<string, ReportCategory>, rules: RuleCatalog): DigestItem {
  return {
    reportId: r.id,
    villageName: regions.get(r.villageId)?.name ?? '',
    categoryLabel: categoryLabel(categories, r.categoryCode, rules),
    status: r.status,
    overdue,
    dueAt: missedDue(r, overdue),
  };
}
