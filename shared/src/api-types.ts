import type { ChartVersion, CounterpartyKind, Direction, PaymentMethod, RegionLevel, Role } from './enums';
import type { EntryStatus } from './entry-state';

/** Shapes of the public disclosure API, used by the mini-app. */
export interface RegionDto {
  id: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: number | null;
}

export interface ChainHeadDto {
  serial: number;
  hash: string;
}

export interface VillageDto extends RegionDto {
  path: RegionDto[];
  chartVersion: ChartVersion;
  ledgerStart: string | null;
  openingBalanceFen: number;
  chainHead: ChainHeadDto;
  totals: { incomeFen: number; expenseFen: number; balanceFen: number };
}

export interface PublicEntryDto {
  id: number;
  villageId: number;
  serial: number;
  direction: Direction;
  subjectCode: string;
  subjectName: string;
  amountFen: number;
  occurredOn: string;
  counterpartyKind: CounterpartyKind;
  counterpartyName: string;
  summary: string;
  paymentMethod: PaymentMethod;
  voucherNo: string | null;
  publishedAt: string;
  hash: string;
  prevHash: string;
  reversesId: number | null;
  reversesSerial: number | null;
  reversedById: number | null;
  reversalReason: string | null;
  attachmentCount: number;
}

export interface ApprovalStepDto {
  step: number;
  role: Role;
  decision: 'approved' | 'rejected';
  reason: string | null;
  by: string | null;
  at: string;
}

export interface AttachmentDto {
  id: number;
  mime: string;
  size: number;
  url: string;
}

export interface PublicEntryDetailDto extends PublicEntryDto {
  approvals: ApprovalStepDto[];
  attachments: AttachmentDto[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SummaryDto {
  villageId: number;
  year: number;
  openingBalanceFen: number;
  incomeFen: number;
  expenseFen: number;
  closingBalanceFen: number;
  months: { month: string; incomeFen: number; expenseFen: number }[];
  subjects: { direction: Direction; subjectCode: string; subjectName: string; amountFen: number; count: number }[];
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field: string; reason: string }[];
}

export type { EntryStatus };
