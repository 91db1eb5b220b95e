import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { CaseKind, CaseStatus, WarningState } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { likeContains } from '../../common/validation/like';
import { Region } from '../regions/region.entity';
import { User } from '../users/user.entity';
import { Entry } from '../ledger/entry.entity';
import { Contract } from '../contracts/contract.entity';
import { Asset } from '../assets/asset.entity';
import { Report } from '../reports/report.entity';
import { ReportCategory } from '../reports/report-category.entity';
import { ReportEvent } from '../reports/report-event.entity';
import { ReportMessage } from '../reports/report-message.entity';
import { IdentityReveal } from '../reports/identity-reveal.entity';
import { Warning } from '../rules/warning.entity';
import { AWAITING_CONCLUSION } from '../reports/routing/sla';
import type { InboxCursor } from './inbox-cursor';

export interface InboxFilter {
  /** LIKE pattern on the office region's path: the inspector's scope. */
  scope: string;
  kind?: CaseKind;
  status?: CaseStatus;
  villageId?: number;
  /** LIKE pattern on the village's path (a region's villages; for town-wide warnings, the town). */
  regionPath?: string;
  /** A report category, or 'rule:<id>' for the warnings of one rule. */
  categoryCode?: string;
  /** Warnings whose finding is in this state (reports never match). */
  warningState?: WarningState;
  overdue?: boolean;
  /** A user id, or null for unassigned reports. */
  assigneeId?: number | null;
  q?: string;
  now: Date;
}

export interface StatsFilter {
  scope: string;
  from: Date;
  /** Exclusive. */
  until: Date;
  villageId?: number;
  kind?: CaseKind;
}

/** The columns statistics need of a report. */
export type StatsRow = Pick<Report, 'id' | 'villageId' | 'categoryCode' | 'status' | 'acceptDueAt' | 'concludeDueAt' | 'acceptedAt' | 'concludedAt' | 'createdAt'>;

