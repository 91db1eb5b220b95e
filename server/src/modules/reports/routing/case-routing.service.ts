import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportSubjectType } from '@mingbai/shared';

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
 */
@Injectable()
export class CaseRoutingService {
  // TODO(helper: cases) implement
  async route(_em: EntityManager, _input: RouteInput): Promise<Route> {
    throw new Error('CaseRoutingService.route is not implemented yet');
  }
}
