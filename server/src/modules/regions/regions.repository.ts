import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { Db } from '../../database/db.service';
import { Region } from './region.entity';
import { likeContains, likePrefix } from '../../common/validation/like';

@Injectable()
export class RegionsRepository {
  constructor(private readonly db: Db) {}

  findById(id: number): Promise<Region | null> {
    return this.db.manager.findOne(Region, { where: { id } });
  }

  findVillage(id: number): Promise<Region | null> {
    return this.db.manager.findOne(Region, { where: { id, level: 'village' } });
  }

  children(parentId: number | null): Promise<Region[]> {
    const qb = this.db.manager.createQueryBuilder(Region, 'r').orderBy('r.code', 'ASC');
    if (parentId === null) {
      // The top of the tree: regions whose parent is not stored.
      qb.where('r.parent_id IS NULL');
    } else qb.where('r.parent_id = :parentId', { parentId });
    return qb.getMany();
  }

  /** Regions on a path "/1/4/17/" in order from the top. */
  async ancestors(path: string): Promise<Region[]> {
    const ids = path.split('/').filter(Boolean).map(Number);
    if (ids.length === 0) return [];
    const rows = await this.db.manager.createQueryBuilder(Region, 'r').whereInIds(ids).getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is Region => !!r);
  }

  searchVillages(q: string | undefined, withinPath: string | null, limit: number): Promise<Region[]> {
    const qb = this.db.manager
      .createQueryBuilder(Region, 'r')
      .where('r.level = :level', { level: 'village' })
      .orderBy('r.code', 'ASC')
      .limit(limit);
    if (withinPath) qb.andWhere('r.path LIKE :p', { p: `${withinPath}%` });
    if (q) {
      qb.andWhere(
        new Brackets((w) =>
          w.where("r.name LIKE :like ESCAPE '!'", { like: likeContains(q) }).orWhere("r.code LIKE :code ESCAPE '!'", { code: likePrefix(q) }),
        ),
      );
    }
    return qb.getMany();
  }

  /** The town a village belongs to (its parent), for the approval policy. */
  async townOf(village: Region): Promise<Region | null> {
    return village.parentId ? this.findById(village.parentId) : null;
  }
}
