import { Module } from '@nestjs/common';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ImportAnalyser } from './import-analyser';
import { ImportWriter } from './import-writer';
import { ImportBatchesRepository } from './import-batches.repository';
import { BatchApprovalService } from './batch-approval.service';

/** Bulk import of ledger entries from CSV/XLSX, and approval of an import batch as a whole. */
@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportAnalyser, ImportWriter, ImportBatchesRepository, BatchApprovalService],
  exports: [ImportsService],
})
export class ImportsModule {}
