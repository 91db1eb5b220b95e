import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { Region } from '../regions/region.entity';
import { Entry } from '../ledger/entry.entity';
import { ApprovalPolicy } from '../ledger/approval-policy';
import { newEntryRow } from '../ledger/new-entry';
import { approvalsRequired } from '@mingbai/shared';
import { ImportBatch } from './import-batch.entity';
import { bulkInsert } from './bulk-insert';
import type { CommitResult, ImportedEntry } from './import.types';

/**
 * Stores a checked file inside the caller's transaction: one import_batches row and its entries,
 * submitted for approval at once (as LedgerService.submit would leave them).
 */
@Injectable()
export class ImportWriter {
  constructor(
    private readonly clock: Clock,
    private readonly policy: ApprovalPolicy,
  ) {}

  async write(em: EntityManager, user: AuthUser, village: Region, fileName: string, rows: Iterable<ImportedEntry>): Promise<CommitResult> {
    const now = this.clock.now();
    const inserted = await em.insert(ImportBatch, { villageId: village.id, createdBy: user.id, fileName, rowCount: 0, createdAt: now });
    const batchId = Number(inserted.identifiers[0].id);
    const threshold = await this.policy.threshold(em, village);

    const toEntry = (r: ImportedEntry): Omit<Entry, 'id'> =>
      newEntryRow({
        villageId: village.id,
        status: 'submitted',
        direction: r.direction,
        subjectCode: r.subjectCode,
        amountFen: r.amountFen,
        occurredOn: r.occurredOn,
        counterpartyKind: r.counterpartyKind,
        counterpartyName: r.counterpartyName,
        counterpartyDisplay: r.counterpartyDisplay,
        summary: r.summary,
        paymentMethod: r.paymentMethod,
        voucherNo: r.voucherNo,
        approvalsRequired: approvalsRequired(r.amountFen, threshold),
        importBatchId: batchId,
        createdBy: user.id,
        createdAt: now,
        submittedAt: now,
      });
    const count = await bulkInsert(em, Entry, lazyMap(rows, toEntry));
    await em.update(ImportBatch, { id: batchId }, { rowCount: count });
    return { batchId, rows: count };
  }
}

/** Entity objects made one at a time as the insert consumes them. */
function* lazyMap<A, B>(items: Iterable<A>, f: (a: A) => B): Generator<B> {
  for (const item of items) yield f(item);
}
