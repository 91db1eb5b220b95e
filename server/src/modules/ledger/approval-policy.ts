import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { approvalsRequired } from '@mingbai/shared';
import { Region } from '../regions/region.entity';

/** The approval chain is set per town: the threshold above which the town agent approves too. */
@Injectable()
export class ApprovalPolicy {
  async threshold(em: EntityManager, village: Region): Promise<number | null> {
    const town = village.parentId ? await em.findOne(Region, { where: { id: village.parentId } }) : null;
    return town?.secondApprovalThresholdFen ?? null;
  }

  async approvalsRequired(em: EntityManager, village: Region, amountFen: number): Promise<number> {
    return approvalsRequired(amountFen, await this.threshold(em, village));
  }
}
