import { Global, Module } from '@nestjs/common';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { AttachmentStorage } from './attachment-storage';
import { LocalDiskStorage } from './local-disk.storage';
import { OptionalViewer } from './optional-viewer';

/** Voucher files. Global so the ledger can bind attachments to entries inside its own transactions. */
@Global()
@Module({
  controllers: [AttachmentsController],
  providers: [AttachmentsService, OptionalViewer, { provide: AttachmentStorage, useClass: LocalDiskStorage }],
  exports: [AttachmentsService, AttachmentStorage],
})
export class AttachmentsModule {}
