import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@mingbai/shared';
import { AppException } from '../errors/app-exception';
import { IS_PUBLIC, ROLES } from './decorators';
import { AuthUser } from './auth-user';
import { UsersRepository } from '../../modules/users/users.repository';

export interface AccessTokenPayload {
  sub: number;
  role: Role;
}

/** The one global guard: every route needs a signed-in user unless it is marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersRepository,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AuthUser }>();
    const header = req.headers['authorization'] ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppException(401, 'UNAUTHENTICATED', '请先登录');
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(match[1]);
    } catch {
      throw new AppException(401, 'TOKEN_INVALID', '登录已过期，请重新登录');
    }
    const user = await this.users.findAuthUser(payload.sub);
    if (!user) throw new AppException(401, 'TOKEN_INVALID', '账号不存在或已停用');
    req.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) throw new AppException(403, 'FORBIDDEN', '无权进行此操作');
    return true;
  }
}
