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
];
