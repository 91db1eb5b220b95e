import { Region } from '../modules/regions/region.entity';
import { User } from '../modules/users/user.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { ChartAccount } from '../modules/chart/chart-account.entity';
import { Entry } from '../modules/ledger/entry.entity';
import { EntryApproval } from '../modules/ledger/entry-approval.entity';
import { ChainHead } from '../modules/ledger/chain-head.entity';
import { MonthTotal } from '../modules/disclosure/month-total.entity';
import { Attachment } from '../modules/attachments/attachment.entity';
import { ImportBatch } from '../modules/imports/import-batch.entity';
import { ReportCategory } from '../modules/reports/report-category.entity';
import { Report } from '../modules/reports/report.entity';
import { ReportEvent } from '../modules/reports/report-event.entity';
import { ReportMessage } from '../modules/reports/report-message.entity';
import { ReportFile } from '../modules/reports/report-file.entity';
import { IdentityReveal } from '../modules/reports/identity-reveal.entity';
import { IdempotencyRecord } from '../modules/reports/idempotency-record.entity';
import { RateEvent } from '../modules/reports/rate-event.entity';
import { Villager } from '../modules/villagers/villager.entity';
import { OutboxEvent } from '../modules/outbox/outbox-event.entity';
import { WebhookEndpoint } from '../modules/outbox/webhook-endpoint.entity';
import { WebhookDelivery } from '../modules/outbox/webhook-delivery.entity';
import { WebhookAttempt } from '../modules/outbox/webhook-attempt.entity';
import { NotificationDelivery } from '../modules/outbox/notification-delivery.entity';
import { JobRun } from '../modules/outbox/job-run.entity';
import { Asset } from '../modules/assets/asset.entity';
import { Contract } from '../modules/contracts/contract.entity';
import { ContractInstallment } from '../modules/contracts/contract-installment.entity';
import { RentReceipt } from '../modules/contracts/rent-receipt.entity';
import { Warning } from '../modules/rules/warning.entity';
import { RuleSetting } from '../modules/rules/rule-setting.entity';
import { RuleRun } from '../modules/rules/rule-run.entity';
import { Holiday } from '../modules/rules/holiday.entity';
import { WatchPerson } from '../modules/watchlist/watch-person.entity';
import { CaseLink } from '../modules/cases/case-link.entity';

export const ENTITIES = [
  Region,
  User,
  RefreshToken,
  ChartAccount,
  Entry,
  EntryApproval,
  ChainHead,
  MonthTotal,
  Attachment,
  ImportBatch,
  ReportCategory,
  Report,
  ReportEvent,
  ReportMessage,
  ReportFile,
  IdentityReveal,
  IdempotencyRecord,
  RateEvent,
  Villager,
  OutboxEvent,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  NotificationDelivery,
  JobRun,
  Asset,
  Contract,
  ContractInstallment,
  RentReceipt,
  Warning,
  RuleSetting,
  RuleRun,
  Holiday,
  WatchPerson,
  CaseLink,
];
