import { Module } from '@nestjs/common';
import { RegionsService } from '../regions/regions.service';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ReportsModule } from '../reports/reports.module';
import { RulesModule } from '../rules/rules.module';
import { DemoSeeder } from './demo-seeder';

/** Demo data for a fresh installation (SEED_DEMO=true, or `npm run seed`). */
@Module({
  imports: [AttachmentsModule, ReportsModule, RulesModule],
  // RegionsService is not exported by RegionsModule; the seeder needs its update rules for the town threshold.
  providers: [DemoSeeder, RegionsService],
  exports: [DemoSeeder],
})
export class SeedModule {}
