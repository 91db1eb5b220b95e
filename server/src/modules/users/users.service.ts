import { Injectable } from '@nestjs/common';
import type { Role, RegionLevel } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { Region } from '../regions/region.entity';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';
import { PasswordHasher } from './password-hasher';
import { CreateUserDto } from './dto/create-user.dto';

/** Which region levels a role's scope may be. */
const SCOPE_LEVELS: Record<Role, RegionLevel[]> = {
  admin: ['city', 'county', 'town', 'village'],
  bookkeeper: ['village'],
  approver: ['village', 'town'],
  inspector: ['town', 'county', 'city'],
};

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionId: number | null;
  active: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserView> {
    let region: Region | null = null;
    if (dto.regionId !== undefined) {
      region = await this.db.manager.findOne(Region, { where: { id: dto.regionId } });
      if (!region || !this.scope.covers(actor, region)) throw new NotFound('region');
    } else if (dto.role !== 'admin' || actor.regionPath !== null) {
      throw new ValidationFailed([{ field: 'regionId', reason: 'regionId is required for this role' }]);
    }
    if (region && !SCOPE_LEVELS[dto.role].includes(region.level))
      throw new ValidationFailed([
        { field: 'regionId', reason: `a ${dto.role} must be bound to a ${SCOPE_LEVELS[dto.role].join(' or ')}` },
      ]);
    const passwordHash = await this.hasher.hash(dto.password);
    const user = await this.db.transaction(async (em) => {
      if (await this.users.findByUsername(dto.username, em))
        throw new AppException(409, 'USERNAME_TAKEN', 'username is already taken', [{ field: 'username', reason: 'already taken' }]);
      return em.save(
        em.create(User, {
          username: dto.username,
          passwordHash,
          displayName: dto.displayName.trim(),
          role: dto.role,
          regionId: region?.id ?? null,
          active: true,
          failedLogins: 0,
          lockedUntil: null,
          createdAt: this.clock.now(),
        }),
      );
    });
    return toView(user);
  }

  async list(actor: AuthUser): Promise<UserView[]> {
    return (await this.users.list(this.scope.pathPattern(actor))).map(toView);
  }
}

function toView(u: User): UserView {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, regionId: u.regionId, active: u.active };
}
