import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@mingbai/shared';
import { timestampColumn } from '../../database/columns';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'int' })
  id: number;

  @Index('UQ_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  /** Scope: a village (bookkeeper), a village or town (approver), a town or county (inspector); null = everything (admin). */
  @Index('IDX_users_region')
  @Column({ name: 'region_id', type: 'int', nullable: true })
  regionId: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column(timestampColumn('locked_until', { nullable: true }))
  lockedUntil: Date | null;

  @Column(timestampColumn('created_at'))
  createdAt: Date;
}
