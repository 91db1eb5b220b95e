import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  maskPersonName,
  nextEntryStatus,
  normalizePersonName,
  validateEntryInput,
  type EntryAction,
  type FieldError,
} from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { IdNumberHasher } from '../../common/crypto/id-number-hasher';
import { DomainEvents } from '../../common/events/domain-events';
import { ChartService } from '../chart/chart.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { Region } from '../regions/region.entity';
import { Entry } from './entry.entity';
import { EntryApproval } from './entry-approval.entity';
import { LedgerRepository } from './ledger.repository';
import { PublicationService } from './publication.service';
import { ApprovalPolicy } from './approval-policy';
import { newEntryRow } from './new-entry';
import { CreateEntryDto, StaffEntryQuery, UpdateEntryDto } from './dto/entry.dto';
import { StaffEntryView, toStaffView } from './staff-entry.view';

type EntryFields = Omit<CreateEntryDto, 'attachmentIds' | 'counterpartyIdNumber'>;

@Injectable()
export class LedgerService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly chart: ChartService,
    private readonly entries: LedgerRepository,
    private readonly publication: PublicationService,
    private readonly attachments: AttachmentsService,
    private readonly policy: ApprovalPolicy,
    private readonly hasher: IdNumberHasher,
    private readonly events: DomainEvents,
  ) {}

  /** A bookkeeper drafts an entry for their own village. */
  async create(user: AuthUser, dto: CreateEntryDto): Promise<StaffEntryView> {
    const village = await this.ownVillage(user);
    const { attachmentIds, counterpartyIdNumber, ...fields } = dto;
    this.check(village, fields);
    const counterpartyIdHash = this.payeeHash(fields.counterpartyKind, counterpartyIdNumber, null);
    const now = this.clock.now();
    const id = await this.db.transaction(async (em) => {
      const saved = await em.save(
        em.create(
          Entry,
          newEntryRow({
            ...this.normalise(fields),
            counterpartyIdHash,
            villageId: village.id,
            status: 'draft',
            createdBy: user.id,
            createdAt: now,
          }),
        ),
      );
      if (attachmentIds?.length) await this.attachments.bindToEntry(em, user, saved, attachmentIds);
      return saved.id;
    });
    return this.get(user, id);
  }

  /** Only drafts and rejected entries change, and only by the bookkeeper who wrote them. */
  async update(user: AuthUser, id: number, dto: UpdateEntryDto): Promise<StaffEntryView> {
    await this.db.transaction(async (em) => {
      const entry = await this.ownEntry(em, user, id, 'edit');
      if (entry.reversesId && Object.keys(dto).some((k) => k !== 'attachmentIds'))
        throw new AppException(409, 'REVERSAL_FIXED', 'a reversal copies the entry it reverses; only its attachments may change');
      const { attachmentIds, counterpartyIdNumber, ...patch } = dto;
      const merged: EntryFields = { ...pickFields(entry), ...stripUndefined(patch) };
      const village = (await this.entries.findVillage(entry.villageId, em))!;
      this.check(village, merged);
      const normalised = this.normalise(merged);
      // A payee's ID number stays with the payee it was given for: a new name or kind drops it.
      const samePayee = normalised.counterpartyName === entry.counterpartyName && merged.counterpartyKind === entry.counterpartyKind;
      const kept = counterpartyIdNumber === undefined && samePayee ? entry.counterpartyIdHash : null;
      await em.update(Entry, { id }, {
        ...normalised,
        counterpartyNorm: normalizePersonName(normalised.counterpartyName),
        counterpartyIdHash: this.payeeHash(merged.counterpartyKind, counterpartyIdNumber, kept),
        updatedAt: this.clock.now(),
      });
      if (attachmentIds) await this.attachments.bindToEntry(em, user, entry, attachmentIds);
    });
    return this.get(user, id);
  }

  async submit(user: AuthUser, id: number): Promise<StaffEntryView> {
    await this.db.transaction(async (em) => {
      const entry = await this.ownEntry(em, user, id, 'submit');
      const village = (await this.entries.findVillage(entry.villageId, em))!;
      if (!entry.reversesId) this.check(village, pickFields(entry));
      await em.update(Entry, { id }, {
        status: 'submitted',
        rejectReason: null,
        approvalsRequired: await this.policy.approvalsRequired(em, village, entry.amountFen),
        submittedAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
    });
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const entry = await this.ownEntry(em, user, id, 'delete');
      await this.attachments.bindToEntry(em, user, entry, []);
      await em.delete(Entry, { id });
    });
  }

  /**
   * An approver in scope, who did not write the entry, approves it. When the town requires a
   * second approval for this amount, the second must come from a town-level approver.
   * The last approval publishes the entry.
   */
  async approve(user: AuthUser, id: number): Promise<StaffEntryView> {
    const entry = await this.db.transaction((em) => this.approveIn(em, user, id));
    if (entry.status === 'published') this.events.emit({ type: 'entries.published', villageId: entry.villageId, entryIds: [entry.id] });
    return this.get(user, id);
  }

  /** Approves inside the caller's transaction (batch approval uses it for many entries). */
  async approveIn(em: EntityManager, user: AuthUser, id: number): Promise<Entry> {
    const entry = await this.reviewable(em, user, id, 'approve');
    const given = await this.entries.currentApprovals(em, entry);
    if (given.some((a) => a.userId === user.id))
      throw new AppException(409, 'ALREADY_APPROVED', 'you already approved this entry; another approver must give the next approval');
    const step = given.length + 1;
    if (step > 1 && user.regionLevel !== 'town')
      throw new AppException(403, 'TOWN_APPROVAL_REQUIRED', 'the second approval must be given by the town agent (村账乡管)');
    await em.insert(EntryApproval, {
      entryId: id,
      step,
      decision: 'approved',
      reason: null,
      userId: user.id,
      role: user.role,
      scopeLevel: user.regionLevel ?? 'all',
      createdAt: this.clock.now(),
    });
    if (step < entry.approvalsRequired) return entry;
    return this.publication.publish(em, entry);
  }

  async reject(user: AuthUser, id: number, reason: string): Promise<StaffEntryView> {
    await this.db.transaction(async (em) => {
      const entry = await this.reviewable(em, user, id, 'reject');
      const given = await this.entries.currentApprovals(em, entry);
      const now = this.clock.now();
      await em.insert(EntryApproval, {
        entryId: id,
        step: given.length + 1,
        decision: 'rejected',
        reason: reason.trim(),
        userId: user.id,
        role: user.role,
        scopeLevel: user.regionLevel ?? 'all',
        createdAt: now,
      });
      await em.update(Entry, { id }, { status: 'rejected', rejectReason: reason.trim(), updatedAt: now });
    });
    return this.get(user, id);
  }

  /**
   * A correction of a published entry (红字冲销): a new entry with the same direction, subject and
   * amount that counts negatively, referencing the original, submitted for approval at once.
   */
  async reverse(user: AuthUser, id: number, reason: string): Promise<StaffEntryView> {
    const village = await this.ownVillage(user);
    const newId = await this.db.transaction(async (em) => {
      const original = await this.entries.lockEntry(em, id);
      if (!original || original.villageId !== village.id) throw new NotFound('entry');
      if (original.status !== 'published') throw new AppException(409, 'NOT_PUBLISHED', 'only a published entry can be reversed');
      if (original.reversesId) throw new AppException(409, 'IS_REVERSAL', 'a reversal cannot itself be reversed');
      if ((await this.entries.reversalsOf(em, id)).length)
        throw new AppException(409, 'ALREADY_REVERSED', 'this entry already has a reversal');
      const now = this.clock.now();
      const saved = await em.save(
        em.create(
          Entry,
          newEntryRow({
            ...pickFields(original),
            counterpartyDisplay: original.counterpartyDisplay,
            voucherNo: original.voucherNo,
            counterpartyIdHash: original.counterpartyIdHash,
            occurredOn: this.clock.today(),
            summary: `冲销第${original.serial}号：${reason.trim()}`.slice(0, 500),
            villageId: village.id,
            status: 'submitted',
            reversesId: original.id,
            reversalReason: reason.trim(),
            approvalsRequired: await this.policy.approvalsRequired(em, village, original.amountFen),
            createdBy: user.id,
            createdAt: now,
            submittedAt: now,
          }),
        ),
      );
      return saved.id;
    });
    return this.get(user, newId);
  }

  async get(user: AuthUser, id: number): Promise<StaffEntryView> {
    const entry = await this.entries.findEntry(id);
    if (!entry || !(await this.visibleTo(user, entry))) throw new NotFound('entry');
    const [approvals, attachments] = await Promise.all([this.entries.approvals([id]), this.attachments.listForEntry(id)]);
    const village = (await this.entries.findVillage(entry.villageId))!;
    return toStaffView(entry, approvals, attachments, this.chart.subjectName(village.chartVersion, entry.subjectCode));
  }

  async list(user: AuthUser, q: StaffEntryQuery): Promise<{ items: StaffEntryView[]; nextCursor: string | null }> {
    const limit = q.limit ?? 20;
    const rows = await this.entries.listForStaff({
      pathPattern: this.scope.pathPattern(user),
      status: q.status,
      villageId: q.villageId,
      importBatchId: q.importBatchId,
      viewerId: user.id,
      beforeId: q.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const approvals = await this.entries.approvals(page.map((e) => e.id));
    const counts = await this.attachments.countForEntries(page.map((e) => e.id));
    const charts = new Map<number, Region>();
    for (const e of page) if (!charts.has(e.villageId)) charts.set(e.villageId, (await this.entries.findVillage(e.villageId))!);
    const items = page.map((e) =>
      toStaffView(
        e,
        approvals.filter((a) => a.entryId === e.id),
        counts.get(e.id) ?? 0,
        this.chart.subjectName(charts.get(e.villageId)!.chartVersion, e.subjectCode),
      ),
    );
    return { items, nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null };
  }

  // ---- rules ----

  private async visibleTo(user: AuthUser, entry: Entry): Promise<boolean> {
    const village = await this.entries.findVillage(entry.villageId);
    if (!village || !this.scope.covers(user, village)) return false;
    return entry.status !== 'draft' || entry.createdBy === user.id;
  }

  private async ownVillage(user: AuthUser): Promise<Region> {
    if (user.role !== 'bookkeeper' || !user.regionId) throw new AppException(403, 'FORBIDDEN', 'only a village bookkeeper posts entries');
    return this.scope.requireVillage(user, user.regionId);
  }

  private async ownEntry(em: EntityManager, user: AuthUser, id: number, action: EntryAction): Promise<Entry> {
    const entry = await this.entries.lockEntry(em, id);
    if (!entry || entry.villageId !== user.regionId || user.role !== 'bookkeeper') throw new NotFound('entry');
    if (entry.status === 'draft' && entry.createdBy !== user.id) throw new NotFound('entry');
    if (entry.createdBy !== user.id) throw new AppException(403, 'NOT_AUTHOR', 'only the bookkeeper who wrote this entry may change it');
    if (!nextEntryStatus(entry.status, action))
      throw new AppException(409, 'INVALID_STATE', `cannot ${action} an entry that is ${entry.status}`);
    return entry;
  }

  private async reviewable(em: EntityManager, user: AuthUser, id: number, action: EntryAction): Promise<Entry> {
    const entry = await this.entries.lockEntry(em, id);
    if (!entry || entry.status === 'draft') throw new NotFound('entry');
    const village = await this.entries.findVillage(entry.villageId, em);
    if (!village || !this.scope.covers(user, village)) throw new NotFound('entry');
    if (!nextEntryStatus(entry.status, action))
      throw new AppException(409, 'INVALID_STATE', `cannot ${action} an entry that is ${entry.status}`);
    if (entry.createdBy === user.id) throw new AppException(403, 'SELF_APPROVAL', 'an approver may not review an entry they wrote');
    return entry;
  }

  /** Rules that need the village: the date window and the chart of accounts. */
  private check(village: Region, f: EntryFields): void {
    const errors: FieldError[] = validateEntryInput(f, { today: this.clock.today(), ledgerStart: village.ledgerStart });
    const account = this.chart.find(village.chartVersion, f.subjectCode);
    if (!errors.some((e) => e.field === 'subjectCode')) {
      if (!account || !account.direction)
        errors.push({ field: 'subjectCode', reason: `${f.subjectCode} is not an income or expense account of the ${village.chartVersion} chart` });
      else if (account.direction !== f.direction)
        errors.push({ field: 'subjectCode', reason: `${f.subjectCode} ${account.name} is an ${account.direction} account` });
    }
    if (errors.length) throw new ValidationFailed(errors);
  }

  /** The keyed hash of a person payee's ID number (`kept` when none is given); organisations have none. */
  private payeeHash(kind: EntryFields['counterpartyKind'], idNumber: string | null | undefined, kept: string | null): string | null {
    const given = idNumber !== null && idNumber !== undefined && idNumber.trim() !== '';
    if (kind !== 'person') {
      if (given) throw new ValidationFailed([{ field: 'counterpartyIdNumber', reason: '只有个人收付款方才填写身份证号码' }]);
      return null;
    }
    return this.hasher.hash(idNumber, 'counterpartyIdNumber') ?? kept;
  }

  private normalise(f: EntryFields): Omit<EntryFields, 'voucherNo'> & { voucherNo: string | null; counterpartyDisplay: string } {
    const name = f.counterpartyName.trim();
    return {
      ...f,
      counterpartyName: name,
      counterpartyDisplay: f.counterpartyKind === 'person' ? maskPersonName(name) : name,
      summary: f.summary.trim(),
      voucherNo: f.voucherNo?.trim() || null,
    };
  }
}

function pickFields(e: Entry): EntryFields {
  return {
    direction: e.direction,
    subjectCode: e.subjectCode,
    amountFen: e.amountFen,
    occurredOn: e.occurredOn,
    counterpartyName: e.counterpartyName,
    counterpartyKind: e.counterpartyKind,
    summary: e.summary,
    paymentMethod: e.paymentMethod,
    voucherNo: e.voucherNo,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
