import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@mingbai/shared';
import type { AuthUser } from './auth-user';
import type { AuthVillager } from './auth-villager';

export const IS_PUBLIC = 'mingbai:public';
export const ROLES = 'mingbai:roles';
export const VILLAGER = 'mingbai:villager';

/** Anyone may call this route, signed in or not. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call this route (every non-public route needs a signed-in user in any case). */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});

/**
 * A route for villagers signed in through WeChat: 'required' needs a villager token (staff tokens
 * are refused); 'optional' is public, but a villager token, when sent, must be valid and is attached.
 */
export const VillagerRoute = (mode: 'required' | 'optional'): MethodDecorator & ClassDecorator => SetMetadata(VILLAGER, mode);

/** The signed-in villager, or null on an 'optional' villager route called without a token. */
export const CurrentVillager = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthVillager | null => {
  return ctx.switchToHttp().getRequest<{ villager?: AuthVillager }>().villager ?? null;
});
