import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { validateAssetInput, type AssetDto, type AssetInput, type Page, type RegisterBatchApprovalResult } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { AppException, NotFound, ValidationFailed } from '../../common/errors/app-exception';
import { Region } from '../regions/region.entity';
import { Asset } from './asset.entity';
import { AssetsRepository } from './assets.repository';
import { assetFields, AssetPending, toAssetDto } from './asset.view';
import { parsePending, requireAuthor, requireTransition, requireVillageBookkeeper } from './register-review';
import { approveWaitingInBatch, findVisible, lockForReview, rejection, stripUndefined, writeUnique } from './register-writes';
import { CreateAssetDto, UpdateAssetDto } from './dto/asset.dto';
import { StaffRegisterQuery } from './dto/register-query.dto';

/** The fields of an asset record that staff enter (everything but its village). */
export type AssetFields = Omit<AssetInput, 'villageId'>;

const FIELDS: (keyof AssetFields)[] = ['code', 'name', 'kind', 'location', 'areaM2', 'bookValueFen', 'usage', 'acquiredOn', 'note'];
const CODE_TAKEN = () => new ValidationFailed([{ field: 'code', reason: '本村已有相同编号的资产' }]);

/**
 * The register of collective assets and resources (资产资源台账): bookkeepers draft and submit,
 * approvers in scope approve; approved assets are public. A change to an approved asset waits in
 * `pending_change` (the public keeps seeing the approved values) until it is approved or dropped.
 */
