import { AttachmentsModule } from './modules/attachments/attachments.module';
import { ChartModule } from './modules/chart/chart.module';
import { LedgerModule } from './modules/ledger/ledger.module';
import { DisclosureModule } from './modules/disclosure/disclosure.module';
import { SeedModule } from './modules/seed/seed.module';
import { ImportsModule } from './modules/imports/imports.module';
import { QrcodeModule } from './modules/qrcode/qrcode.module';
import { VillagersModule } from './modules/villagers/villagers.module';
import { ReportsModule } from './modules/reports/reports.module';
import { CasesModule } from './modules/cases/cases.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { AssetsModule } from './modules/assets/assets.module';
import { ContractsModule } from './modules/contracts/contracts.module';
import { RulesModule } from './modules/rules/rules.module';
import { WatchlistModule } from './modules/watchlist/watchlist.module';
/** The feature modules of the API, in one list so adding one is a one-line change. */
export const FEATURE_MODULES = [
  AttachmentsModule,
  ChartModule,
  LedgerModule,
  DisclosureModule,
  SeedModule,
  ImportsModule,
  QrcodeModule,
  VillagersModule,
  ReportsModule,
  CasesModule,
  OutboxModule,
  AssetsModule,
  ContractsModule,
  RulesModule,
  WatchlistModule,
];
