import { Injectable } from '@nestjs/common';
import {
  AWARD_METHOD_LABELS,
  AWARD_METHODS,
  CONTRACT_FREQUENCY_LABELS,
  CONTRACT_KIND_LABELS,
  CONTRACT_KINDS,
  RENT_FREQUENCIES,
  validateContractInput,
  type AwardMethod,
  type ContractFrequency,
  type ContractKind,
  type CounterpartyKind,
  type RegisterImportResult,
} from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import type { AuthUser } from '../../common/auth/auth-user';
import { guessKind } from '../imports/mapping/cell-values';
import { Asset } from '../assets/asset.entity';
import { AssetsRepository } from '../assets/assets.repository';
import { AssetsService } from '../assets/assets.service';
import { readRegisterSheet, RegisterColumns } from '../assets/register-sheet';
import { labelTable, RowReader } from '../assets/register-cells';
import { noteRepeatedCode, requireNoErrors, writeImportBatch } from '../assets/register-import';
import { Contract } from './contract.entity';
import { ContractsRepository } from './contracts.repository';
import { ContractFields, contractRowValues, ContractRowValues, normaliseContract } from './contracts.service';

type Field =
  | 'code'
  | 'assetCode'
  | 'kind'
  | 'counterpartyKind'
  | 'counterpartyName'
  | 'startOn'
  | 'endOn'
  | 'frequency'
  | 'annualRentFen'
  | 'depositFen'
  | 'areaM2'
  | 'awardMethod'
  | 'note';

/** The columns of a contract file; the first name of each is the one in the template. */
export const CONTRACT_COLUMNS: RegisterColumns<Field> = {
  aliases: {
    code: ['合同编号', '编号', 'code'],
    assetCode: ['资产编号', 'asset_code', 'assetcode'],
    kind: ['类型', '合同类型', 'kind'],
    counterpartyKind: ['承租方类型', '对方类型', 'counterparty_kind', 'counterpartykind'],
    counterpartyName: ['承租方', '承包方', '承租人', '承包人', '对方', 'counterparty'],
    startOn: ['起始日期', '开始日期', '起租日期', 'start_on', 'starton'],
    endOn: ['终止日期', '结束日期', '到期日期', 'end_on', 'endon'],
    frequency: ['付款方式', '付款周期', '缴费方式', 'frequency'],
    annualRentFen: ['年租金(元)', '年租金', 'annual_rent_yuan'],
    depositFen: ['押金(元)', '押金', '保证金(元)', '保证金', 'deposit_yuan'],
    areaM2: ['面积(平方米)', '面积', '面积(㎡)', '面积(m2)', 'area_m2'],
    awardMethod: ['发包方式', '发包形式', '招租方式', 'award_method'],
    note: ['备注', 'note'],
  },
  required: ['code', 'kind', 'counterpartyName', 'startOn', 'endOn', 'frequency', 'annualRentFen', 'awardMethod'],
};

const KINDS = labelTable<ContractKind>([
  ...CONTRACT_KINDS.map((k): [string[], ContractKind] => [[k, CONTRACT_KIND_LABELS[k]], k]),
  [['出租', '租赁合同', '租用'], 'lease'],
  [['承包', '发包合同', '承包合同'], 'contracting'],
]);
const PARTY_KINDS = labelTable<CounterpartyKind>([
  [['个人', '自然人', 'person'], 'person'],
  [['单位', '组织', '企业', '公司', 'organisation', 'organization'], 'organisation'],
]);
const FREQUENCIES = labelTable<Exclude<ContractFrequency, 'custom'>>([
  ...RENT_FREQUENCIES.map((f): [string[], Exclude<ContractFrequency, 'custom'>] => [[f, CONTRACT_FREQUENCY_LABELS[f]], f]),
  [['按年', '年付', '一年一付', '每年一次'], 'yearly'],
  [['按半年', '半年付', '半年一付'], 'half_yearly'],
  [['按季', '按季度', '季付', '每季'], 'quarterly'],
  [['按月', '月付'], 'monthly'],
]);
const AWARDS = labelTable<AwardMethod>([
  ...AWARD_METHODS.map((m): [string[], AwardMethod] => [[m, AWARD_METHOD_LABELS[m]], m]),
  [['招标', '公开招租'], 'public_tender'],
  [['竞价', '拍卖', '公开拍卖', '公开竞拍'], 'public_auction'],
  [['协商', '议价', '协议'], 'negotiated'],
  [['直接', '直接出租'], 'direct'],
]);

