import {
  CASE_STATUS_LABELS,
  DIRECTION_LABELS,
  formatFen,
  type CaseEventDto,
  type InboxItemDto,
  type LinkedSubjectDto,
} from '@mingbai/shared';
import type { Region } from '../regions/region.entity';
import type { Entry } from '../ledger/entry.entity';
import type { Report } from '../reports/report.entity';
import type { ReportCategory } from '../reports/report-category.entity';
import type { ReportEvent } from '../reports/report-event.entity';
import { overdueOf } from '../reports/routing/sla';

/** What turning reports into inbox items needs besides the rows. */
export interface CaseContext {
  regions: Map<number, Region>;
  categories: Map<string, ReportCategory>;
  userNames: Map<number, string>;
  counts: { photos: Map<number, number>; messages: Map<number, number>; duplicates: Map<number, number> };
  now: Date;
}

/** The start of a text on one line, for lists. */
export function excerpt(text: string, max = 60): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

export function categoryLabel(categories: Map<string, ReportCategory>, code: string): string {
  return categories.get(code)?.label ?? code;
}

export function toInboxItem(r: Report, ctx: CaseContext): InboxItemDto {
  const village = ctx.regions.get(r.villageId);
  const town = village?.parentId ? ctx.regions.get(village.parentId) : undefined;
  return {
    id: r.id,
    kind: r.kind,
    severity: null,
    warningState: null,
    villageId: r.villageId,
    villageName: village?.name ?? '',
    townName: town?.name ?? '',
    officeRegionId: r.officeRegionId,
    officeName: ctx.regions.get(r.officeRegionId)?.name ?? '',
    categoryCode: r.categoryCode,
    categoryLabel: categoryLabel(ctx.categories, r.categoryCode),
    excerpt: excerpt(r.text),
    status: r.status,
    statusLabel: CASE_STATUS_LABELS[r.status],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? (ctx.userNames.get(r.assigneeId) ?? null) : null,
    overdue: r.duplicateOfId === null ? overdueOf(r, ctx.now) : null,
    acceptDueAt: r.acceptDueAt.toISOString(),
    concludeDueAt: r.concludeDueAt.toISOString(),
    photoCount: ctx.counts.photos.get(r.id) ?? 0,
    messageCount: ctx.counts.messages.get(r.id) ?? 0,
    duplicateCount: ctx.counts.duplicates.get(r.id) ?? 0,
    named: r.identitySealed !== null,
  };
}

/** "2025-03-05 支出 1,200.00 元 办公用品" for an entry; the village name for the village itself. */
export function linkedSubject(r: Report, village: Region | undefined, entry: Entry | null): LinkedSubjectDto {
  switch (r.subjectType) {
    case 'village':
      return { type: 'village', id: r.villageId, title: village?.name ?? '', path: null };
    case 'entry':
      if (!entry || entry.villageId !== r.villageId) return { type: 'entry', id: r.subjectId, title: `账目 #${r.subjectId ?? ''}（未找到）`, path: null };
      return {
        type: 'entry',
        id: entry.id,
        title: `${entry.occurredOn} ${DIRECTION_LABELS[entry.direction]} ${formatFen(entry.amountFen).replace('¥', '')} 元 ${excerpt(entry.summary, 40)}`,
        path: entry.status === 'published' ? `/pages/entry/index?id=${entry.id}` : null,
      };
    case 'asset':
      return { type: 'asset', id: r.subjectId, title: `资产 #${r.subjectId ?? ''}`, path: null };
    case 'contract':
      return { type: 'contract', id: r.subjectId, title: `合同 #${r.subjectId ?? ''}`, path: null };
  }
}

export function toEventDto(e: ReportEvent, userNames: Map<number, string>): CaseEventDto {
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorName: e.actorId ? (userNames.get(e.actorId) ?? null) : null,
    note: e.note,
  };
}

