import { Module } from '@nestjs/common';
import { RegionsService } from '../regions/regions.service';
import { DemoSeeder } from './demo-seeder';

/** Demo data for a fresh installation (SEED_DEMO=true, or `npm run seed`). */
@Module({
  // RegionsService is not exported by RegionsModule; the seeder needs its update rules for the town threshold.
  providers: [DemoSeeder, RegionsService],
  exports: [DemoSeeder],
})
export class SeedModule {}
