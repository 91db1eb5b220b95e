import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/**
 * The first answer to an Idempotency-Key. The key itself is not stored (only its sha256), and
 * the answer is sealed with a key derived from it: a database reader cannot recover a receipt code.
 */
@Entity('idempotency_records')
@Index('UQ_idempotency_records_scope_key', ['scope', 'keyHash'], { unique: true })
export class IdempotencyRecord {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  scope: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  /** HMAC of the canonical request under a key derived from the idempotency key, to refuse the same key with another body (422). */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'status_code', type: 'int' })
  statusCode: number;

  @Column({ name: 'response_sealed', type: 'text' })
  responseSealed: string;

  @Column(timestampColumn('created_at'))
  createdAt: Date;

  @Index('IDX_idempotency_records_expires')
  @Column(timestampColumn('expires_at'))
  expiresAt: Date;
}
