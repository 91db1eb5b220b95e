import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AssetKind, AssetUsage, RegisterStatus } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Region } from '../regions/region.entity';
import { Contract } from '../contracts/contract.entity';
import { Asset } from './asset.entity';

export interface StaffRegisterFilter {
  pathPattern: string | null;
  villageId?: number;
  status?: RegisterStatus;
  awaitingReview?: boolean;
  importBatchId?: number;
  /** Drafts are private to their author. */
  viewerId: number;
  beforeId?: number;
  limit: number;
}

export interface PublicAssetFilter {
  villageId: number;
  kind?: AssetKind;
  usage?: AssetUsage;
  afterId?: number;
  limit: number;
}

/**
 * The WHERE part of a staff register list (assets or contracts, alias `x`): the user's villages,
 * the filters, keyset paging by id, and drafts only for their author.
 */
export function applyStaffFilter<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, f: StaffRegisterFilter): SelectQueryBuilder<T> {
  if (f.pathPattern !== null) qb.innerJoin(Region, 'r', 'r.id = x.village_id').andWhere('r.path LIKE :p', { p: f.pathPattern });
  if (f.villageId) qb.andWhere('x.village_id = :villageId', { villageId: f.villageId });
  if (f.status) qb.andWhere('x.status = :status', { status: f.status });
  if (f.awaitingReview)
    qb.andWhere(new Brackets((w) => w.where("x.status = 'submitted'").orWhere("(x.status = 'approved' AND x.pending_change IS NOT NULL)")));
  if (f.importBatchId) qb.andWhere('x.import_batch_id = :batch', { batch: f.importBatchId });
  if (f.beforeId) qb.andWhere('x.id < :beforeId', { beforeId: f.beforeId });
  qb.andWhere("(x.status <> 'draft' OR x.created_by = :viewer)", { viewer: f.viewerId });
  return qb.orderBy('x.id', 'DESC').limit(f.limit);
}

@Injectable()
export class AssetsRepository {
  constructor(private readonly db: Db) {}

  /** The asset, locked for the rest of the transaction on MySQL. */
  lock(em: EntityManager, id: number): Promise<Asset | null> {
    return this.db.forUpdate(em.createQueryBuilder(Asset, 'a').where('a.id = :id', { id })).getOne();
  }

  find(id: number, em: EntityManager = this.db.manager): Promise<Asset | null> {
    return em.findOne(Asset, { where: { id } });
  }

  findVillage(id: number, em: EntityManager = this.db.manager): Promise<Region | null> {
    return em.findOne(Region, { where: { id, level: 'village' } });
  }

  /**
   * Whether another asset of the village already has this code. Codes compare without regard to
   * case on both databases (MySQL's collation does; SQLite's `=` would not).
   */
  async codeTaken(em: EntityManager, villageId: number, code: string, exceptId: number | null): Promise<boolean> {
    const qb = em
      .createQueryBuilder(Asset, 'a')
      .select('a.id', 'id')
      .where('a.village_id = :villageId AND LOWER(a.code) = :code', { villageId, code: code.toLowerCase() });
    if (exceptId !== null) qb.andWhere('a.id <> :exceptId', { exceptId });
    return (await qb.limit(1).getRawOne()) !== undefined;
  }

  /** Codes of the village among `codes` already in use. */
  async takenCodes(em: EntityManager, villageId: number, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await em
      .createQueryBuilder(Asset, 'a')
      .select('a.code', 'code')
      .where('a.village_id = :villageId AND LOWER(a.code) IN (:...codes)', { villageId, codes: codes.map((c) => c.toLowerCase()) })
      .getRawMany<{ code: string }>();
    return new Set(rows.map((r) => r.code.toLowerCase()));
  }

  /** The village's approved assets by code (for contract imports that name the asset by its code). */
  async approvedByCode(villageId: number, em: EntityManager = this.db.manager): Promise<Map<string, Asset>> {
    const rows = await em.find(Asset, { where: { villageId, status: 'approved' } });
    return new Map(rows.map((a) => [a.code.toLowerCase(), a]));
  }

  listForStaff(f: StaffRegisterFilter): Promise<Asset[]> {
    return applyStaffFilter(this.db.manager.createQueryBuilder(Asset, 'x'), f).getMany();
  }

  /** Assets of an import batch waiting for an approver. */
  waitingInBatch(em: EntityManager, batchId: number): Promise<Asset[]> {
    return em
      .createQueryBuilder(Asset, 'a')
      .where('a.import_batch_id = :batchId', { batchId })
      .andWhere("(a.status = 'submitted' OR (a.status = 'approved' AND a.pending_change IS NOT NULL))")
      .orderBy('a.id', 'ASC')
      .getMany();
  }

  /** Approved contracts on each asset, newest first. */
  async contractIds(assetIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>(assetIds.map((id) => [id, []]));
    if (assetIds.length === 0) return out;
    const rows = await this.db.manager
      .createQueryBuilder(Contract, 'c')
      .select(['c.id', 'c.assetId'])
      .where('c.asset_id IN (:...assetIds)', { assetIds })
      .andWhere("c.status = 'approved'")
      .orderBy('c.start_on', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    for (const r of rows) out.get(r.assetId!)?.push(r.id);
    return out;
  }

  /** The contract in force today on each asset (approved, started, not ended, not terminated), latest start first. */
  async currentContracts(assetIds: number[], today: string): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (assetIds.length === 0) return out;
    const rows = await this.db.manager
      .createQueryBuilder(Contract, 'c')
      .select(['c.id', 'c.assetId'])
      .where('c.asset_id IN (:...assetIds)', { assetIds })
      .andWhere("c.status = 'approved'")
      .andWhere('c.start_on <= :today AND c.end_on >= :today', { today })
      .andWhere('(c.terminated_on IS NULL OR c.terminated_on >= :today)', { today })
      .orderBy('c.start_on', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .getMany();
    for (const r of rows) if (!out.has(r.assetId!)) out.set(r.assetId!, r.id);
    return out;
  }

  /** Approved assets of a village in register order (id), keyset-paged. */
  listApproved(f: PublicAssetFilter): Promise<Asset[]> {
    const qb = this.db.manager
      .createQueryBuilder(Asset, 'a')
      .where('a.village_id = :villageId', { villageId: f.villageId })
      .andWhere("a.status = 'approved'")
      .orderBy('a.id', 'ASC')
      .limit(f.limit);
    if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
    if (f.usage) qb.andWhere('a.usage = :usage', { usage: f.usage });
    if (f.afterId) qb.andWhere('a.id > :afterId', { afterId: f.afterId });
    return qb.getMany();
  }

  async findApproved(id: number): Promise<Asset | null> {
    return this.db.manager.findOne(Asset, { where: { id, status: 'approved' } });
  }

  /** Count, book value and count per usage of the village's approved assets. */
  async totals(villageId: number): Promise<{ usage: AssetUsage; n: number; bookValueFen: number }[]> {
    const rows = await this.db.manager
      .createQueryBuilder(Asset, 'a')
      .select('a.usage', 'usage')
      .addSelect('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(a.book_value_fen), 0)', 'value')
      .where('a.village_id = :villageId', { villageId })
      .andWhere("a.status = 'approved'")
      .groupBy('a.usage')
      .getRawMany<{ usage: AssetUsage; n: string | number; value: string | number }>();
    return rows.map((r) => ({ usage: r.usage, n: Number(r.n), bookValueFen: Number(r.value) }));
  }
}
