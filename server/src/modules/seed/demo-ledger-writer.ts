import { approvalsRequired, maskPersonName, validateEntryInput } from '@mingbai/shared';
import type { Db } from '../../database/db.service';
import type { PublicationService } from '../ledger/publication.service';
import { Entry } from '../ledger/entry.entity';
import { newEntryRow } from '../ledger/new-entry';
import { EntryApproval } from '../ledger/entry-approval.entity';
import type { Region } from '../regions/region.entity';
import { Attachment } from '../attachments/attachment.entity';
import type { PlanItem } from './demo-plan';
import type { StoredVoucher } from './demo-vouchers';
import type { SimClock } from './sim-clock';
import type { Rng } from './prng';

export interface VillageStaff {
  bookkeeperId: number;
  approverId: number;
  /** The town agent who gives second approvals, when the town asks for them. */
  townAgentId: number | null;
  /** Amount from which two approvals are needed, or null. */
  thresholdFen: number | null;
}

/** An item's entry once written; `publishedAt` null while it is not published. */
export interface WrittenEntry {
  id: number;
  publishedAt: Date | null;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Writes one village's plan in one transaction, in occurrence order. Entries to publish are stored
 * as submitted with their approvals and then go through PublicationService, exactly as an approval
 * does, so serials, hashes, the chain head and the month totals are the real thing.
 */
export class DemoLedgerWriter {
  constructor(
    private readonly db: Db,
    private readonly publication: PublicationService,
    private readonly clock: SimClock,
    private readonly now: Date,
    /** Today's date in China, as the ledger's date rules use it. */
    private readonly today: string,
  ) {}

  /**
   * `vouchers`: files already in storage for some items; they become those entries' attachment
   * rows, uploaded by the bookkeeper a few minutes before the entry was created. Answers each
   * item's entry.
   */
  async write(village: Region, plan: PlanItem[], staff: VillageStaff, rng: Rng, vouchers: Map<PlanItem, StoredVoucher[]> = new Map()): Promise<Map<PlanItem, WrittenEntry>> {
    const today = this.today;
    return this.db.transaction(async (em) => {
      const written = new Map<PlanItem, { id: number; serial: number | null; display: string; publishedAt: Date | null }>();
      const approvals: Partial<EntryApproval>[] = [];
      const attachments: Omit<Attachment, 'id'>[] = [];
      let lastPublished = 0;
      for (const item of plan) {
        const original = item.reverses ? written.get(item.reverses) : undefined;
        if (item.reverses && !original?.serial) throw new Error(`demo plan reverses an unpublished entry in ${village.name}`);
        const summary = original ? `冲销第${original.serial}号：${item.reversalReason}` : item.summary;
        const problems = validateEntryInput({ ...item, summary }, { today, ledgerStart: village.ledgerStart });
        if (problems.length) throw new Error(`demo entry for ${village.name} is invalid: ${JSON.stringify(problems)}`);

        const created = this.cap(officeTime(rng, item.postedOn ?? item.occurredOn, item.postedOn ? 0 : rng.int(0, 2)));
        const submitted = this.cap(new Date(created.getTime() + rng.int(1, 6) * HOUR));
        const required = approvalsRequired(item.amountFen, staff.thresholdFen);
        const status = item.fate === 'published' ? 'submitted' : item.fate;
        const row = newEntryRow({
          villageId: village.id,
          status,
          direction: item.direction,
          subjectCode: item.subjectCode,
          amountFen: item.amountFen,
          occurredOn: item.occurredOn,
          counterpartyKind: item.counterpartyKind,
          counterpartyName: item.counterpartyName,
          counterpartyDisplay: original ? original.display : item.counterpartyKind === 'person' ? maskPersonName(item.counterpartyName) : item.counterpartyName,
          summary,
          paymentMethod: item.paymentMethod,
          voucherNo: item.voucherNo,
          reversesId: original ? original.id : null,
          reversalReason: item.reversalReason ?? null,
          rejectReason: item.fate === 'rejected' ? item.rejectReason! : null,
          approvalsRequired: required,
          createdBy: staff.bookkeeperId,
          createdAt: created,
          updatedAt: item.fate === 'draft' ? created : submitted,
          submittedAt: item.fate === 'draft' ? null : submitted,
        });
        const id = (await em.insert(Entry, row)).identifiers[0].id as number;
        written.set(item, { id, serial: null, display: row.counterpartyDisplay, publishedAt: null });
        const files = vouchers.get(item) ?? [];
        files.forEach((f, k) =>
          attachments.push({ villageId: village.id, entryId: id, contractId: null, storageKey: f.storageKey, mime: f.mime, sizeBytes: f.sizeBytes, sha256: f.sha256, uploadedBy: staff.bookkeeperId, createdAt: new Date(created.getTime() - (files.length - k) * 3 * MINUTE) }),
        );

        const decide = (step: number, at: Date, userId: number, level: 'village' | 'town', reason?: string) =>
          approvals.push({ entryId: id, step, decision: reason ? 'rejected' : 'approved', reason: reason ?? null, userId, role: 'approver', scopeLevel: level, createdAt: at });
        let t = submitted.getTime();
        const later = () => (t = Math.min(this.now.getTime(), t + rng.int(1, 40) * HOUR));

        if (item.fate === 'rejected') decide(1, new Date(later()), staff.approverId, 'village', item.rejectReason);
        if (item.fate === 'submitted' && required === 2) decide(1, new Date(later()), staff.approverId, 'village');
        if (item.fate !== 'published') continue;

        if (item.rejectReason) {
          // Sent back once before: the rejection predates the current submission.
          decide(1, new Date(t - HOUR), staff.approverId, 'village', item.rejectReason);
          later();
        }
        decide(1, new Date(later()), staff.approverId, 'village');
        if (required === 2) decide(2, new Date(later()), staff.townAgentId!, 'town');
        lastPublished = Math.min(this.now.getTime(), Math.max(t, lastPublished + 1000));
        this.clock.set(new Date(lastPublished));
        const published = await this.publication.publish(em, { ...row, id } as Entry);
        Object.assign(written.get(item)!, { serial: published.serial, publishedAt: published.publishedAt });
      }
      for (let i = 0; i < approvals.length; i += 500) await em.insert(EntryApproval, approvals.slice(i, i + 500));
      for (let i = 0; i < attachments.length; i += 500) await em.insert(Attachment, attachments.slice(i, i + 500));
      return new Map([...written].map(([item, w]) => [item, { id: w.id, publishedAt: w.publishedAt }]));
    });
  }

  private cap(d: Date): Date {
    return d.getTime() > this.now.getTime() ? new Date(this.now) : d;
  }
}

/** Office hours in China (09:00–17:59, UTC+8) on a date plus some days. */
function officeTime(rng: Rng, date: string, plusDays: number): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + plusDays, 1 + rng.int(0, 8), rng.int(0, 59), rng.int(0, 59)));
}
