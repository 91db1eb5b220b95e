import { Module } from '@nestjs/common';
import { AssetsController } from './assets.controller';
import { AssetsService } from './assets.service';
import { AssetsRepository } from './assets.repository';
import { AssetImportService } from './asset-import.service';

/** The register of collective assets and resources (staff side; the public side is in the contracts module). */
@Module({
  controllers: [AssetsController],
  providers: [AssetsService, AssetsRepository, AssetImportService],
  exports: [AssetsService, AssetsRepository],
})
export class AssetsModule {}
