import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CaseKind, CaseOutcome, CaseStatus, ReportSubjectType } from '@mingbai/shared';
import { moneyColumn, timestampColumn } from '../../database/columns';

/**
 * A citizen report (举报). Who filed it is sealed in `identitySealed` (IdentityCipher, bound to
 * the report id); the receipt code exists only as a slow hash. Only inspectors whose region
 * covers `officeRegionId` ever see a report.
 */
@Entity('reports')
@Index('IDX_reports_office_status', ['officeRegionId', 'status'])
@Index('IDX_reports_village_created', ['villageId', 'createdAt'])
@Index('IDX_reports_text_hash', ['textHash', 'villageId'])
@Index('IDX_reports_kind_status', ['kind', 'status'])
export class Report {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /**
   * 'report': filed by a villager. 'warning': opened by a supervision rule (its finding is the
   * `warnings` row whose case_id is this id); it has no reporter, photos or receipt code.
   */
  @Column({ type: 'varchar', length: 8, default: 'report' })
  kind: CaseKind;

  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  /** The town or county region whose discipline office handles the report now. */
  @Column({ name: 'office_region_id', type: 'int' })
  officeRegionId: number;

  @Column({ name: 'category_code', type: 'varchar', length: 32 })
  categoryCode: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 10 })
  subjectType: ReportSubjectType;

  @Column({ name: 'subject_id', type: 'int', nullable: true })
  subjectId: number | null;

  @Column({ type: 'text' })
  text: string;

  /** sha256 of the normalised text, to link the same text about the same village within a day. */
  @Column({ name: 'text_hash', type: 'varchar', length: 64 })
  textHash: string;

  @Column({ type: 'varchar', length: 16 })
  status: CaseStatus;

  @Column({ type: 'varchar', length: 24, nullable: true })
  outcome: CaseOutcome | null;

  @Column(moneyColumn('amount_recovered_fen', { nullable: true }))
  amountRecoveredFen: number | null;

  /** Slow, peppered hash of the 16-digit receipt code. */
  @Index('UQ_reports_receipt_hash', { unique: true })
  @Column({ name: 'receipt_hash', type: 'varchar', length: 128 })
  receiptHash: string;

  /** The signed-in villager of a named report (我的举报); null for anonymous reports. */
  @Index('IDX_reports_villager')
  @Column({ name: 'villager_id', type: 'int', nullable: true })
  villagerId: number | null;

  /** Sealed JSON {openid, name, phone} of a named report; null when anonymous. */
  @Column({ name: 'identity_sealed', type: 'text', nullable: true })
  identitySealed: string | null;

  @Index('IDX_reports_assignee')
  @Column({ name: 'assignee_id', type: 'int', nullable: true })
  assigneeId: number | null;

  /** Set when this report repeats an earlier one: it follows that report's case. */
  @Index('IDX_reports_duplicate_of')
  @Column({ name: 'duplicate_of_id', type: 'int', nullable: true })
  duplicateOfId: number | null;

  @Column({ type: 'varchar', length: 8 })
  /** 'rule' for warning cases opened by the rules engine. */
  channel: 'weapp' | 'h5' | 'rule';

  /** Subscribe messages the reporter has consented to and not yet been sent. */
  @Column({ name: 'notify_credits', type: 'int', default: 0 })
  notifyCredits: number;

  @Column(timestampColumn('accept_due_at'))
  acceptDueAt: Date;

  @Column(timestampColumn('conclude_due_at'))
  concludeDueAt: Date;

  @Column(timestampColumn('accepted_at', { nullable: true }))
  acceptedAt: Date | null;

  @Column(timestampColumn('concluded_at', { nullable: true }))
  concludedAt: Date | null;

  @Column(timestampColumn('closed_at', { nullable: true }))
  closedAt: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;

  @Column(timestampColumn('updated_at'))
  updatedAt: Date;
}
