import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db } from '../../database/db.service';
import type { AuthUser } from '../../common/auth/auth-user';
import { Region } from '../regions/region.entity';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  findByUsername(username: string, em: EntityManager = this.db.manager): Promise<User | null> {
    return em.findOne(User, { where: { username } });
  }

  findById(id: number, em: EntityManager = this.db.manager): Promise<User | null> {
    return em.findOne(User, { where: { id } });
  }

  /** The active user with their region's path, as the guard attaches it to a request. */
  async findAuthUser(id: number): Promise<AuthUser | null> {
    const user = await this.db.manager.findOne(User, { where: { id, active: true } });
    if (!user) return null;
    const region = user.regionId ? await this.db.manager.findOne(Region, { where: { id: user.regionId } }) : null;
    if (user.regionId && !region) return null;
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      regionId: user.regionId,
      regionPath: region?.path ?? null,
      regionLevel: region?.level ?? null,
    };
  }

  list(pathPattern: string | null): Promise<User[]> {
    const qb = this.db.manager.createQueryBuilder(User, 'u').orderBy('u.id', 'ASC');
    if (pathPattern !== null)
      qb.innerJoin(Region, 'r', 'r.id = u.region_id').where('r.path LIKE :p', { p: pathPattern });
    return qb.getMany();
  }

  /** Display names by id, for approval trails. */
  async displayNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.manager.createQueryBuilder(User, 'u').select(['u.id', 'u.displayName']).whereInIds(ids).getMany();
    return new Map(rows.map((u) => [u.id, u.displayName]));
  }
}
