import { Injectable } from '@nestjs/common';
import type { RegionDto } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { NotFound, ValidationFailed } from '../../common/errors/app-exception';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/scope/scope.service';
import { Entry } from '../ledger/entry.entity';
import { Region } from './region.entity';
import { RegionsRepository } from './regions.repository';
import { UpdateRegionDto } from './dto/update-region.dto';

export function toRegionDto(r: Region): RegionDto {
  return { id: r.id, code: r.code, name: r.name, level: r.level, parentId: r.parentId };
}

@Injectable()
export class RegionsService {
  constructor(
    private readonly db: Db,
    private readonly regions: RegionsRepository,
    private readonly scope: ScopeService,
  ) {}

  async children(parentId: number | undefined): Promise<RegionDto[]> {
    if (parentId !== undefined && !(await this.regions.findById(parentId))) throw new NotFound('region');
    return (await this.regions.children(parentId ?? null)).map(toRegionDto);
  }

  async searchVillages(q: string | undefined, regionId: number | undefined, limit = 20): Promise<(RegionDto & { path: string[] })[]> {
    let within: string | null = null;
    if (regionId !== undefined) {
      const region = await this.regions.findById(regionId);
      if (!region) throw new NotFound('region');
      within = region.path;
    }
    const villages = await this.regions.searchVillages(q?.trim() || undefined, within, limit);
    // Names of the town and county help tell apart villages with the same name.
    const ancestorIds = [...new Set(villages.flatMap((v) => v.path.split('/').filter(Boolean).map(Number)))];
    const names = new Map((await this.regions.ancestors(`/${ancestorIds.join('/')}/`)).map((r) => [r.id, r.name]));
    return villages.map((v) => ({
      ...toRegionDto(v),
      path: v.path.split('/').filter(Boolean).map((id) => names.get(Number(id)) ?? ''),
    }));
  }

  async update(actor: AuthUser, id: number, dto: UpdateRegionDto): Promise<RegionDto & Partial<Region>> {
    return this.db.transaction(async (em) => {
      const region = await em.findOne(Region, { where: { id } });
      if (!region || !this.scope.covers(actor, region)) throw new NotFound('region');
      const villageOnly = dto.openingBalanceFen !== undefined || dto.ledgerStart !== undefined;
      if (villageOnly && region.level !== 'village')
        throw new ValidationFailed([{ field: dto.ledgerStart !== undefined ? 'ledgerStart' : 'openingBalanceFen', reason: 'only a village has a ledger' }]);
      if (dto.secondApprovalThresholdFen !== undefined && region.level !== 'town')
        throw new ValidationFailed([{ field: 'secondApprovalThresholdFen', reason: 'the approval chain is set per town' }]);
      // The SLA is read from the office's path (town, county, city): a village's own would never apply.
      for (const field of ['slaAcceptWorkingDays', 'slaConcludeDays'] as const)
        if (dto[field] !== undefined && region.level === 'village')
          throw new ValidationFailed([{ field, reason: 'the SLA is set per discipline office: a town, county or city' }]);
      if (dto.ledgerStart !== undefined) {
        const earlier = await em
          .createQueryBuilder(Entry, 'e')
          .where('e.village_id = :id AND e.occurred_on < :start', { id, start: dto.ledgerStart })
          .getCount();
        if (earlier > 0) throw new ValidationFailed([{ field: 'ledgerStart', reason: `${earlier} entries occurred before this date` }]);
      }
      const patch: Partial<Region> = {};
      if (dto.openingBalanceFen !== undefined) patch.openingBalanceFen = dto.openingBalanceFen;
      if (dto.ledgerStart !== undefined) patch.ledgerStart = dto.ledgerStart;
      if (dto.secondApprovalThresholdFen !== undefined) patch.secondApprovalThresholdFen = dto.secondApprovalThresholdFen;
      if (dto.showStaffNames !== undefined) patch.showStaffNames = dto.showStaffNames;
      if (dto.slaAcceptWorkingDays !== undefined) patch.slaAcceptWorkingDays = dto.slaAcceptWorkingDays;
      if (dto.slaConcludeDays !== undefined) patch.slaConcludeDays = dto.slaConcludeDays;
      if (dto.reportEscalateAmountFen !== undefined) patch.reportEscalateAmountFen = dto.reportEscalateAmountFen;
      if (Object.keys(patch).length) await em.update(Region, { id }, patch);
      const after = (await em.findOne(Region, { where: { id } }))!;
      return {
        ...toRegionDto(after),
        openingBalanceFen: after.openingBalanceFen,
        ledgerStart: after.ledgerStart,
        secondApprovalThresholdFen: after.secondApprovalThresholdFen,
        showStaffNames: after.showStaffNames,
        slaAcceptWorkingDays: after.slaAcceptWorkingDays,
        slaConcludeDays: after.slaConcludeDays,
        reportEscalateAmountFen: after.reportEscalateAmountFen,
      };
    });
  }
}
