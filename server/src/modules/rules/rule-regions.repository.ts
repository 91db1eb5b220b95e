import { Injectable } from '@nestjs/common';
import type { RegionLevel } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Region } from '../regions/region.entity';

/** What the engine needs of a region: where it sits. */
export interface RegionNode {
  id: number;
  level: RegionLevel;
  parentId: number | null;
  path: string;
}

/** Regions as the rules engine reads them. */
@Injectable()
export class RuleRegionsRepository {
  constructor(private readonly db: Db) {}

  /** Every region of a level, by id. */
  async ofLevel(level: RegionLevel): Promise<RegionNode[]> {
    const rows = await this.db.manager.find(Region, {
      where: { level },
      select: { id: true, level: true, parentId: true, path: true },
      order: { id: 'ASC' },
    });
    return rows.map(node);
  }

  async byIds(ids: readonly number[]): Promise<RegionNode[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.manager
      .createQueryBuilder(Region, 'r')
      .select(['r.id', 'r.level', 'r.parentId', 'r.path'])
      .whereInIds([...new Set(ids)])
      .getMany();
    return rows.map(node);
  }

  async find(id: number): Promise<RegionNode | null> {
    return (await this.byIds([id]))[0] ?? null;
  }
}

function node(r: Pick<Region, 'id' | 'level' | 'parentId' | 'path'>): RegionNode {
  return { id: r.id, level: r.level, parentId: r.parentId, path: r.path };
}
