import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { NotFound } from '../../common/errors/app-exception';
import type { Region } from '../regions/region.entity';
import type { Report } from '../reports/report.entity';
import { CasesRepository } from './cases.repository';

/**
 * Which reports an inspector sees: those whose office region's path starts with the inspector's
 * own region path (a town office's reports: that town's and the county's inspectors; a county
 * office's: county and city inspectors). Outside it a report looks missing (404).
 */
@Injectable()
export class CaseScope {
  constructor(private readonly cases: CasesRepository) {}

  /** The LIKE pattern on office paths for this inspector (nothing for anyone else). */
  pattern(user: AuthUser): string {
    return this.isInspector(user) ? `${user.regionPath}%` : '/nothing/%';
  }

  covers(user: AuthUser, region: Pick<Region, 'path'>): boolean {
    return this.isInspector(user) && region.path.startsWith(user.regionPath!);
  }

  /** The report and its office, when the inspector covers it; otherwise 404. */
  async requireReport(user: AuthUser, id: number, em?: EntityManager): Promise<{ report: Report; office: Region }> {
    const report = await this.cases.findReport(id, em);
    const office = report ? await this.cases.findRegion(report.officeRegionId, em) : null;
    if (!report || !office || !this.covers(user, office)) throw new NotFound('report');
    return { report, office };
  }

  private isInspector(user: AuthUser): boolean {
    return user.role === 'inspector' && user.regionPath !== null;
  }
}
