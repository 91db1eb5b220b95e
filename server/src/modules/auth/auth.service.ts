import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app-exception';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { PasswordHasher } from '../users/password-hasher';
import { RefreshToken } from './refresh-token.entity';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: number; username: string; displayName: string; role: User['role']; regionId: number | null };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

@Injectable()
export class AuthService {
  // Compared against when the username is unknown, so both cases take as long.
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenPair> {
    const user = await this.users.findByUsername(username);
    if (!user || !user.active) {
      this.dummyHash ??= this.hasher.hash('not-a-real-password');
      await this.hasher.verify(await this.dummyHash, password);
      throw invalidCredentials();
    }
    const now = this.clock.now();
    if (user.lockedUntil && user.lockedUntil > now)
      throw new AppException(423, 'ACCOUNT_LOCKED', `密码错误次数过多，账号已锁定至 ${user.lockedUntil.toISOString()}`);
    const ok = await this.hasher.verify(user.passwordHash, password);
    const pair = await this.db.transaction(async (em) => {
      if (!ok) {
        // Count in the database: parallel wrong guesses must each count.
        await em.createQueryBuilder().update(User).set({ failedLogins: () => 'failed_logins + 1' }).where('id = :id', { id: user.id }).execute();
        const counted = await em.findOne(User, { where: { id: user.id }, select: { id: true, failedLogins: true } });
        if ((counted?.failedLogins ?? 0) >= MAX_FAILED_LOGINS)
          await em.update(User, { id: user.id }, { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) });
        return null; // commit the failure count, then refuse
      }
      if (user.failedLogins > 0 || user.lockedUntil) await em.update(User, { id: user.id }, { failedLogins: 0, lockedUntil: null });
      return this.issue(em, user, randomBytes(12).toString('hex'));
    });
    if (!pair) throw invalidCredentials();
    return pair;
  }

  /** Exchanges a refresh token for a new pair; a token used twice revokes its whole family. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const outcome = await this.db.transaction(async (em) => {
      const stored = await this.db
        .forUpdate(em.createQueryBuilder(RefreshToken, 't').where('t.token_hash = :h', { h: sha256(refreshToken) }))
        .getOne();
      const now = this.clock.now();
      if (!stored || stored.expiresAt <= now) return null;
      if (stored.revokedAt) {
        await em.update(RefreshToken, { family: stored.family, revokedAt: IsNull() }, { revokedAt: now });
        return 'reused' as const;
      }
      const user = await this.users.findById(stored.userId, em);
      if (!user || !user.active) return null;
      await em.update(RefreshToken, { id: stored.id }, { revokedAt: now });
      return this.issue(em, user, stored.family);
    });
    if (outcome === null || outcome === 'reused')
      throw new AppException(401, 'REFRESH_INVALID', '登录已失效，请重新登录');
    return outcome;
  }

  async logout(refreshToken: string): Promise<void> {
    await this.db.transaction(async (em) => {
      const stored = await em.findOne(RefreshToken, { where: { tokenHash: sha256(refreshToken) } });
      if (stored) await em.update(RefreshToken, { family: stored.family, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    });
  }

  private async issue(em: EntityManager, user: User, family: string): Promise<TokenPair> {
    const now = this.clock.now();
    const refreshToken = randomBytes(32).toString('base64url');
    await em.insert(RefreshToken, {
      userId: user.id,
      family,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000),
      revokedAt: null,
      createdAt: now,
    });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    return {
      accessToken,
      refreshToken,
      expiresIn: this.config.accessTokenTtlSeconds,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, regionId: user.regionId },
    };
  }
}

function invalidCredentials(): AppException {
  return new AppException(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
}
