import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db.service';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { Region } from '../regions/region.entity';
import { ImportAnalyser } from './import-analyser';
import { ImportCheck, MAX_LISTED_ERRORS } from './import-check';
import { ImportWriter } from './import-writer';
import { ImportBatchesRepository } from './import-batches.repository';
import type { CommitResult, DryRunResult, ImportBatchView } from './import.types';

/**
 * Bulk import of ledger entries from a CSV or XLSX file of a bookkeeper's own village:
 * a dry run reports every problem; a commit stores all rows or none, submitted for approval.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly scope: ScopeService,
    private readonly analyser: ImportAnalyser,
    private readonly writer: ImportWriter,
    private readonly batches: ImportBatchesRepository,
  ) {}

  async dryRun(user: AuthUser, bytes: Buffer): Promise<DryRunResult> {
    const { check } = await this.open(user, bytes);
    check.finish();
    return {
      dryRun: true,
      format: check.sheet.format,
      rows: check.rows,
      valid: check.valid,
      errorCount: check.errorCount,
      errors: check.errors,
    };
  }

  /**
   * All rows or none. The rows are written as they pass, in one transaction, while the rest of
   * the file is still being read; the first bad row stops the writing, the rest is still checked
   * for the report, and the transaction is rolled back.
   */
  async commit(user: AuthUser, bytes: Buffer, fileName: string): Promise<CommitResult> {
    const { village, check } = await this.open(user, bytes);
    if (check.errorCount) throw rowErrors(check.finish());
    return this.db.transaction(async (em) => {
      const written = await this.writer.write(em, user, village, fileName, check.entriesUntilFirstError());
      if (check.errorCount) throw rowErrors(check);
      return written;
    });
  }

  async get(user: AuthUser, id: number): Promise<ImportBatchView> {
    const batch = await this.batches.find(id);
    const village = batch && (await this.db.manager.findOne(Region, { where: { id: batch.villageId } }));
    if (!batch || !village || !this.scope.covers(user, village)) throw new NotFound('import batch');
    return {
      id: batch.id,
      villageId: batch.villageId,
      villageName: village.name,
      fileName: batch.fileName,
      rowCount: batch.rowCount,
      createdBy: batch.createdBy,
      createdAt: batch.createdAt.toISOString(),
      counts: await this.batches.countByStatus(batch.id),
    };
  }

  private async open(user: AuthUser, bytes: Buffer): Promise<{ village: Region; check: ImportCheck }> {
    if (user.role !== 'bookkeeper' || !user.regionId) throw new AppException(403, 'FORBIDDEN', 'only a village bookkeeper imports entries');
    const village = await this.scope.requireVillage(user, user.regionId);
    return { village, check: await this.analyser.open(village, bytes) };
  }
}

function rowErrors(check: ImportCheck): ValidationFailed {
  const more = check.errorCount > MAX_LISTED_ERRORS ? `，下面列出前 ${MAX_LISTED_ERRORS} 处` : '';
  return new ValidationFailed(
    check.errors.map((e) => ({ field: `row ${e.row}.${e.field}`, reason: e.reason })),
    `导入文件有 ${check.errorCount} 处错误${more}；没有导入任何记录`,
  );
}
