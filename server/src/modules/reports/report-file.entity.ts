import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/**
 * A photo of a report or of a follow-up message: uploaded first (reportId null, expiresAt set),
 * bound when the report or message is created. Kept apart from ledger attachments so no ledger
 * route can ever serve it.
 */
@Entity('report_files')
export class ReportFile {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  /** The unguessable id the uploader holds until the file is bound. */
  @Index('UQ_report_files_token', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  token: string;

  @Index('IDX_report_files_report')
  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  @Column({ name: 'message_id', type: 'int', nullable: true })
  messageId: number | null;

  @Index('UQ_report_files_storage_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'varchar', length: 50 })
  mime: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** When an unbound upload is deleted; null once bound. */
  @Column(timestampColumn('expires_at', { nullable: true }))
  expiresAt: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
