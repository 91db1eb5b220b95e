import type { CaseAction, CaseOutcome, CaseStatus } from './case-state';
import type { CaseKind, CaseLinkDto, WarningDto, WarningState } from './supervision-api';
import type { RuleSeverity } from './supervision-rules';

/**
 * The HTTP contract of citizen reports (举报), shared by the server and the mini-app.
 * Every report endpoint answers with `Cache-Control: no-store`. Receipt codes travel only in
 * request bodies, never in URLs (URLs end up in access logs and browser history).
 */

/** What a report was filed from. */
export const REPORT_SUBJECT_TYPES = ['village', 'entry', 'asset', 'contract'] as const;
export type ReportSubjectType = (typeof REPORT_SUBJECT_TYPES)[number];

export const REPORT_TEXT_MAX = 2000;
export const REPORT_PHOTOS_MAX = 6;
export const REPORT_MESSAGE_MAX = 2000;
export const REPORTER_NAME_MAX = 50;
export const REPORT_NOTE_MAX = 2000;
/** The request header that makes a submission safe to retry. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

export interface ReportCategoryDto {
  code: string;
  label: string;
}

/** POST /api/villager/session — exchange a wx.login code for a villager token (WeChat only). */
export interface VillagerSessionRequest {
  code: string;
}
export interface VillagerSessionDto {
  token: string;
  expiresAt: string;
}

/** POST /api/report-uploads (multipart, one field `file`) — a sanitised photo waiting for its report. */
export interface ReportUploadDto {
  /** Opaque, unguessable id to put in `photoIds`; valid for 24 hours. */
  id: string;
  mime: string;
  size: number;
  expiresAt: string;
}

/** POST /api/reports (header Idempotency-Key). A villager token, when sent, makes a named report possible. */
export interface CreateReportRequest {
  villageId: number;
  categoryCode: string;
  text: string;
  subjectType: ReportSubjectType;
  /** Required unless subjectType is 'village' (then it must be absent or the village id). */
  subjectId?: number | null;
  photoIds?: string[];
  /** Named reports need a signed-in villager (WeChat); H5 reports are always anonymous. */
  anonymous: boolean;
  reporterName?: string | null;
  reporterPhone?: string | null;
}

export interface CreateReportResponse {
  /** 16 digits, shown once; the server keeps only a slow hash. */
  receiptCode: string;
  status: CaseStatus;
  createdAt: string;
  /** True when the same text about the same village arrived within a day: linked to that report. */
  duplicate: boolean;
  /** True for a named report of a signed-in villager: the app may ask for subscribe-message consent. */
  canSubscribe: boolean;
  /** The villager's own id for the report (我的举报); null for anonymous reports. */
  reportId: number | null;
}

export interface ReportPhotoDto {
  id: number;
  mime: string;
  /** A signed URL that works for a few minutes. */
  url: string;
}

export interface ReportTimelineItemDto {
  at: string;
  action: CaseAction | 'submitted' | 'transferred';
  status: CaseStatus;
  /** Shown to the reporter only for actions whose note is meant for them (decline, conclude, close). */
  note: string | null;
}

export interface ReportMessageDto {
  id: number;
  from: 'reporter' | 'office';
  text: string;
  at: string;
  photos: ReportPhotoDto[];
}

/** What the holder of a receipt code (or the signed-in reporter) sees. */
export interface ReporterViewDto {
  villageId: number;
  villageName: string;
  categoryCode: string;
  categoryLabel: string;
  subjectType: ReportSubjectType;
  subjectId: number | null;
  text: string;
  createdAt: string;
  status: CaseStatus;
  statusLabel: string;
  outcome: CaseOutcome | null;
  anonymous: boolean;
  photos: ReportPhotoDto[];
  timeline: ReportTimelineItemDto[];
  messages: ReportMessageDto[];
  /** Whether the office is still reachable by follow-up messages (false once closed). */
  open: boolean;
}

/** POST /api/reports/lookup */
export interface ReceiptLookupRequest {
  receiptCode: string;
}

/** POST /api/reports/follow-ups (header Idempotency-Key) */
export interface ReceiptFollowUpRequest {
  receiptCode: string;
  text: string;
  photoIds?: string[];
}
/** POST /api/villager/reports/:id/messages (header Idempotency-Key) */
export interface FollowUpRequest {
  text: string;
  photoIds?: string[];
}

