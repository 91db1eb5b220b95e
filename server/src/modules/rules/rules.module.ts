import { Module } from '@nestjs/common';
import { JobClaims } from '../cases/job-claims';
import { ReportsModule } from '../reports/reports.module';
import { RULES } from './definitions';
import { SUPERVISION_RULES } from './rules.tokens';
import { RuleStatsRepository } from './rule-stats.repository';
import { RuleSettingsRepository } from './rule-settings.repository';
import { RuleRunsRepository } from './rule-runs.repository';
import { RuleRegionsRepository } from './rule-regions.repository';
import { WarningsRepository } from './warnings.repository';
import { RulesEngine } from './rules-engine.service';
import { RulesScheduler } from './rules.scheduler';
import { RulesService } from './rules.service';
import { HolidaysLoader } from './holidays.loader';
import { InspectorRulesController, RulesController } from './rules.controller';

/**
 * The supervision rules engine: the rules (./definitions), their runs (after publications and
 * contract changes, daily, on demand), the warnings they keep and the cases opened for them, and
 * the rules pages. JobClaims is provided here rather than imported with CasesModule, which may in
 * turn use RuleStatsRepository.
 */
@Module({
  imports: [ReportsModule],
  controllers: [RulesController, InspectorRulesController],
  providers: [
    { provide: SUPERVISION_RULES, useValue: RULES },
    RuleStatsRepository,
    RuleSettingsRepository,
    RuleRunsRepository,
    RuleRegionsRepository,
    WarningsRepository,
    RulesEngine,
    RulesScheduler,
    RulesService,
    HolidaysLoader,
    JobClaims,
  ],
  exports: [RuleStatsRepository, RulesEngine],
})
export class RulesModule {}
