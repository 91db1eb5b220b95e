import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportSubjectType } from '@mingbai/shared';
import { APP_CONFIG, AppConfig } from '../../../config/config';
import { NotFound, ValidationFailed } from '../../../common/errors/app-exception';
import { Region } from '../../regions/region.entity';
import { Entry } from '../../ledger/entry.entity';
import { findRegisterSubject } from '../../contracts/register-subject';
import { ReportCategory } from '../report-category.entity';
import { chooseOffice, pathIds, resolveSla, type RoutingRegion } from './routing-rules';
import { slaDues, type SlaDues, type SlaSettings } from './sla';

export interface RouteInput {
  villageId: number;
  categoryCode: string;
  subjectType: ReportSubjectType;
  subjectId: number | null;
  /** When the report arrived; the SLA dues count from here. */
  at: Date;
}

export interface Route {
  /** The town (or, when escalated, county) region whose discipline office handles the report. */
  officeRegionId: number;
  escalated: boolean;
  acceptDueAt: Date;
  concludeDueAt: Date;
}

/**
 * Which discipline office handles a report, and by when: the village's town office first; the
 * county office for escalating categories or for subjects of at least the region's escalation amount.
 *
 * The escalation amount is the nearest `report_escalate_amount_fen` on the village's path (village,
 * town, county, city); the SLA is the nearest `sla_accept_working_days` / `sla_conclude_days` on the
 * OFFICE's path upwards, else the configured defaults. The amount of a subject is an entry's amount,
 * a contract's total rent or an asset's book value.
 */
@Injectable()
export class CaseRoutingService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async route(em: EntityManager, input: RouteInput): Promise<Route> {
    const village = await em.findOne(Region, { where: { id: input.villageId, level: 'village' } });
    if (!village) throw new NotFound('village');
    const category = await em.findOne(ReportCategory, { where: { code: input.categoryCode } });
    if (!category) throw new ValidationFailed([{ field: 'categoryCode', reason: 'is not a report category' }]);
    const chain = await this.nearestFirst(em, village.path);
    const { office, escalated } = chooseOffice({
      villageNearestFirst: chain,
      categoryEscalates: category.escalate,
      subjectAmountFen: await this.subjectAmount(em, input),
    });
    const dues = slaDues(input.at, resolveSla(chain.slice(chain.indexOf(office)), this.defaults()));
    return { officeRegionId: office.id, escalated, ...dues };
  }

  /** The dues of a report handled by `officeRegionId` that arrived at `at`. */
  async duesFor(em: EntityManager, officeRegionId: number, at: Date): Promise<SlaDues> {
    const office = await em.findOne(Region, { where: { id: officeRegionId } });
    if (!office) throw new NotFound('region');
    return slaDues(at, resolveSla(await this.nearestFirst(em, office.path), this.defaults()));
  }

  private defaults(): SlaSettings {
    return { acceptWorkingDays: this.config.reports.slaAcceptWorkingDays, concludeDays: this.config.reports.slaConcludeDays };
  }

  /** The regions of a path, the last one (the region itself) first. */
  private async nearestFirst(em: EntityManager, path: string): Promise<RoutingRegion[]> {
    const ids = pathIds(path);
    const rows = await em.createQueryBuilder(Region, 'r').whereInIds(ids).getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids
      .reverse()
      .map((id) => byId.get(id))
      .filter((r): r is Region => r !== undefined);
  }

  /** The amount at stake of the subject (of this village): an entry's amount, a contract's total rent, an asset's book value. */
  private async subjectAmount(em: EntityManager, input: RouteInput): Promise<number | null> {
    if (input.subjectId === null) return null;
    if (input.subjectType === 'asset' || input.subjectType === 'contract') {
      const subject = await findRegisterSubject(em, input.subjectType, input.subjectId);
      return subject && subject.villageId === input.villageId ? subject.amountFen : null;
    }
    if (input.subjectType !== 'entry') return null;
    const entry = await em.findOne(Entry, { where: { id: input.subjectId }, select: { id: true, villageId: true, amountFen: true } });
    return entry && entry.villageId === input.villageId ? entry.amountFen : null;
  }
}
