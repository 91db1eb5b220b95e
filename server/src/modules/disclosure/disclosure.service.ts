import { Injectable } from '@nestjs/common';
import type { PublicEntryDetailDto, PublicEntryDto, Page, SummaryDto, VillageDto } from '@mingbai/shared';
import { GENESIS_HASH, isCalendarDate } from '@mingbai/shared';
import { NotFound, ValidationFailed } from '../../common/errors/app-exception';
import { Clock } from '../../common/clock/clock';
import { PublicCache, Versioned } from '../../common/http/public-cache';
import { ChartService } from '../chart/chart.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { RegionsRepository } from '../regions/regions.repository';
import { toRegionDto } from '../regions/regions.service';
import { Region } from '../regions/region.entity';
import { UsersRepository } from '../users/users.repository';
import { LedgerRepository } from '../ledger/ledger.repository';
import { DisclosureRepository } from './disclosure.repository';
import { toPublicEntry } from './public-entry.query';
import { PublicEntriesQuery } from './dto/public-query.dto';
import { decodeCursor, encodeCursor, monthEnd } from './cursor';

/** The public disclosure API: only published entries, person counterparties masked. */
@Injectable()
export class DisclosureService {
  constructor(
    private readonly repo: DisclosureRepository,
    private readonly regions: RegionsRepository,
    private readonly ledger: LedgerRepository,
    private readonly users: UsersRepository,
    private readonly chart: ChartService,
    private readonly attachments: AttachmentsService,
    private readonly cache: PublicCache,
    private readonly clock: Clock,
  ) {}

  async village(id: number): Promise<Versioned<VillageDto>> {
    const { village, serial } = await this.versionOf(id);
    return this.cache.get(['village', id, serial, settingsKey(village)], async () => {
      const head = await this.repo.head(id);
      const income = head?.incomeFen ?? 0;
      const expense = head?.expenseFen ?? 0;
      const path = (await this.regions.ancestors(village.path)).filter((r) => r.id !== id).map(toRegionDto);
      return {
        ...toRegionDto(village),
        path,
        chartVersion: village.chartVersion,
        ledgerStart: village.ledgerStart,
        openingBalanceFen: village.openingBalanceFen,
        chainHead: { serial: head?.serial ?? 0, hash: head?.hash ?? GENESIS_HASH },
        totals: { incomeFen: income, expenseFen: expense, balanceFen: village.openingBalanceFen + income - expense },
      };
    });
  }

  /** A year's totals from the totals kept at publication time; no scan of the ledger. */
  async summary(id: number, year = Number(this.clock.today().slice(0, 4))): Promise<Versioned<SummaryDto>> {
    const { village, serial } = await this.versionOf(id);
    return this.cache.get(['summary', id, serial, settingsKey(village), year], async () => {
      const rows = await this.repo.monthTotals(id);
      const prefix = String(year);
      let before = 0;
      const months = Array.from({ length: 12 }, (_, i) => ({ month: `${prefix}-${String(i + 1).padStart(2, '0')}`, incomeFen: 0, expenseFen: 0 }));
      const subjects = new Map<string, SummaryDto['subjects'][number]>();
      for (const r of rows) {
        const signed = r.direction === 'income' ? r.amountFen : -r.amountFen;
        if (r.month < `${prefix}-01`) before += signed;
        if (!r.month.startsWith(`${prefix}-`)) continue;
        const m = months[Number(r.month.slice(5, 7)) - 1];
        if (r.direction === 'income') m.incomeFen += r.amountFen;
        else m.expenseFen += r.amountFen;
        const key = `${r.direction}:${r.subjectCode}`;
        const s = subjects.get(key) ?? { direction: r.direction, subjectCode: r.subjectCode, subjectName: this.chart.subjectName(village.chartVersion, r.subjectCode), amountFen: 0, count: 0 };
        s.amountFen += r.amountFen;
        s.count += r.entryCount;
        subjects.set(key, s);
      }
      const incomeFen = months.reduce((a, m) => a + m.incomeFen, 0);
      const expenseFen = months.reduce((a, m) => a + m.expenseFen, 0);
      const openingBalanceFen = village.openingBalanceFen + before;
      return {
        villageId: id,
        year,
        openingBalanceFen,
        incomeFen,
        expenseFen,
        closingBalanceFen: openingBalanceFen + incomeFen - expenseFen,
        months,
        subjects: [...subjects.values()].sort((a, b) => a.direction.localeCompare(b.direction) || b.amountFen - a.amountFen),
      };
    });
  }

  async entries(id: number, q: PublicEntriesQuery): Promise<Versioned<Page<PublicEntryDto>>> {
    const { village, serial } = await this.versionOf(id);
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const from = q.from && q.from.length === 7 ? `${q.from}-01` : q.from;
    const to = q.to && q.to.length === 7 ? monthEnd(q.to) : q.to;
    for (const [field, value] of [['from', from], ['to', to]] as const)
      if (value && !isCalendarDate(value)) throw new ValidationFailed([{ field, reason: `${field} is not a real date` }]);
    if (from && to && from > to) throw new ValidationFailed([{ field: 'to', reason: 'to must not be before from' }]);
    const limit = q.limit ?? 20;
    return this.cache.get(['entries', id, serial, settingsKey(village), from, to, q.direction, q.subject, q.q?.trim(), q.cursor, limit], async () => {
      const rows = await this.repo.listPublished({ villageId: id, from, to, direction: q.direction, subject: q.subject, q: q.q?.trim() || undefined, after, limit: limit + 1 });
      const items = rows.slice(0, limit).map((r) => toPublicEntry(r, this.chart.subjectName(village.chartVersion, r.subject_code)));
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit ? encodeCursor(last.occurredOn, last.id) : null };
    }, !q.cursor); // first pages are asked for again and again; deep pages seldom
  }

  async entry(entryId: number): Promise<Versioned<PublicEntryDetailDto>> {
    const row = await this.repo.findPublished(entryId);
    if (!row) throw new NotFound('entry');
    const { village, serial } = await this.versionOf(Number(row.village_id));
    // The village or any region above it may choose to show approvers' names.
    const showNames = (await this.regions.ancestors(village.path)).some((r) => r.showStaffNames);
    return this.cache.get(['entry', entryId, serial, settingsKey(village), showNames ? 1 : 0], async () => {
      const base = toPublicEntry(row, this.chart.subjectName(village.chartVersion, row.subject_code));
      const approvals = await this.ledger.approvals([entryId]);
      const names = showNames ? await this.users.displayNames(approvals.map((a) => a.userId)) : new Map<number, string>();
      return {
        ...base,
        approvals: approvals.map((a) => ({
          step: a.step,
          role: a.role,
          decision: a.decision,
          reason: a.reason,
          by: names.get(a.userId) ?? null,
          at: a.createdAt.toISOString(),
        })),
        attachments: await this.attachments.listForEntry(entryId),
      };
    });
  }

  /** The village and its chain head serial: the version every public response is keyed by. */
  private async versionOf(villageId: number): Promise<{ village: Region; serial: number }> {
    const found = await this.repo.villageWithSerial(villageId);
    if (!found) throw new NotFound('village');
    return found;
  }
}

/** The village settings that public responses show; part of every cache key so admin changes show at once. */
function settingsKey(v: Region): string {
  return `${v.name}/${v.openingBalanceFen}/${v.ledgerStart}/${v.chartVersion}`;
}
