import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  nextCaseStatus,
  checkCaseTransition,
  type CaseStatus,
  type ReportDetailDto,
  type ReportMessageDto,
  type RevealedIdentityDto,
} from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { IdentityCipher } from '../../common/crypto/identity-cipher';
import { AppException, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { OutboxService } from '../outbox/outbox.service';
import type { OutboxEventInput } from '../outbox/outbox.types';
import type { Region } from '../regions/region.entity';
import { Report } from '../reports/report.entity';
import { ReportEvent } from '../reports/report-event.entity';
import { ReportMessage } from '../reports/report-message.entity';
import { IdentityReveal } from '../reports/identity-reveal.entity';
import { CasesRepository } from './cases.repository';
import { CaseScope } from './case-scope';
import { CaseQueriesService } from './case-queries.service';
import { ReportThreadService } from '../reports/report-thread.service';
import type { AssignDto, CaseTransitionDto, OfficeReplyDto, RevealDto, TransferDto } from './dto/case.dto';

/**
 * What inspectors do to a case: lifecycle transitions, assignment, transfer, replies and identity
 * reveals. Each write is one transaction holding the change, its report_events row and (for changes
 * the office's case system must know) its outbox event. Changes of status or office are conditional
 * UPDATEs on the state that was checked, so of two concurrent changes exactly one wins; the other
 * gets 409 CASE_CHANGED.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly cipher: IdentityCipher,
    private readonly outbox: OutboxService,
    private readonly cases: CasesRepository,
    private readonly scope: CaseScope,
    private readonly queries: CaseQueriesService,
    private readonly threads: ReportThreadService,
  ) {}

  async transition(user: AuthUser, id: number, dto: CaseTransitionDto): Promise<ReportDetailDto> {
    const { report } = await this.scope.requireReport(user, id);
    refuseDuplicate(report);
    if (dto.expectedStatus !== undefined && dto.expectedStatus !== report.status) throw caseChanged();
    const input = { action: dto.action, note: dto.note ?? null, outcome: dto.outcome ?? null, amountRecoveredFen: dto.amountRecoveredFen ?? null };
    const problems = checkCaseTransition(report.status, input, report.outcome);
    if (problems.length) throw new ValidationFailed(problems, '此操作不可执行');
    const from = report.status;
    const to = nextCaseStatus(from, dto.action)!;
    const note = dto.note?.trim() || null;
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const patch: Partial<Report> = { status: to, updatedAt: now };
      if (dto.action === 'accept') patch.acceptedAt = now;
      if (dto.action === 'conclude') Object.assign(patch, { concludedAt: now, outcome: dto.outcome, amountRecoveredFen: dto.amountRecoveredFen ?? null });
      if (dto.action === 'close') patch.closedAt = now;
      const moved = await em.createQueryBuilder().update(Report).set(patch).where('id = :id AND status = :from', { id, from }).execute();
      if (moved.affected !== 1) throw caseChanged();
      await this.event(em, { reportId: id, action: dto.action, fromStatus: from, toStatus: to, actorId: user.id, note, createdAt: now });
      const village = await this.cases.findRegion(report.villageId, em);
      const after: Report = { ...report, ...patch };
      await this.outbox.enqueue(
        em,
        this.reportEvent('report.status_changed', after, village, {
          fromStatus: from,
          action: dto.action,
          outcome: after.outcome,
          amountRecoveredFen: after.amountRecoveredFen,
          note,
        }),
      );
      // Closing answers the reporter: the note is also the office's last message in the thread
      // (a warning has no reporter: its closing note stays in the case trail).
      if (dto.action === 'close' && report.kind === 'report') await this.addReply(em, user, after, village, note!, now);
    });
    return this.queries.detailOf(user, id);
  }

  /** Assign to an inspector whose region covers the report's office (or unassign with null). */
  async assign(user: AuthUser, id: number, dto: AssignDto): Promise<ReportDetailDto> {
    const { report, office } = await this.scope.requireReport(user, id);
    refuseDuplicate(report);
    refuseClosed(report);
    let name = '';
    if (dto.assigneeId !== null) {
      const assignee = await this.cases.findInspector(dto.assigneeId);
      const region = assignee?.regionId ? await this.cases.findRegion(assignee.regionId) : null;
      if (!assignee || !region || !office.path.startsWith(region.path))
        throw new ValidationFailed([{ field: 'assigneeId', reason: 'is not an active inspector whose region covers this report' }]);
      name = assignee.displayName;
    }
    if (report.assigneeId === dto.assigneeId) return this.queries.detailOf(user, id);
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      // Conditional on the office: a report transferred meanwhile may be out of the assignee's reach.
      const res = await em
        .createQueryBuilder()
        .update(Report)
        .set({ assigneeId: dto.assigneeId, updatedAt: now })
        .where('id = :id AND office_region_id = :office', { id, office: office.id })
        .execute();
      if (res.affected !== 1) throw caseChanged();
      await this.event(em, {
        reportId: id,
        action: 'assigned',
        fromStatus: report.status,
        toStatus: report.status,
        actorId: user.id,
        note: dto.assigneeId === null ? '取消指派' : `指派给${name}`,
        createdAt: now,
      });
    });
    return this.queries.detailOf(user, id);
  }

  /**
   * Moves the report to another office: a town or county within the caller's region, or the county
   * above the current office. The status and the SLA dues stay as they were (the clock does not
   * restart because the office changed); an assignee who does not cover the new office is removed;
   * the report's duplicates move with it.
   */
  async transfer(user: AuthUser, id: number, dto: TransferDto): Promise<ReportDetailDto> {
    const { report, office } = await this.scope.requireReport(user, id);
    refuseDuplicate(report);
    refuseClosed(report);
    const target = await this.cases.findRegion(dto.officeRegionId);
    const refuse = (reason: string) => new ValidationFailed([{ field: 'officeRegionId', reason }]);
    if (!target || (target.level !== 'town' && target.level !== 'county')) throw refuse('is not a town or county office');
    if (target.id === office.id) throw refuse('already handles this report');
    const countyAbove = target.level === 'county' && office.path.startsWith(target.path);
    if (!this.scope.covers(user, target) && !countyAbove) throw refuse('is not an office within your region or the county above this report');
    const assigneeRegion = report.assigneeId ? await this.assigneeRegion(report.assigneeId) : null;
    const keepAssignee = assigneeRegion !== null && target.path.startsWith(assigneeRegion.path);
    const reason = dto.reason.trim();
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const moved = await em
        .createQueryBuilder()
        .update(Report)
        .set({ officeRegionId: target.id, assigneeId: keepAssignee ? report.assigneeId : null, updatedAt: now })
        .where('id = :id AND office_region_id = :office AND status = :status', { id, office: office.id, status: report.status })
        .execute();
      if (moved.affected !== 1) throw caseChanged();
      // Duplicates follow their original's case, and so its office (and who may see them).
      await em.createQueryBuilder().update(Report).set({ officeRegionId: target.id }).where('duplicate_of_id = :id', { id }).execute();
      await this.event(em, {
        reportId: id,
        action: 'transferred',
        fromStatus: report.status,
        toStatus: report.status,
        actorId: user.id,
        note: `由${office.name}移交${target.name}：${reason}`,
        createdAt: now,
      });
      const village = await this.cases.findRegion(report.villageId, em);
      const after: Report = { ...report, officeRegionId: target.id };
      const data = { fromOfficeRegionId: office.id, fromOfficeName: office.name, officeName: target.name, note: reason };
      // Address the deeper office when one contains the other (its endpoints and those above both
      // hear of it); a move sideways is told to both offices.
      const addressees = office.path.startsWith(target.path) ? [office] : target.path.startsWith(office.path) ? [target] : [office, target];
      for (const addressee of addressees)
        await this.outbox.enqueue(em, { ...this.reportEvent('report.transferred', after, village, data), officeRegionId: addressee.id });
    });
    return this.queries.detailOf(user, id);
  }

  /** A message from the office to the reporter. */
  async reply(user: AuthUser, id: number, dto: OfficeReplyDto): Promise<ReportMessageDto> {
    const { report } = await this.scope.requireReport(user, id);
    refuseWarning(report);
    refuseDuplicate(report);
    refuseClosed(report);
    const now = this.clock.now();
    const message = await this.db.transaction(async (em) => {
      const touched = await em
        .createQueryBuilder()
        .update(Report)
        .set({ updatedAt: now })
        .where("id = :id AND status <> 'closed'", { id })
        .execute();
      if (touched.affected !== 1) throw caseClosed();
      return this.addReply(em, user, report, await this.cases.findRegion(report.villageId, em), dto.text.trim(), now);
    });
    return this.threads.messageDto(message);
  }

  /**
   * Opens a named report's sealed identity for an inspector with a written reason. The reveal is
   * logged in identity_reveals (append-only: triggers refuse UPDATE and DELETE) and in the case trail,
   * in the same transaction as the decryption. Nothing of the identity is logged.
   */
  async reveal(user: AuthUser, id: number, dto: RevealDto): Promise<RevealedIdentityDto> {
    const { report } = await this.scope.requireReport(user, id);
    refuseWarning(report);
    const sealed = report.identitySealed;
    if (sealed === null) throw new AppException(409, 'ANONYMOUS_REPORT', '匿名举报没有可查看的身份信息');
    const reason = dto.reason.trim();
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      await em.insert(IdentityReveal, { reportId: id, userId: user.id, reason, createdAt: now });
      await this.event(em, { reportId: id, action: 'revealed', fromStatus: report.status, toStatus: report.status, actorId: user.id, note: reason, createdAt: now });
      return { ...this.openIdentity(id, sealed), revealedAt: now.toISOString() };
    });
  }

  private openIdentity(id: number, sealed: string): Omit<RevealedIdentityDto, 'revealedAt'> {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(this.cipher.open(sealed, `report:${id}`)) as Record<string, unknown>;
    } catch {
      // Never say more: the message and the stack end up in logs.
      throw new AppException(500, 'IDENTITY_UNREADABLE', '举报人身份无法解密（密钥未配置或数据已损坏）');
    }
    const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
    return { name: str(parsed.name), phone: str(parsed.phone), openid: str(parsed.openid) };
  }

  private async addReply(em: EntityManager, user: AuthUser, report: Report, village: Region | null, text: string, now: Date): Promise<ReportMessage> {
    const message = await em.save(em.create(ReportMessage, { reportId: report.id, author: 'office', actorId: user.id, text, createdAt: now }));
    await this.outbox.enqueue(em, this.reportEvent('report.reply', report, village, { messageId: message.id, text }));
    return message;
  }

  private async assigneeRegion(userId: number): Promise<Region | null> {
    const assignee = await this.cases.findInspector(userId);
    return assignee?.regionId ? this.cases.findRegion(assignee.regionId) : null;
  }

  private event(em: EntityManager, e: Omit<ReportEvent, 'id'>): Promise<unknown> {
    return em.insert(ReportEvent, e);
  }

  /** An outbox event about a report: what the office's case system needs, never the reporter's identity. */
  private reportEvent(type: OutboxEventInput['type'], r: Report, village: Region | null, extra: Record<string, unknown>): OutboxEventInput {
    return {
      type,
      reportId: r.id,
      officeRegionId: r.officeRegionId,
      data: {
        reportId: r.id,
        kind: r.kind,
        villageId: r.villageId,
        villageName: village?.name ?? null,
        officeRegionId: r.officeRegionId,
        categoryCode: r.categoryCode,
        status: r.status as CaseStatus,
        ...extra,
      },
    };
  }
}

function caseChanged(): AppException {
  return new AppException(409, 'CASE_CHANGED', '案件已被他人处理，请刷新后重试');
}

function caseClosed(): AppException {
  return new AppException(409, 'CASE_CLOSED', '案件已结案');
}

function refuseDuplicate(r: Report): void {
  if (r.duplicateOfId !== null)
    throw new AppException(409, 'DUPLICATE_REPORT', '这是重复举报，已并入原举报办理', [{ field: 'id', reason: `follows report ${r.duplicateOfId}` }]);
}

/** A warning was opened by a rule: there is no reporter to answer or to reveal. */
function refuseWarning(r: Report): void {
  if (r.kind === 'warning') throw new AppException(409, 'WARNING_HAS_NO_REPORTER', '预警由规则发现，没有举报人', [{ field: 'id', reason: 'is a warning case' }]);
}

function refuseClosed(r: Report): void {
  if (r.status === 'closed') throw caseClosed();
}