/**
 * Contract files (CSV or XLSX, Chinese headers): every row valid or nothing written. The asset is
 * named by its code (an approved asset of the village). Schedules are generated from the annual
 * rent (a custom schedule cannot be given in a file). Imported contracts arrive submitted, in one
 * import batch.
 */
@Injectable()
export class ContractImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly assets: AssetsRepository,
    private readonly assetsService: AssetsService,
    private readonly contracts: ContractsRepository,
  ) {}

  async import(user: AuthUser, bytes: Buffer, fileName: string, dryRun: boolean): Promise<RegisterImportResult> {
    const village = await this.assetsService.ownVillage(user);
    const { rows, errors } = await readRegisterSheet(bytes, CONTRACT_COLUMNS);
    const approvedAssets = await this.assets.approvedByCode(village.id);
    const good: { row: number; values: ContractRowValues }[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const read = new RowReader(r.row);
      const name = read.text(r.cell('counterpartyName'));
      const assetCode = read.text(r.cell('assetCode'));
      let asset: Asset | null = null;
      if (assetCode !== undefined) {
        asset = approvedAssets.get(assetCode.toLowerCase()) ?? null;
        if (!asset) read.fail('assetId', `资产编号“${assetCode}”不是本村已生效的资产`);
      }
      const partyCell = r.cell('counterpartyKind');
      const raw = {
        code: read.text(r.cell('code')),
        assetId: asset?.id ?? null,
        kind: read.label('kind', r.cell('kind'), KINDS, '类型应为 租赁/发包'),
        counterpartyKind:
          read.text(partyCell) === undefined
            ? name
              ? guessKind(name)
              : undefined
            : read.label('counterpartyKind', partyCell, PARTY_KINDS, '承租方类型应为 个人/单位'),
        counterpartyName: name,
        counterpartyIdNumber: null,
        startOn: read.date('startOn', r.cell('startOn')) ?? undefined,
        endOn: read.date('endOn', r.cell('endOn')) ?? undefined,
        frequency: read.label('frequency', r.cell('frequency'), FREQUENCIES, '付款方式应为 每年/每半年/每季度/每月'),
        annualRentFen: read.yuan('annualRentFen', r.cell('annualRentFen')),
        depositFen: read.yuanOrZero('depositFen', r.cell('depositFen')),
        areaM2: read.area('areaM2', r.cell('areaM2')),
        awardMethod: read.label(
          'awardMethod',
          r.cell('awardMethod'),
          AWARDS,
          `发包方式应为 ${Object.values(AWARD_METHOD_LABELS).join('/')}`,
        ),
        note: read.text(r.cell('note')) ?? null,
      };
      read.addRuleErrors(validateContractInput(raw));
      noteRepeatedCode(read, seen, raw.code, '合同编号');
      errors.push(...read.errors);
      if (read.errors.length === 0)
        good.push({ row: r.row, values: contractRowValues(normaliseContract(raw as ContractFields), asset, null) });
    }
    const taken = await this.contracts.takenCodes(
      this.db.manager,
      village.id,
      good.map((g) => g.values.row.code),
    );
    const takenReason = '本村已有相同编号的合同';
    requireNoErrors(
      errors,
      good.map((g) => ({ row: g.row, code: g.values.row.code })),
      taken,
      takenReason,
    );
    if (dryRun) return { batchId: 0, rows: good.length, ids: [] };

    const now = this.clock.now();
    const batch = { villageId: village.id, user, fileName, rowCount: good.length, now, takenReason };
    return writeImportBatch(this.db, batch, async (em, batchId) => {
      const ids: number[] = [];
      for (const g of good) {
        const res = await em.insert(Contract, {
          ...g.values.row,
          villageId: village.id,
          status: 'submitted',
          rejectReason: null,
          terminatedOn: null,
          terminationReason: null,
          pendingChange: null,
          importBatchId: batchId,
          createdBy: user.id,
          approvedBy: null,
          approvedAt: null,
          createdAt: now,
          updatedAt: now,
        });
        const id = Number(res.identifiers[0].id);
        await this.contracts.replaceInstallments(em, id, g.values.installments);
        ids.push(id);
      }
      return ids;
    });
  }
}
