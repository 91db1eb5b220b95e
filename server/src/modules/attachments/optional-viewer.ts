import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AccessTokenPayload } from '../../common/auth/auth.guard';
import { UsersRepository } from '../users/users.repository';

/**
 * The signed-in staff member behind an optional `Authorization: Bearer` header, on a public
 * route where the global guard does not look at it. A missing, bad or expired token is simply
 * nobody: the caller is then treated like the public.
 */
@Injectable()
export class OptionalViewer {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async fromHeader(header: string | undefined): Promise<AuthUser | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) return null;
    try {
      const payload = await this.jwt.verifyAsync<AccessTokenPayload>(match[1]);
      // A villager's token names a villager id, not a staff member's.
      if (payload.kind === 'villager' || !payload.role) return null;
      return await this.users.findAuthUser(payload.sub);
    } catch {
      return null;
    }
  }
}
