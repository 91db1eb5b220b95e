import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** One refresh token; only its SHA-256 is stored. Tokens of one login share a family, so reuse revokes them all. */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('IDX_refresh_tokens_user')
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @Index('IDX_refresh_tokens_family')
  @Column({ type: 'varchar', length: 32 })
  family: string;

  @Index('UQ_refresh_tokens_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(timestampColumn('expires_at'))
  expiresAt: Date;

  @Column(timestampColumn('revoked_at', { nullable: true }))
  revokedAt: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
