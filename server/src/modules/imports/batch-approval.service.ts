import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { AppException, NotFound } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { DomainEvents } from '../../common/events/domain-events';
import { LedgerService } from '../ledger/ledger.service';
import { LedgerRepository } from '../ledger/ledger.repository';
import { ImportBatchesRepository } from './import-batches.repository';
import type { BatchApprovalResult } from './import.types';

/**
 * An approver approves every waiting entry of an import batch at once, through the ledger's own
 * approval (scope, no self-approval, town agent for the second approval, publication), in one
 * transaction: one entry failing rolls the whole batch approval back.
 */
@Injectable()
export class BatchApprovalService {
  constructor(
    private readonly db: Db,
    private readonly scope: ScopeService,
    private readonly ledger: LedgerService,
    private readonly entries: LedgerRepository,
    private readonly batches: ImportBatchesRepository,
    private readonly events: DomainEvents,
  ) {}

  async approve(user: AuthUser, batchId: number): Promise<BatchApprovalResult> {
    const published: number[] = [];
    let villageId = 0;
    const result = await this.db.transaction(async (em) => {
      const batch = await this.batches.find(batchId, em);
      const village = batch && (await this.entries.findVillage(batch.villageId, em));
      if (!batch || !village || !this.scope.covers(user, village)) throw new NotFound('import batch');
      villageId = village.id;

      const waiting = await this.batches.waiting(em, batchId);
      if (waiting.length === 0) throw new AppException(409, 'NOTHING_TO_APPROVE', 'no entry of this import batch is waiting for approval');
      // Entries this approver already approved wait for someone else (the town agent); they are skipped.
      const mine = await this.batches.approvedBy(em, batchId, user.id);
      if (mine.size === waiting.length)
        throw new AppException(
          409,
          'ALREADY_APPROVED',
          'you already approved every waiting entry of this batch; the town agent gives the second approval',
        );

      const result: BatchApprovalResult = { approved: 0, published: 0, pendingSecondApproval: mine.size };
      for (const { id } of waiting) {
        if (mine.has(id)) continue;
        const after = await this.approveOne(em, user, id);
        result.approved += 1;
        if (after === 'published') {
          result.published += 1;
          published.push(id);
        } else result.pendingSecondApproval += 1;
      }
      return result;
    });
    if (published.length) this.events.emit({ type: 'entries.published', villageId, entryIds: published });
    return result;
  }

  private async approveOne(em: Parameters<LedgerService['approveIn']>[0], user: AuthUser, id: number): Promise<string> {
    try {
      return (await this.ledger.approveIn(em, user, id)).status;
    } catch (e) {
      if (!(e instanceof AppException)) throw e;
      const reason = `entry ${id}: ${e.message}`;
      throw new AppException(e.getStatus(), e.code, `批量审批未完成，没有任何记录被审批 (${reason})`, [
        { field: `entry ${id}`, reason: e.message },
      ]);
    }
  }
}