@Injectable()
export class AssetsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly assets: AssetsRepository,
  ) {}

  async create(user: AuthUser, dto: CreateAssetDto): Promise<AssetDto> {
    const village = await this.ownVillage(user, dto.villageId);
    const { villageId: _ignored, ...rest } = dto;
    const fields = normalise({ areaM2: null, acquiredOn: null, note: null, ...rest });
    this.check(fields);
    const now = this.clock.now();
    const id = await this.writeUnique(async (em) => {
      if (await this.assets.codeTaken(em, village.id, fields.code, null)) throw CODE_TAKEN();
      const saved = await em.save(
        em.create(Asset, {
          ...fields,
          villageId: village.id,
          status: 'draft',
          rejectReason: null,
          pendingChange: null,
          importBatchId: null,
          createdBy: user.id,
          approvedBy: null,
          approvedAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      return saved.id;
    });
    return this.get(user, id);
  }

  /**
   * A draft or rejected asset is edited by its author. For an approved asset, any bookkeeper of
   * the village asks for a change: it is kept aside until an approver applies it.
   */
  async update(user: AuthUser, id: number, dto: UpdateAssetDto): Promise<AssetDto> {
    await this.writeUnique(async (em) => {
      const asset = requireVillageBookkeeper(user, await this.assets.lock(em, id), 'asset');
      const now = this.clock.now();
      if (asset.status === 'approved') {
        requireTransition(asset, 'change', 'asset');
        const merged = normalise({ ...assetFields(asset), ...stripUndefined(dto) });
        this.check(merged);
        const changes = Object.fromEntries(FIELDS.filter((f) => merged[f] !== asset[f]).map((f) => [f, merged[f]])) as Partial<AssetFields>;
        if (Object.keys(changes).length === 0) throw new ValidationFailed([{ field: 'body', reason: '没有任何改动' }]);
        if (changes.code !== undefined && (await this.assets.codeTaken(em, asset.villageId, merged.code, asset.id))) throw CODE_TAKEN();
        const pending: AssetPending = { changes, requestedBy: user.id, requestedAt: now.toISOString() };
        await em.update(Asset, { id }, { pendingChange: JSON.stringify(pending), rejectReason: null, updatedAt: now });
        return;
      }
      requireAuthor(user, asset, 'edit', 'asset');
      const merged = normalise({ ...assetFields(asset), ...stripUndefined(dto) });
      this.check(merged);
      if (await this.assets.codeTaken(em, asset.villageId, merged.code, asset.id)) throw CODE_TAKEN();
      await em.update(Asset, { id }, { ...merged, updatedAt: now });
    });
    return this.get(user, id);
  }

  async submit(user: AuthUser, id: number): Promise<AssetDto> {
    await this.db.transaction(async (em) => {
      const asset = requireVillageBookkeeper(user, await this.assets.lock(em, id), 'asset');
      requireAuthor(user, asset, 'submit', 'asset');
      this.check(assetFields(asset));
      await em.update(Asset, { id }, { status: 'submitted', rejectReason: null, updatedAt: this.clock.now() });
    });
    return this.get(user, id);
  }

  async remove(user: AuthUser, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const asset = requireVillageBookkeeper(user, await this.assets.lock(em, id), 'asset');
      requireAuthor(user, asset, 'delete', 'asset');
      await em.delete(Asset, { id });
    });
  }

  async approve(user: AuthUser, id: number): Promise<AssetDto> {
    await this.writeUnique((em) => this.approveIn(em, user, id));
    return this.get(user, id);
  }

  /** Approves a submitted asset, or applies the change pending on an approved one, in the caller's transaction. */
  async approveIn(em: EntityManager, user: AuthUser, id: number): Promise<void> {
    const asset = await this.reviewable(em, user, id, 'approve');
    const now = this.clock.now();
    if (asset.status === 'submitted') {
      await em.update(Asset, { id }, { status: 'approved', rejectReason: null, approvedBy: user.id, approvedAt: now, updatedAt: now });
      return;
    }
    const pending = parsePending<AssetPending>(asset.pendingChange)!;
    const merged = normalise({ ...assetFields(asset), ...pending.changes });
    this.check(merged);
    if (await this.assets.codeTaken(em, asset.villageId, merged.code, asset.id)) throw CODE_TAKEN();
    await em.update(
      Asset,
      { id },
      { ...merged, pendingChange: null, rejectReason: null, approvedBy: user.id, approvedAt: now, updatedAt: now },
    );
  }

  /** Sends a submitted asset back to its author, or drops the change pending on an approved one. */
  async reject(user: AuthUser, id: number, reason: string): Promise<AssetDto> {
    await this.db.transaction(async (em) => {
      const asset = await this.reviewable(em, user, id, 'reject');
      await em.update(Asset, { id }, rejection(asset, reason, this.clock.now()));
    });
    return this.get(user, id);
  }

  /** Approves every asset of an import batch still waiting, in one transaction: all or none. */
  approveBatch(user: AuthUser, batchId: number): Promise<RegisterBatchApprovalResult> {
    return this.writeUnique(async (em) => {
      const { approved } = await approveWaitingInBatch(em, this.assets, this.scope, user, batchId, 'asset', (id) =>
        this.approveIn(em, user, id),
      );
      return { approved: approved.length };
    });
  }

  async get(user: AuthUser, id: number): Promise<AssetDto> {
    const { rec: asset, village } = await findVisible(this.assets, this.scope, user, id, 'asset');
    return toAssetDto(asset, village.name, (await this.assets.contractIds([id])).get(id) ?? []);
  }

  async list(user: AuthUser, q: StaffRegisterQuery): Promise<Page<AssetDto>> {
    const limit = q.limit ?? 20;
    const rows = await this.assets.listForStaff({
      pathPattern: this.scope.pathPattern(user),
      villageId: q.villageId,
      status: q.status,
      awaitingReview: q.awaitingReview === 'true',
      importBatchId: q.importBatchId,
      viewerId: user.id,
      beforeId: q.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const contracts = await this.assets.contractIds(page.map((a) => a.id));
    const names = new Map<number, string>();
    for (const a of page) if (!names.has(a.villageId)) names.set(a.villageId, (await this.assets.findVillage(a.villageId))?.name ?? '');
    return {
      items: page.map((a) => toAssetDto(a, names.get(a.villageId)!, contracts.get(a.id) ?? [])),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  /** The bookkeeper's own village (a villageId given must be it). */
  async ownVillage(user: AuthUser, villageId?: number): Promise<Region> {
    if (user.role !== 'bookkeeper' || !user.regionId)
      throw new AppException(403, 'FORBIDDEN', 'only a village bookkeeper keeps the registers');
    if (villageId !== undefined && villageId !== user.regionId) throw new NotFound('village');
    return this.scope.requireVillage(user, user.regionId);
  }

  check(fields: AssetFields): void {
    const errors = validateAssetInput(fields, { today: this.clock.today() });
    if (errors.length) throw new ValidationFailed(errors);
  }

  private reviewable(em: EntityManager, user: AuthUser, id: number, action: 'approve' | 'reject'): Promise<Asset> {
    return lockForReview(em, this.assets, this.scope, user, id, action, 'asset');
  }

  /** A write whose unique code index may still refuse a row another request stored meanwhile. */
  private writeUnique<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return writeUnique(this.db, CODE_TAKEN, work);
  }
}

/** Text trimmed, an empty note none. */
export function normalise(f: AssetFields): AssetFields {
  return {
    code: f.code.trim(),
    name: f.name.trim(),
    kind: f.kind,
    location: f.location.trim(),
    areaM2: f.areaM2 ?? null,
    bookValueFen: f.bookValueFen,
    usage: f.usage,
    acquiredOn: f.acquiredOn ?? null,
    note: f.note?.trim() || null,
  };
}
