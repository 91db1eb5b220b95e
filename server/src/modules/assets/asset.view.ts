import type { AssetChangeDto, AssetDto, AssetInput, PublicAssetDto } from '@mingbai/shared';
import type { Asset } from './asset.entity';
import { parsePending, type PendingBase } from './register-review';

/** A change to an approved asset waiting for approval, as stored in `pending_change`. */
export interface AssetPending extends PendingBase {
  changes: Partial<Omit<AssetInput, 'villageId'>>;
}

/** The fields of an asset as staff entered them (its village aside). */
export function assetFields(a: Asset): Omit<AssetInput, 'villageId'> {
  return {
    code: a.code,
    name: a.name,
    kind: a.kind,
    location: a.location,
    areaM2: a.areaM2,
    bookValueFen: a.bookValueFen,
    usage: a.usage,
    acquiredOn: a.acquiredOn,
    note: a.note,
  };
}

export function toAssetDto(a: Asset, villageName: string, contractIds: number[]): AssetDto {
  const pending = parsePending<AssetPending>(a.pendingChange);
  const pendingChange: AssetChangeDto | null = pending && {
    changes: pending.changes,
    requestedBy: pending.requestedBy,
    requestedAt: pending.requestedAt,
  };
  return {
    id: a.id,
    villageId: a.villageId,
    villageName,
    ...assetFields(a),
    status: a.status,
    rejectReason: a.rejectReason,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    approvedAt: a.approvedAt?.toISOString() ?? null,
    contractIds,
    importBatchId: a.importBatchId,
    pendingChange,
  };
}

/** What everyone sees of an approved asset: its approved values, never a pending change. */
export function toPublicAsset(a: Asset, currentContractId: number | null): PublicAssetDto {
  return {
    id: a.id,
    villageId: a.villageId,
    code: a.code,
    name: a.name,
    kind: a.kind,
    location: a.location,
    areaM2: a.areaM2,
    bookValueFen: a.bookValueFen,
    usage: a.usage,
    acquiredOn: a.acquiredOn,
    currentContractId,
  };
}
