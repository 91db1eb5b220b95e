import { Injectable } from '@nestjs/common';
import { CASE_STATUS_LABELS, type MyReportDto, type ReporterViewDto, type ReportTimelineItemDto } from '@mingbai/shared';
import { NotFound } from '../../common/errors/app-exception';
import type { AuthVillager } from '../../common/auth/auth-villager';
import { ReportsRepository } from './reports.repository';
import { ReportThreadService } from './report-thread.service';
import { ReportCategoriesService } from './report-categories.service';
import { ReceiptResolver } from './receipt-resolver';
import type { Report } from './report.entity';
import type { ReportEvent, ReportEventAction } from './report-event.entity';
import { excerpt } from './report-text';

/** Case steps the reporter sees; assignment is the office's internal business. */
const REPORTER_ACTIONS = new Set<ReportEventAction>(['submitted', 'transferred', 'accept', 'decline', 'investigate', 'conclude', 'require_rectification', 'confirm_rectified', 'close']);
/** Notes written for the reporter: the reason for declining, the findings, the closing reply. */
const NOTE_FOR_REPORTER = new Set<ReportEventAction>(['decline', 'conclude', 'close']);

/**
 * What a reporter sees: by receipt code, or as the signed-in villager of a named report
 * (我的举报). A duplicate shows its own text and photos with the ORIGINAL case's status,
 * timeline and office replies.
 */
@Injectable()
export class ReporterViewsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly threads: ReportThreadService,
    private readonly categories: ReportCategoriesService,
    private readonly receipts: ReceiptResolver,
  ) {}

  async lookup(ip: string, receiptCode: string): Promise<ReporterViewDto> {
    return this.view(await this.receipts.resolve(ip, receiptCode));
  }

  /** 我的举报: the villager's named reports, newest first. */
  async mine(villager: AuthVillager): Promise<MyReportDto[]> {
    const own = await this.reports.listOwned(villager.id);
    const originals = new Map((await this.reports.findMany(own.flatMap((r) => (r.duplicateOfId !== null ? [r.duplicateOfId] : [])))).map((r) => [r.id, r]));
    const names = await this.reports.villageNames(own.map((r) => r.villageId));
    const labels = await this.categories.labels();
    return own.map((r) => {
      const effective = (r.duplicateOfId !== null ? originals.get(r.duplicateOfId) : undefined) ?? r;
      const updatedAt = Math.max(r.updatedAt.getTime(), effective.updatedAt.getTime());
      return {
        id: r.id,
        villageName: names.get(r.villageId) ?? '',
        categoryLabel: labels.get(r.categoryCode) ?? r.categoryCode,
        excerpt: excerpt(r.text),
        status: effective.status,
        statusLabel: CASE_STATUS_LABELS[effective.status],
        createdAt: r.createdAt.toISOString(),
        updatedAt: new Date(updatedAt).toISOString(),
      };
    });
  }

  /** One of the villager's named reports; anyone else's is 404. */
  async mineOne(villager: AuthVillager, id: number): Promise<ReporterViewDto> {
    const report = await this.reports.findOwned(villager.id, id);
    if (!report) throw new NotFound('report');
    return this.view(report);
  }

  /** The villager accepted `accepted` subscribe messages for their report (capped at 10 in all). */
  async subscribe(villager: AuthVillager, id: number, accepted: number): Promise<void> {
    const report = await this.reports.findOwned(villager.id, id);
    if (!report) throw new NotFound('report');
    if (accepted > 0) await this.reports.addNotifyCredits(report.id, accepted);
  }

  private async view(report: Report): Promise<ReporterViewDto> {
    const effective = report.duplicateOfId !== null ? ((await this.reports.findById(report.duplicateOfId)) ?? report) : report;
    const [names, labels, events, photos, messages] = await Promise.all([
      this.reports.villageNames([report.villageId]),
      this.categories.labels(),
      this.reports.eventsOf(effective.id),
      this.threads.photosOf(report.id),
      this.threads.reporterThread(report),
    ]);
    return {
      villageId: report.villageId,
      villageName: names.get(report.villageId) ?? '',
      categoryCode: report.categoryCode,
      categoryLabel: labels.get(report.categoryCode) ?? report.categoryCode,
      subjectType: report.subjectType,
      subjectId: report.subjectId,
      text: report.text,
      createdAt: report.createdAt.toISOString(),
      status: effective.status,
      statusLabel: CASE_STATUS_LABELS[effective.status],
      outcome: effective.outcome,
      anonymous: report.villagerId === null,
      photos,
      timeline: timeline(events),
      messages,
      open: effective.status !== 'closed',
    };
  }
}

function timeline(events: ReportEvent[]): ReportTimelineItemDto[] {
  return events
    .filter((e) => REPORTER_ACTIONS.has(e.action))
    .map((e) => ({
      at: e.createdAt.toISOString(),
      action: e.action as ReportTimelineItemDto['action'],
      status: e.toStatus,
      note: NOTE_FOR_REPORTER.has(e.action) ? e.note : null,
    }));
}
