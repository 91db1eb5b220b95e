import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** A voucher file. Uploaded first (entryId null), then attached to an entry of the same village. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_attachments_village')
  @Column({ name: 'village_id', type: 'int' })
  villageId: number;

  @Index('IDX_attachments_entry')
  @Column({ name: 'entry_id', type: 'int', nullable: true })
  entryId: number | null;

  /** Contract scans (staff and inspectors only; never public: they carry personal data). */
  @Index('IDX_attachments_contract')
  @Column({ name: 'contract_id', type: 'int', nullable: true })
  contractId: number | null;

  /** Random name in the storage backend; never derived from the uploaded file name. */
  @Index('UQ_attachments_storage_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'varchar', length: 50 })
  mime: string;

  @Column({ name: 'size_bytes', type: 'int' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'uploaded_by', type: 'int' })
  uploadedBy: number;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
