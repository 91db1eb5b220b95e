import { Global, Module } from '@nestjs/common';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { LedgerRepository } from './ledger.repository';
import { PublicationService } from './publication.service';
import { ChainVerifier } from './chain-verifier';
import { ApprovalPolicy } from './approval-policy';

@Global()
@Module({
  controllers: [LedgerController],
  providers: [LedgerService, LedgerRepository, PublicationService, ChainVerifier, ApprovalPolicy],
  exports: [LedgerService, LedgerRepository, PublicationService, ChainVerifier, ApprovalPolicy],
})
export class LedgerModule {}
