import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { todayInChina } from '@mingbai/shared';
import { Clock } from '../../../common/clock/clock';
import type { AuthUser } from '../../../common/auth/auth-user';
import { UsersRepository } from '../../users/users.repository';
import type { Report } from '../../reports/report.entity';
import { overdueOf } from '../../reports/routing/sla';
import { CasesRepository, type InboxFilter } from '../cases.repository';
import { CaseScope } from '../case-scope';
import { categoryLabel } from '../case-view';
import { inboxFilter } from '../inbox-filter';
import type { InboxCursor } from '../inbox-cursor';
import { DashboardService } from '../dashboard/dashboard.service';
import { RuleCatalog } from '../warnings/rule-catalog';
import type { ExportQueryDto } from '../dto/dashboard.dto';
import { REPORT_COLUMNS, WARNING_COLUMNS, type ExportColumn } from './export-columns';
import { csvStream, xlsxStream } from './sheet-writers';
import type { ExportCell } from './sheet-cells';

/** The most rows one export holds; beyond it the file says so in its last row (and the headers). */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE_ROWS = 500;

export interface CaseExport {
  body: Readable;
  contentType: string;
  /** ASCII fallback and the Chinese name (RFC 5987 filename*). */
  fileName: string;
  fileNameUtf8: string;
  total: number;
  rows: number;
  maxRows: number;
}

const LISTS = {
  warnings: { kind: 'warning', columns: WARNING_COLUMNS, title: '预警清单', ascii: 'warnings' },
  reports: { kind: 'report', columns: REPORT_COLUMNS, title: '举报清单', ascii: 'reports' },
} as const;

/**
 * The inbox's lists as CSV or XLSX files, filtered like the inbox and limited to the inspector's
 * scope. Rows are read page by page (keyset, newest first) while the file streams out, up to
 * EXPORT_MAX_ROWS.
 */
@Injectable()
export class CaseExportService {
  /** The row limit (a property so that tests can lower it). */
  maxRows = EXPORT_MAX_ROWS;

  constructor(
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly scope: CaseScope,
    private readonly users: UsersRepository,
    private readonly dashboard: DashboardService,
    private readonly rules: RuleCatalog,
  ) {}

  async export(user: AuthUser, q: ExportQueryDto): Promise<CaseExport> {
    const list = LISTS[q.list];
    const region = q.regionId !== undefined ? await this.dashboard.requireRegion(user, q.regionId) : null;
    const now = this.clock.now();
    const filter: InboxFilter = {
      ...inboxFilter(user, { ...q, kind: list.kind }, this.scope.pattern(user), now),
      regionPath: region ? `${region.path}%` : undefined,
    };
    const total = await this.cases.inboxCount(filter);
    const rows = Math.min(total, this.maxRows);
    const note = total > rows ? `（仅导出前 ${rows} 条，共 ${total} 条，请缩小筛选范围后再导出）` : null;
    const input = { title: list.title, columns: list.columns, rows: this.rows(filter, list.columns, rows, now), note };
    const day = todayInChina(now).replace(/-/g, '');
    return {
      body: q.format === 'csv' ? csvStream(input) : xlsxStream(input),
      contentType: q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName: `mingbai-${list.ascii}-${day}.${q.format}`,
      fileNameUtf8: `${list.title}-${day}.${q.format}`,
      total,
      rows,
      maxRows: this.maxRows,
    };
  }

  private async *rows(filter: InboxFilter, columns: ExportColumn[], max: number, now: Date): AsyncGenerator<ExportCell[]> {
    let cursor: InboxCursor | null = null;
    for (let done = 0; done < max;) {
      const page = await this.cases.inboxPage(filter, cursor, Math.min(PAGE_ROWS, max - done));
      if (page.length === 0) return;
      for (const row of await this.sources(page, now)) yield columns.map((c) => c.cell(row));
      done += page.length;
      const last = page[page.length - 1];
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  /** Names for one page of cases: villages, towns, offices, categories, findings, assignees. */
  private async sources(page: Report[], now: Date) {
    const regions = await this.cases.regions(page.flatMap((r) => [r.villageId, r.officeRegionId]));
    const parents = await this.cases.regions(
      [...regions.values()].flatMap((v) => (v.parentId && !regions.has(v.parentId) ? [v.parentId] : [])),
    );
    for (const [id, r] of parents) regions.set(id, r);
    const [categories, warnings, names] = await Promise.all([
      this.cases.categories(),
      this.cases.warningsByCase(page.flatMap((r) => (r.kind === 'warning' ? [r.id] : []))),
      this.users.displayNames([...new Set(page.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])))]),
    ]);
    return page.map((report) => {
      const village = regions.get(report.villageId);
      return {
        report,
        warning: warnings.get(report.id) ?? null,
        village,
        town: village?.level === 'town' ? village : village?.parentId ? regions.get(village.parentId) : undefined,
        office: regions.get(report.officeRegionId),
        categoryLabel: categoryLabel(categories, report.categoryCode, this.rules),
        assigneeName: report.assigneeId ? (names.get(report.assigneeId) ?? null) : null,
        overdue: report.duplicateOfId === null ? overdueOf(report, now) : null,
      };
    });
  }
}
