import { Injectable } from '@nestjs/common';
import {
  ASSET_KIND_LABELS,
  ASSET_KINDS,
  ASSET_USAGE_LABELS,
  ASSET_USAGES,
  validateAssetInput,
  type AssetKind,
  type AssetUsage,
  type RegisterImportResult,
} from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { Asset } from './asset.entity';
import { AssetsRepository } from './assets.repository';
import { AssetFields, AssetsService, normalise } from './assets.service';
import { readRegisterSheet, RegisterColumns } from './register-sheet';
import { labelTable, RowReader } from './register-cells';
import { noteRepeatedCode, requireNoErrors, writeImportBatch } from './register-import';

type Field = keyof AssetFields;

/** The columns of an asset file; the first name of each is the one in the template. */
export const ASSET_COLUMNS: RegisterColumns<Field> = {
  aliases: {
    code: ['资产编号', '编号', 'code'],
    name: ['名称', '资产名称', 'name'],
    kind: ['类别', '资产类别', '类型', 'kind'],
    location: ['坐落位置', '坐落', '位置', '地址', 'location'],
    areaM2: ['面积(平方米)', '面积', '面积(㎡)', '面积(m2)', 'area_m2', 'aream2'],
    bookValueFen: ['账面价值(元)', '账面价值', '原值(元)', 'book_value_yuan'],
    usage: ['使用状态', '状态', '使用情况', 'usage'],
    acquiredOn: ['取得日期', '购建日期', 'acquired_on', 'acquiredon'],
    note: ['备注', 'note'],
  },
  required: ['code', 'name', 'kind', 'location', 'usage'],
};

const KINDS = labelTable<AssetKind>([
  ...ASSET_KINDS.map((k): [string[], AssetKind] => [[k, ASSET_KIND_LABELS[k]], k]),
  [['房屋', '房产', '建筑物', '厂房', '办公楼'], 'building'],
  [['耕地', '建设用地', '宅基地'], 'land'],
  [['水面', '坑塘', '鱼塘', '池塘', '水库'], 'pond'],
  [['山林', '林木', '果园'], 'forest'],
  [['设备', '设施', '机械'], 'equipment'],
]);
const USAGES = labelTable<AssetUsage>([
  ...ASSET_USAGES.map((u): [string[], AssetUsage] => [[u, ASSET_USAGE_LABELS[u]], u]),
  [['出租', '发包', '租赁', '已出租', '已发包', '出租/发包', '承包'], 'leased'],
  [['空置', '未使用'], 'idle'],
]);

/**
 * Asset files (CSV or XLSX, Chinese headers): every row valid or nothing written. Imported assets
 * arrive submitted, in one import batch, for an approver to approve one by one or all at once.
 */
@Injectable()
export class AssetImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly assets: AssetsRepository,
    private readonly service: AssetsService,
  ) {}

  async import(user: AuthUser, bytes: Buffer, fileName: string, dryRun: boolean): Promise<RegisterImportResult> {
    const village = await this.service.ownVillage(user);
    const { rows, errors } = await readRegisterSheet(bytes, ASSET_COLUMNS);
    const today = this.clock.today();
    const good: { row: number; fields: AssetFields }[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const read = new RowReader(r.row);
      const raw = {
        code: read.text(r.cell('code')),
        name: read.text(r.cell('name')),
        kind: read.label('kind', r.cell('kind'), KINDS, `类别应为 ${Object.values(ASSET_KIND_LABELS).join('/')}`),
        location: read.text(r.cell('location')),
        areaM2: read.area('areaM2', r.cell('areaM2')),
        bookValueFen: read.yuanOrZero('bookValueFen', r.cell('bookValueFen')),
        usage: read.label('usage', r.cell('usage'), USAGES, `使用状态应为 ${Object.values(ASSET_USAGE_LABELS).join('/')}`),
        acquiredOn: read.date('acquiredOn', r.cell('acquiredOn')),
        note: read.text(r.cell('note')) ?? null,
      };
      read.addRuleErrors(validateAssetInput(raw, { today }));
      noteRepeatedCode(read, seen, raw.code, '资产编号');
      errors.push(...read.errors);
      if (read.errors.length === 0) good.push({ row: r.row, fields: normalise(raw as AssetFields) });
    }
    const taken = await this.assets.takenCodes(
      this.db.manager,
      village.id,
      good.map((g) => g.fields.code),
    );
    const takenReason = '本村已有相同编号的资产';
    requireNoErrors(
      errors,
      good.map((g) => ({ row: g.row, code: g.fields.code })),
      taken,
      takenReason,
    );
    if (dryRun) return { batchId: 0, rows: good.length, ids: [] };

    const now = this.clock.now();
    const batch = { villageId: village.id, user, fileName, rowCount: good.length, now, takenReason };
    return writeImportBatch(this.db, batch, async (em, batchId) => {
      const ids: number[] = [];
      for (const g of good) {
        const res = await em.insert(Asset, {
          ...g.fields,
          villageId: village.id,
          status: 'submitted',
          rejectReason: null,
          pendingChange: null,
          importBatchId: batchId,
          createdBy: user.id,
          approvedBy: null,
          approvedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        ids.push(Number(res.identifiers[0].id));
      }
      return ids;
    });
  }
}
