import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module';
import { ContractsController } from './contracts.controller';
import { RegistersPublicController } from './registers-public.controller';
import { ContractsService } from './contracts.service';
import { ContractsRepository } from './contracts.repository';
import { ContractViews } from './contract-views.service';
import { RentReceiptsService } from './rent-receipts.service';
import { ContractImportService } from './contract-import.service';
import { RegistersPublicService } from './registers-public.service';

/** Lease and contracting contracts, rent receipts, and the public side of both registers. */
@Module({
  imports: [AssetsModule],
  controllers: [ContractsController, RegistersPublicController],
  providers: [ContractsService, ContractsRepository, ContractViews, RentReceiptsService, ContractImportService, RegistersPublicService],
  exports: [ContractsRepository],
})
export class ContractsModule {}
