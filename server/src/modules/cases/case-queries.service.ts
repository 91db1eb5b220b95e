import { Inject, Injectable } from '@nestjs/common';
import {
  caseActionsFrom,
  checkCaseTransition,
  type InboxPage,
  type InspectorDto,
  type OfficeDto,
  type ReportDetailDto,
  type RevealAuditDto,
} from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotFound } from '../../common/errors/app-exception';
import { UsersRepository } from '../users/users.repository';
import type { Region } from '../regions/region.entity';
import type { Report } from '../reports/report.entity';
import { ReportThreadService } from '../reports/report-thread.service';
import { pathIds } from '../reports/routing/routing-rules';
import { CasesRepository } from './cases.repository';
import { CaseScope } from './case-scope';
import { CaseContext, excerpt, linkedSubject, toEventDto, toInboxItem } from './case-view';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
import type { InboxQueryDto } from './dto/case.dto';
import { CaseLinksService } from './links/case-links.service';
import { RuleCatalog } from './warnings/rule-catalog';
import { toWarningDto } from './warnings/warning-view';
import { inboxFilter } from './inbox-filter';

/** What inspectors read: the inbox, a case (a report, or a warning with its finding; either with its links), the reveal log, colleagues and offices. */
@Injectable()
export class CaseQueriesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly cases: CasesRepository,
    private readonly scope: CaseScope,
    private readonly users: UsersRepository,
    private readonly threads: ReportThreadService,
    private readonly links: CaseLinksService,
    private readonly rules: RuleCatalog,
  ) {}

  /** Newest first; duplicates are left out (the original lists them). */
  async inbox(user: AuthUser, q: InboxQueryDto): Promise<InboxPage> {
    const limit = q.limit ?? 20;
    const cursor = q.cursor ? decodeInboxCursor(q.cursor) : null;
    const now = this.clock.now();
    const { rows, total } = await this.cases.inbox(inboxFilter(user, q, this.scope.pattern(user), now), cursor, limit + 1);
    const page = rows.slice(0, limit);
    const ctx = await this.context(page, now);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toInboxItem(r, ctx)),
      nextCursor: rows.length > limit ? encodeInboxCursor({ createdAt: last.createdAt, id: last.id }) : null,
      total,
    };
  }

  async detail(user: AuthUser, id: number): Promise<ReportDetailDto> {
    const { report } = await this.scope.requireReport(user, id);
    return this.build(report, this.scope.pattern(user));
  }

  /**
   * The case after an inspector's action, with no scope check: the caller was in scope when acting
   * (a transfer may just have moved the report out of it; the answer shows what they left).
   */
  async detailOf(user: AuthUser, id: number): Promise<ReportDetailDto> {
    const report = await this.cases.findReport(id);
    if (!report) throw new NotFound('report');
    return this.build(report, this.scope.pattern(user));
  }

  /** The case as an inspector whose office scope is `scope` reads it (links to cases outside it are left out). */
  private async build(r: Report, scope: string): Promise<ReportDetailDto> {
    const id = r.id;
    const subjectId = r.subjectId;
    const [events, messages, photos, duplicates, entry, contract, asset] = await Promise.all([
      this.cases.events(id),
      this.threads.messagesOf(id),
      this.threads.photosOf(id),
      this.cases.duplicatesOf(id),
      r.subjectType === 'entry' && subjectId !== null ? this.cases.findEntry(subjectId) : null,
      r.subjectType === 'contract' && subjectId !== null ? this.cases.findContract(subjectId) : null,
      r.subjectType === 'asset' && subjectId !== null ? this.cases.findAsset(subjectId) : null,
    ]);
    const ctx = await this.context([r], this.clock.now(), [...events.flatMap((e) => (e.actorId ? [e.actorId] : []))]);
    const warning = ctx.warnings.get(id) ?? null;
    const links = await this.links.linksOf(r, warning, scope);
    const village = ctx.regions.get(r.villageId);
    // A duplicate follows the original's case: nothing to do on it.
    const allowedActions = r.duplicateOfId !== null ? [] : caseActionsFrom(r.status).filter((action) => this.possible(r, action));
    return {
      ...toInboxItem(r, ctx),
      text: r.text,
      subject: linkedSubject(r, village, { entry, contract, asset }),
      photos,
      messages,
      events: events.map((e) => toEventDto(e, ctx.userNames)),
      warning: warning ? toWarningDto(warning, village?.name ?? '', this.rules) : null,
      links,
      outcome: r.outcome,
      amountRecoveredFen: r.amountRecoveredFen,
      allowedActions,
      duplicates: duplicates.map((d) => ({ id: d.id, createdAt: d.createdAt.toISOString(), excerpt: excerpt(d.text) })),
      duplicateOfId: r.duplicateOfId,
      notifiable: this.config.reports.subscribeTemplateId !== null && r.identitySealed !== null && r.notifyCredits > 0,
    };
  }

  async reveals(user: AuthUser, id: number): Promise<RevealAuditDto[]> {
    await this.scope.requireReport(user, id);
    const rows = await this.cases.reveals(id);
    const names = await this.users.displayNames([...new Set(rows.map((r) => r.userId))]);
    return rows.map((r) => ({ id: r.id, at: r.createdAt.toISOString(), inspectorName: names.get(r.userId) ?? '', reason: r.reason }));
  }

  /**
   * Inspectors to assign reports to: those above the caller (whose scope covers the caller's) and
   * those within the caller's region.
   */
  async colleagues(user: AuthUser): Promise<InspectorDto[]> {
    if (!user.regionPath) return [];
    const mine = user.regionPath;
    return (await this.cases.inspectors())
      .filter(({ region }) => region.path.startsWith(mine) || mine.startsWith(region.path))
      .sort((a, b) => a.region.path.length - b.region.path.length || a.user.id - b.user.id)
      .map(({ user: u, region }) => ({ id: u.id, displayName: u.displayName, regionName: region.name }));
  }

  /** Transfer targets: towns and counties within the caller's region, and the counties above it. */
  async offices(user: AuthUser): Promise<OfficeDto[]> {
    if (!user.regionPath) return [];
    const [within, above] = await Promise.all([this.cases.officesUnder(user.regionPath), this.cases.regions(pathIds(user.regionPath))]);
    const counties = [...above.values()].filter((r) => r.level === 'county' && !within.some((w) => w.id === r.id));
    return [...counties, ...within]
      .sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.code.localeCompare(b.code))
      .map((r) => ({ id: r.id, name: r.name, level: r.level as OfficeDto['level'] }));
  }

  /** Names of villages, towns, offices, categories and people for a set of reports. */
  async context(reports: Report[], now: Date, extraUserIds: number[] = []): Promise<CaseContext> {
    const regions = await this.cases.regions(reports.flatMap((r) => [r.villageId, r.officeRegionId]));
    const towns = await this.cases.regions(reports.flatMap((r) => regions.get(r.villageId)?.parentId ?? []).filter((id) => !regions.has(id)));
    const all = new Map<number, Region>([...regions, ...towns]);
    const userIds = [...new Set([...reports.flatMap((r) => (r.assigneeId ? [r.assigneeId] : [])), ...extraUserIds])];
    const ids = reports.map((r) => r.id);
    const warningCases = reports.flatMap((r) => (r.kind === 'warning' ? [r.id] : []));
    const [categories, userNames, counts, photos, warnings] = await Promise.all([
      this.cases.categories(),
      this.users.displayNames(userIds),
      this.cases.counts(ids),
      this.threads.photoCounts(ids),
      this.cases.warningsByCase(warningCases),
    ]);
    return { regions: all, categories, warnings, rules: this.rules, userNames, counts: { ...counts, photos }, now };
  }

  /** Whether an action is open to the case, given what is known of it (a case not substantiated needs no rectification). */
  private possible(r: Report, action: ReturnType<typeof caseActionsFrom>[number]): boolean {
    const problems = checkCaseTransition(r.status, { action, note: 'x', outcome: action === 'conclude' ? 'substantiated' : null }, r.outcome);
    return problems.length === 0;
  }
}
