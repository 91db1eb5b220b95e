import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { NotFound } from '../errors/app-exception';
import { Region } from '../../modules/regions/region.entity';
import { Db } from '../../database/db.service';

/**
 * The one place that decides which villages a staff member may touch: those whose region path
 * starts with the path of the user's own region. Anything outside looks missing (404), never forbidden.
 */
@Injectable()
export class ScopeService {
  constructor(private readonly db: Db) {}

  covers(user: AuthUser, region: Pick<Region, 'path'>): boolean {
    if (user.role === 'admin' && user.regionPath === null) return true;
    return user.regionPath !== null && region.path.startsWith(user.regionPath);
  }

  /** The village, when it exists and is in the user's scope; otherwise 404. */
  async requireVillage(user: AuthUser, villageId: number): Promise<Region> {
    const village = await this.db.manager.findOne(Region, { where: { id: villageId, level: 'village' } });
    if (!village || !this.covers(user, village)) throw new NotFound('village');
    return village;
  }

  /** A LIKE pattern for `regions.path` that selects the user's villages, or null for all. */
  pathPattern(user: AuthUser): string | null {
    if (user.role === 'admin' && user.regionPath === null) return null;
    return `${user.regionPath ?? '/nothing/'}%`;
  }
}
