import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { WatchListKind } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { likeContains } from '../../common/validation/like';
import { Region } from '../regions/region.entity';
import { WatchPerson } from './watch-person.entity';

export interface WatchListFilter {
  /** LIKE pattern on the list's region path: the inspector's scope. */
  scope: string;
  regionId?: number;
  listKind?: WatchListKind;
  /** Words to find: in the normalised name (given normalised) or in the relation (as typed). */
  q?: { nameNorm: string; text: string };
  active: boolean | null;
  /** Ids below this one (newest first). */
  beforeId?: number;
}

/** The identity of a person on one list: region, kind, normalised name and ID hash (both null counts as equal). */
export type WatchKey = Pick<WatchPerson, 'regionId' | 'listKind' | 'nameNorm' | 'idHash'>;

const INSERT_CHUNK = 500;

@Injectable()
export class WatchlistRepository {
  constructor(private readonly db: Db) {}

  list(f: WatchListFilter, limit: number): Promise<WatchPerson[]> {
    const qb = this.db.manager
      .createQueryBuilder(WatchPerson, 'p')
      .innerJoin(Region, 'g', 'g.id = p.region_id')
      .where('g.path LIKE :scope', { scope: f.scope });
    if (f.regionId) qb.andWhere('p.region_id = :regionId', { regionId: f.regionId });
    if (f.listKind) qb.andWhere('p.list_kind = :listKind', { listKind: f.listKind });
    if (f.active !== null) qb.andWhere('p.active = :active', { active: f.active });
    if (f.q)
      qb.andWhere("(p.name_norm LIKE :nameLike ESCAPE '!' OR p.relation LIKE :textLike ESCAPE '!')", {
        nameLike: likeContains(f.q.nameNorm),
        textLike: likeContains(f.q.text),
      });
    if (f.beforeId) qb.andWhere('p.id < :beforeId', { beforeId: f.beforeId });
    return qb.orderBy('p.id', 'DESC').limit(limit).getMany();
  }

  find(id: number, em: EntityManager = this.db.manager): Promise<WatchPerson | null> {
    return em.findOne(WatchPerson, { where: { id } });
  }

  /** Active people with this identity on the list, other than `exceptId`. */
  async activeDuplicate(key: WatchKey, exceptId: number | null, em: EntityManager = this.db.manager): Promise<WatchPerson | null> {
    const qb = em
      .createQueryBuilder(WatchPerson, 'p')
      .where('p.region_id = :regionId AND p.list_kind = :listKind AND p.name_norm = :nameNorm AND p.active = :active', {
        ...key,
        active: true,
      });
    qb.andWhere(key.idHash === null ? 'p.id_hash IS NULL' : 'p.id_hash = :idHash', { idHash: key.idHash });
    if (exceptId !== null) qb.andWhere('p.id <> :exceptId', { exceptId });
    return qb.getOne();
  }

  /** The identities among `names` already active on the region's lists (one query per chunk of names). */
  async activeKeys(regionId: number, names: string[], em: EntityManager): Promise<Set<string>> {
    const keys = new Set<string>();
    const unique = [...new Set(names)];
    for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
      const rows = await em
        .createQueryBuilder(WatchPerson, 'p')
        .select(['p.regionId', 'p.listKind', 'p.nameNorm', 'p.idHash'])
        .where('p.region_id = :regionId AND p.active = :active AND p.name_norm IN (:...names)', {
          regionId,
          active: true,
          names: unique.slice(i, i + INSERT_CHUNK),
        })
        .getMany();
      for (const r of rows) keys.add(watchKey(r));
    }
    return keys;
  }

  async insertMany(em: EntityManager, people: Omit<WatchPerson, 'id'>[]): Promise<void> {
    for (let i = 0; i < people.length; i += INSERT_CHUNK) await em.insert(WatchPerson, people.slice(i, i + INSERT_CHUNK));
  }

  async regionNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.manager.createQueryBuilder(Region, 'r').select(['r.id', 'r.name']).whereInIds(unique).getMany();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  findRegion(id: number): Promise<Region | null> {
    return this.db.manager.findOne(Region, { where: { id } });
  }
}

export function watchKey(k: WatchKey): string {
  return [k.regionId, k.listKind, k.nameNorm, k.idHash ?? ''].join('\u0000');
}
