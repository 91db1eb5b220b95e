import {
  ASSET_KIND_LABELS,
  CASE_STATUS_LABELS,
  CONTRACT_KIND_LABELS,
  DIRECTION_LABELS,
  formatFen,
  type CaseEventDto,
  type InboxItemDto,
  type LinkedSubjectDto,
} from '@mingbai/shared';
import type { Region } from '../regions/region.entity';
import type { Entry } from '../ledger/entry.entity';
import type { Asset } from '../assets/asset.entity';
import type { Contract } from '../contracts/contract.entity';
import type { Warning } from '../rules/warning.entity';
import type { Report } from '../reports/report.entity';
import type { ReportCategory } from '../reports/report-category.entity';
import type { ReportEvent } from '../reports/report-event.entity';
import { overdueOf } from '../reports/routing/sla';
import { RuleCatalog, ruleIdOf } from './warnings/rule-catalog';
import { evidencePath } from './warnings/warning-view';

/** What turning reports into inbox items needs besides the rows. */
export interface CaseContext {
  regions: Map<number, Region>;
  categories: Map<string, ReportCategory>;
  /** The findings of the warning cases among the reports, by case id. */
  warnings: Map<number, Warning>;
  rules: RuleCatalog;
  userNames: Map<number, string>;
  counts: { photos: Map<number, number>; messages: Map<number, number>; duplicates: Map<number, number> };
  now: Date;
}

/** The start of a text on one line, for lists. */
export function excerpt(text: string, max = 60): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** A report category's label; for a warning ('rule:<id>') its rule's title. */
export function categoryLabel(categories: Map<string, ReportCategory>, code: string, rules?: RuleCatalog): string {
  const ruleId = ruleIdOf(code);
  if (ruleId !== null && rules) return rules.title(ruleId);
  return categories.get(code)?.label ?? code;
}

export function toInboxItem(r: Report, ctx: CaseContext): InboxItemDto {
  const village = ctx.regions.get(r.villageId);
  // A town-wide warning belongs to the town itself.
  const town = village?.level === 'town' ? village : village?.parentId ? ctx.regions.get(village.parentId) : undefined;
  const warning = r.kind === 'warning' ? ctx.warnings.get(r.id) : undefined;
  return {
    id: r.id,
    kind: r.kind,
    severity: warning?.severity ?? null,
    warningState: warning?.state ?? null,
    villageId: r.villageId,
    villageName: village?.name ?? '',
    townName: town?.name ?? '',
    officeRegionId: r.officeRegionId,
    officeName: ctx.regions.get(r.officeRegionId)?.name ?? '',
    categoryCode: r.categoryCode,
    categoryLabel: categoryLabel(ctx.categories, r.categoryCode, ctx.rules),
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

/** What linkedSubject needs besides the report: the entry, contract or asset it is about, when it is about one. */
export interface SubjectRows {
  entry?: Entry | null;
  contract?: Contract | null;
  asset?: Asset | null;
}

/**
 * "2025-03-05 支出 1,200.00 元 办公用品" for an entry, "租赁合同 HT-001 张*三" for a contract,
 * "鱼塘 东湾鱼塘（ZC-003）" for an asset; the village name for the village itself. A path only when
 * the public page exists (published entry, approved contract or asset).
 */
export function linkedSubject(r: Report, village: Region | undefined, rows: SubjectRows): LinkedSubjectDto {
  const missing = (label: string) => ({ type: r.subjectType, id: r.subjectId, title: `${label} #${r.subjectId ?? ''}（未找到）`, path: null });
  switch (r.subjectType) {
    case 'village':
      return { type: 'village', id: r.villageId, title: village?.name ?? '', path: null };
    case 'entry': {
      const entry = rows.entry;
      if (!entry || entry.villageId !== r.villageId) return missing('账目');
      return {
        type: 'entry',
        id: entry.id,
        title: `${entry.occurredOn} ${DIRECTION_LABELS[entry.direction]} ${formatFen(entry.amountFen).replace('¥', '')} 元 ${excerpt(entry.summary, 40)}`,
        path: entry.status === 'published' ? evidencePath('entry', entry.id) : null,
      };
    }
    case 'contract': {
      const contract = rows.contract;
      if (!contract || contract.villageId !== r.villageId) return missing('合同');
      return {
        type: 'contract',
        id: contract.id,
        title: `${CONTRACT_KIND_LABELS[contract.kind] ?? ''}合同 ${contract.code} ${contract.counterpartyDisplay}`.trim(),
        path: contract.status === 'approved' ? evidencePath('contract', contract.id) : null,
      };
    }
    case 'asset': {
      const asset = rows.asset;
      if (!asset || asset.villageId !== r.villageId) return missing('资产');
      return {
        type: 'asset',
        id: asset.id,
        title: `${ASSET_KIND_LABELS[asset.kind] ?? ''} ${asset.name}（${asset.code}）`.trim(),
        path: asset.status === 'approved' ? evidencePath('asset', asset.id) : null,
      };
    }
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