/**
 * SQL of the discipline office's side. Every list is limited to reports whose office region path
 * starts with the inspector's own path; duplicates (linked to an earlier report) are left out of
 * lists and counts.
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly db: Db) {}

  findReport(id: number, em: EntityManager = this.db.manager): Promise<Report | null> {
    return em.findOne(Report, { where: { id } });
  }

  findRegion(id: number, em: EntityManager = this.db.manager): Promise<Region | null> {
    return em.findOne(Region, { where: { id } });
  }

  async regions(ids: number[], em: EntityManager = this.db.manager): Promise<Map<number, Region>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await em.createQueryBuilder(Region, 'r').whereInIds(unique).getMany();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async categories(em: EntityManager = this.db.manager): Promise<Map<string, ReportCategory>> {
    const rows = await em.find(ReportCategory);
    return new Map(rows.map((c) => [c.code, c]));
  }

  async inbox(f: InboxFilter, cursor: InboxCursor | null, limit: number): Promise<{ rows: Report[]; total: number }> {
    const [rows, total] = [await this.inboxPage(f, cursor, limit), await this.inboxCount(f)];
    return { rows, total };
  }

  inboxCount(f: InboxFilter): Promise<number> {
    return this.inboxQuery(f).getCount();
  }

  /** Newest first, after the cursor. */
  inboxPage(f: InboxFilter, cursor: InboxCursor | null, limit: number): Promise<Report[]> {
    const page = this.inboxQuery(f).orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').limit(limit);
    // The expanded keyset form uses the whole (created_at, id) range on MariaDB too.
    if (cursor)
      page.andWhere(
        new Brackets((w) =>
          w.where('r.created_at < :cAt', { cAt: cursor.createdAt }).orWhere('(r.created_at = :cAt AND r.id < :cId)', { cAt: cursor.createdAt, cId: cursor.id }),
        ),
      );
    return page.getMany();
  }

  private inboxQuery(f: InboxFilter): SelectQueryBuilder<Report> {
    const qb = this.scoped(f.scope);
    if (f.kind) qb.andWhere('r.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('r.status = :status', { status: f.status });
    if (f.villageId) qb.andWhere('r.village_id = :villageId', { villageId: f.villageId });
    if (f.regionPath) qb.innerJoin(Region, 'v', 'v.id = r.village_id').andWhere('v.path LIKE :regionPath', { regionPath: f.regionPath });
    if (f.categoryCode) qb.andWhere('r.category_code = :categoryCode', { categoryCode: f.categoryCode });
    if (f.warningState)
      qb.andWhere('EXISTS (SELECT 1 FROM warnings wf WHERE wf.case_id = r.id AND wf.state = :warningState)', { warningState: f.warningState });
    if (f.assigneeId === null) qb.andWhere('r.assignee_id IS NULL');
    else if (f.assigneeId !== undefined) qb.andWhere('r.assignee_id = :assigneeId', { assigneeId: f.assigneeId });
    if (f.overdue !== undefined) {
      const overdue = "((r.status = 'submitted' AND r.accept_due_at < :now) OR (r.status IN (:...awaiting) AND r.conclude_due_at < :now))";
      qb.andWhere(f.overdue ? overdue : `NOT ${overdue}`, { now: f.now, awaiting: AWAITING_CONCLUSION });
    }
    if (f.q) {
      const like = likeContains(f.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where("r.text LIKE :like ESCAPE '!'", { like })
            .orWhere(`EXISTS (SELECT 1 FROM report_messages m WHERE m.report_id = r.id AND m.text LIKE :like ESCAPE '!')`, { like })
            // Follow-ups of its duplicates belong to the office's thread of the report too.
            .orWhere(
              `EXISTS (SELECT 1 FROM report_messages dm INNER JOIN reports d ON d.id = dm.report_id WHERE d.duplicate_of_id = r.id AND dm.text LIKE :like ESCAPE '!')`,
              { like },
            ),
        ),
      );
    }
    return qb;
  }

  /** Non-duplicate reports of offices in scope. */
  private scoped(scope: string, em: EntityManager = this.db.manager): SelectQueryBuilder<Report> {
    return em
      .createQueryBuilder(Report, 'r')
      .innerJoin(Region, 'o', 'o.id = r.office_region_id')
      .where('o.path LIKE :scope', { scope })
      .andWhere('r.duplicate_of_id IS NULL');
  }

  /** Per report: messages of its thread (its own and its duplicates', as the office reads them) and its duplicates. */
  async counts(ids: number[]): Promise<{ messages: Map<number, number>; duplicates: Map<number, number> }> {
    if (ids.length === 0) return { messages: new Map(), duplicates: new Map() };
    const toMap = (rows: { id: number | string; n: number | string }[]) => new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
    const thread = 'COALESCE(d.duplicate_of_id, m.report_id)';
    const [messages, duplicates] = await Promise.all([
      this.db.manager
        .createQueryBuilder(ReportMessage, 'm')
        .innerJoin(Report, 'd', 'd.id = m.report_id')
        .select(thread, 'id')
        .addSelect('COUNT(*)', 'n')
        .where('(m.report_id IN (:...ids) OR d.duplicate_of_id IN (:...ids))', { ids })
        .groupBy(thread)
        .getRawMany<{ id: number | string; n: number | string }>(),
      this.db.manager
        .createQueryBuilder(Report, 'd')
        .select('d.duplicate_of_id', 'id')
        .addSelect('COUNT(*)', 'n')
        .where('d.duplicate_of_id IN (:...ids)', { ids })
        .groupBy('d.duplicate_of_id')
        .getRawMany<{ id: number | string; n: number | string }>(),
    ]);
    return { messages: toMap(messages), duplicates: toMap(duplicates) };
  }

  /** The findings behind warning cases, by case id. */
  async warningsByCase(caseIds: number[], em: EntityManager = this.db.manager): Promise<Map<number, Warning>> {
    if (caseIds.length === 0) return new Map();
    const rows = await em.createQueryBuilder(Warning, 'w').where('w.case_id IN (:...caseIds)', { caseIds }).getMany();
    return new Map(rows.map((w) => [w.caseId!, w]));
  }

  events(reportId: number): Promise<ReportEvent[]> {
    return this.db.manager.find(ReportEvent, { where: { reportId }, order: { id: 'ASC' } });
  }

  duplicatesOf(reportId: number): Promise<Report[]> {
    return this.db.manager.find(Report, { where: { duplicateOfId: reportId }, order: { id: 'ASC' } });
  }

  findEntry(id: number): Promise<Entry | null> {
    return this.db.manager.findOne(Entry, { where: { id } });
  }

  findContract(id: number): Promise<Contract | null> {
    return this.db.manager.findOne(Contract, { where: { id } });
  }

  findAsset(id: number): Promise<Asset | null> {
    return this.db.manager.findOne(Asset, { where: { id } });
  }

  reveals(reportId: number): Promise<IdentityReveal[]> {
    return this.db.manager.find(IdentityReveal, { where: { reportId }, order: { id: 'ASC' } });
  }

  /** Active inspectors with their region. */
  async inspectors(): Promise<{ user: User; region: Region }[]> {
    const users = await this.db.manager.find(User, { where: { role: 'inspector', active: true }, order: { id: 'ASC' } });
    const regions = await this.regions(users.flatMap((u) => (u.regionId ? [u.regionId] : [])));
    return users.flatMap((user) => {
      const region = user.regionId ? regions.get(user.regionId) : undefined;
      return region ? [{ user, region }] : [];
    });
  }

  findInspector(id: number, em: EntityManager = this.db.manager): Promise<User | null> {
    return em.findOne(User, { where: { id, role: 'inspector', active: true } });
  }

  /** Towns and counties under a path (itself included). */
  officesUnder(path: string): Promise<Region[]> {
    return this.db.manager
      .createQueryBuilder(Region, 'r')
      .where('r.path LIKE :p', { p: `${path}%` })
      .andWhere('r.level IN (:...levels)', { levels: ['town', 'county'] })
      .orderBy('r.code', 'ASC')
      .getMany();
  }

  statsRows(f: StatsFilter): Promise<StatsRow[]> {
    const qb = this.scoped(f.scope)
      .select(['r.id', 'r.villageId', 'r.categoryCode', 'r.status', 'r.acceptDueAt', 'r.concludeDueAt', 'r.acceptedAt', 'r.concludedAt', 'r.createdAt'])
      .andWhere('r.created_at >= :from AND r.created_at < :until', { from: f.from, until: f.until });
    if (f.villageId) qb.andWhere('r.village_id = :villageId', { villageId: f.villageId });
    if (f.kind) qb.andWhere('r.kind = :kind', { kind: f.kind });
    return qb.getMany();
  }

  /** Overdue non-duplicate reports of offices in scope (null: every office), by office and due. */
  overdue(scope: string | null, now: Date, em: EntityManager = this.db.manager): Promise<Report[]> {
    const qb = this.scoped(scope ?? '/%', em).andWhere(
      "((r.status = 'submitted' AND r.accept_due_at < :now) OR (r.status IN (:...awaiting) AND r.conclude_due_at < :now))",
      { now, awaiting: AWAITING_CONCLUSION },
    );
    return qb.orderBy('r.office_region_id', 'ASC').addOrderBy('r.id', 'ASC').getMany();
  }
}
