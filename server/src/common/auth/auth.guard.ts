import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@mingbai/shared';
import { AppException } from '../errors/app-exception';
import { IS_PUBLIC, ROLES, VILLAGER } from './decorators';
import { AuthUser } from './auth-user';
import { AuthVillager } from './auth-villager';
import { UsersRepository } from '../../modules/users/users.repository';

export interface AccessTokenPayload {
  sub: number;
  role?: Role;
  kind?: 'villager';
}

type GuardedRequest = { headers: Record<string, string | undefined>; user?: AuthUser; villager?: AuthVillager };

/**
 * The one global guard. Every route needs a signed-in staff member unless it is marked @Public()
 * or @VillagerRoute(). Villager tokens (WeChat sign-in) open villager routes only; staff tokens
 * never open villager routes, so neither kind of id can be mistaken for the other.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const villagerMode = this.reflector.getAllAndOverride<'required' | 'optional' | undefined>(VILLAGER, targets);
    if (villagerMode) return this.villagerRoute(req, villagerMode);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const token = bearer(req);
    if (!token) throw new AppException(401, 'UNAUTHENTICATED', '请先登录');
    const payload = await this.verify(token);
    if (payload.kind === 'villager' || !payload.role) throw new AppException(401, 'TOKEN_INVALID', '请使用工作人员账号登录');
    const user = await this.users.findAuthUser(payload.sub);
    if (!user) throw new AppException(401, 'TOKEN_INVALID', '账号不存在或已停用');
    req.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) throw new AppException(403, 'FORBIDDEN', '无权进行此操作');
    return true;
  }

  private async villagerRoute(req: GuardedRequest, mode: 'required' | 'optional'): Promise<boolean> {
    const token = bearer(req);
    if (!token) {
      if (mode === 'optional') return true;
      throw new AppException(401, 'UNAUTHENTICATED', '请先在微信中登录');
    }
    const payload = await this.verify(token);
    if (payload.kind !== 'villager') {
      // A staff member using the villager side is just another anonymous visitor.
      if (mode === 'optional') return true;
      throw new AppException(401, 'TOKEN_INVALID', '请先在微信中登录');
    }
    req.villager = { id: payload.sub };
    return true;
  }

  private async verify(token: string): Promise<AccessTokenPayload> {
    try {
      return await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch {
      throw new AppException(401, 'TOKEN_INVALID', '登录已过期，请重新登录');
    }
  }
}

function bearer(req: GuardedRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
  return match ? match[1] : null;
}
