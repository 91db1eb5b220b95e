import { Injectable } from '@nestjs/common';
import {
  ASSET_USAGES,
  type AssetPage,
  type ContractPage,
  type PublicAssetDto,
  type PublicContractDetailDto,
  type PublicContractDto,
  type RegisterSummaryDto,
} from '@mingbai/shared';
import { Clock } from '../../common/clock/clock';
import { NotFound } from '../../common/errors/app-exception';
import { AssetsRepository } from '../assets/assets.repository';
import { toPublicAsset } from '../assets/asset.view';
import { decodeCursor, encodeCursor } from '../disclosure/cursor';
import { ContractsRepository } from './contracts.repository';
import { ContractViews } from './contract-views.service';
import { PublicAssetsQuery, PublicContractsQuery } from './dto/public-register.dto';

/**
 * The public side of the registers: approved assets and contracts only, personal counterparties
 * masked, never an ID hash. Phases and overdue states are computed for today in China.
 */
@Injectable()
export class RegistersPublicService {
  constructor(
    private readonly clock: Clock,
    private readonly assets: AssetsRepository,
    private readonly contracts: ContractsRepository,
    private readonly views: ContractViews,
  ) {}

  async summary(villageId: number): Promise<RegisterSummaryDto> {
    await this.requireVillage(villageId);
    const today = this.clock.today();
    const [totals, phases, money] = await Promise.all([
      this.assets.totals(villageId),
      this.contracts.phaseCounts(villageId, today),
      this.contracts.villageMoney(villageId, today),
    ]);
    const byUsage = Object.fromEntries(ASSET_USAGES.map((u) => [u, 0])) as RegisterSummaryDto['byUsage'];
    for (const t of totals) byUsage[t.usage] = t.n;
    return {
      villageId,
      assetCount: totals.reduce((s, t) => s + t.n, 0),
      bookValueFen: totals.reduce((s, t) => s + t.bookValueFen, 0),
      byUsage,
      contractCount: phases.pending + phases.active + phases.expired + phases.terminated,
      activeContractCount: phases.active,
      dueFen: money.dueFen,
      receivedFen: money.receivedFen,
      overdueContractCount: money.overdueContracts,
    };
  }

  async assetList(villageId: number, q: PublicAssetsQuery): Promise<AssetPage> {
    await this.requireVillage(villageId);
    const limit = q.limit ?? 20;
    const rows = await this.assets.listApproved({ villageId, kind: q.kind, usage: q.usage, afterId: q.cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const current = await this.assets.currentContracts(
      page.map((a) => a.id),
      this.clock.today(),
    );
    return {
      items: page.map((a) => toPublicAsset(a, current.get(a.id) ?? null)),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  async asset(id: number): Promise<PublicAssetDto & { contracts: PublicContractDto[] }> {
    const asset = await this.assets.findApproved(id);
    if (!asset) throw new NotFound('asset');
    const today = this.clock.today();
    const current = await this.assets.currentContracts([id], today);
    const contracts = await this.views.publicList(await this.contracts.approvedOnAsset(id), today);
    return { ...toPublicAsset(asset, current.get(id) ?? null), contracts };
  }

  async contractList(villageId: number, q: PublicContractsQuery): Promise<ContractPage> {
    await this.requireVillage(villageId);
    const limit = q.limit ?? 20;
    const today = this.clock.today();
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    const rows = await this.contracts.listApproved({
      villageId,
      today,
      phase: q.phase,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      after: after && { startOn: after.occurredOn, id: after.id },
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.views.publicList(page, today),
      nextCursor: rows.length > limit ? encodeCursor(last.startOn, last.id) : null,
    };
  }

  async contract(id: number): Promise<PublicContractDetailDto> {
    const contract = await this.contracts.findApproved(id);
    if (!contract) throw new NotFound('contract');
    return this.views.publicDetail(contract, this.clock.today());
  }

  private async requireVillage(id: number): Promise<void> {
    if (!(await this.contracts.findVillage(id))) throw new NotFound('village');
  }
}