/** GET /api/villager/reports — 我的举报 */
export interface MyReportDto {
  id: number;
  villageName: string;
  categoryLabel: string;
  excerpt: string;
  status: CaseStatus;
  statusLabel: string;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/villager/reports/:id/subscription — the villager accepted N subscribe-message templates. */
export interface SubscriptionRequest {
  accepted: number;
}

// ---- the discipline office (inspectors) ----

export interface InboxQuery {
  /** Citizen reports, rule warnings, or (absent) both. */
  kind?: CaseKind;
  /** Warnings of one rule. */
  ruleId?: string;
  /** Warnings whose condition still holds (open) or has cleared (resolved). */
  warningState?: WarningState;
  status?: CaseStatus;
  villageId?: number;
  categoryCode?: string;
  overdue?: boolean;
  /** 'me', 'none', or an inspector's user id. */
  assignee?: string;
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface InboxItemDto {
  id: number;
  kind: CaseKind;
  /** Warnings: the rule's severity and whether the condition still holds; null for reports. */
  severity: RuleSeverity | null;
  warningState: WarningState | null;
  villageId: number;
  villageName: string;
  townName: string;
  officeRegionId: number;
  officeName: string;
  categoryCode: string;
  categoryLabel: string;
  excerpt: string;
  status: CaseStatus;
  statusLabel: string;
  createdAt: string;
  updatedAt: string;
  assigneeId: number | null;
  assigneeName: string | null;
  /** 'accept' when acknowledgement is late, 'conclude' when the conclusion is late, else null. */
  overdue: 'accept' | 'conclude' | null;
  acceptDueAt: string;
  concludeDueAt: string;
  photoCount: number;
  messageCount: number;
  duplicateCount: number;
  named: boolean;
}

export interface InboxPage {
  items: InboxItemDto[];
  nextCursor: string | null;
  total: number;
}

export interface CaseEventDto {
  id: number;
  at: string;
  /** condition_cleared / reopened: a warning's condition went away or came back (rules engine). */
  action: CaseAction | 'submitted' | 'transferred' | 'assigned' | 'revealed' | 'condition_cleared' | 'reopened';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorName: string | null;
  note: string | null;
}

export interface LinkedSubjectDto {
  type: ReportSubjectType;
  id: number | null;
  /** A one-line description, e.g. "2025-03-05 支出 1,200.00 元 办公用品". */
  title: string;
  /** The public page of the subject in the app, when there is one. */
  path: string | null;
}

export interface ReportDetailDto extends InboxItemDto {
  text: string;
  subject: LinkedSubjectDto;
  photos: ReportPhotoDto[];
  messages: ReportMessageDto[];
  events: CaseEventDto[];
  outcome: CaseOutcome | null;
  amountRecoveredFen: number | null;
  allowedActions: CaseAction[];
  duplicates: { id: number; createdAt: string; excerpt: string }[];
  duplicateOfId: number | null;
  /** Whether the reporter may be told of changes by WeChat subscribe message. */
  notifiable: boolean;
  /** The finding behind a warning case; null for citizen reports. */
  warning: WarningDto | null;
  /** Reports and warnings about the same entry or contract, linked automatically or by an inspector. */
  links: CaseLinkDto[];
}

export interface CaseTransitionRequest {
  action: CaseAction;
  /** The status the inspector saw; when the case has moved on since, the answer is 409 CASE_CHANGED. */
  expectedStatus?: CaseStatus;
  note?: string | null;
  outcome?: CaseOutcome | null;
  amountRecoveredFen?: number | null;
}

export interface AssignRequest {
  /** null to unassign. */
  assigneeId: number | null;
}

export interface TransferRequest {
  officeRegionId: number;
  reason: string;
}

export interface OfficeReplyRequest {
  text: string;
}

export interface RevealRequest {
  reason: string;
}

export interface RevealedIdentityDto {
  name: string | null;
  phone: string | null;
  openid: string | null;
  revealedAt: string;
}

export interface RevealAuditDto {
  id: number;
  at: string;
  inspectorName: string;
  reason: string;
}

export interface InspectorDto {
  id: number;
  displayName: string;
  regionName: string;
}

export interface OfficeDto {
  id: number;
  name: string;
  level: 'town' | 'county' | 'city';
}

export interface ReportStatsDto {
  from: string;
  to: string;
  total: number;
  byStatus: { status: CaseStatus; label: string; count: number }[];
  byCategory: { code: string; label: string; count: number }[];
  byVillage: { villageId: number; villageName: string; count: number }[];
  overdue: number;
  medianDaysToAccept: number | null;
  medianDaysToConclude: number | null;
}

export interface DigestOfficeDto {
  officeRegionId: number;
  officeName: string;
  overdue: { id: number; villageName: string; categoryLabel: string; status: CaseStatus; overdue: 'accept' | 'conclude'; dueAt: string }[];
}
