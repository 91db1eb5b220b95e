import { Global, Module } from '@nestjs/common';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';
import { RegionsRepository } from './regions.repository';
import { RegionImportService } from './region-import.service';

@Global()
@Module({
  controllers: [RegionsController],
  providers: [RegionsService, RegionsRepository, RegionImportService],
  exports: [RegionsRepository, RegionImportService],
})
export class RegionsModule {}
