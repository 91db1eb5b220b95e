import type { EntityManager } from 'typeorm';
import { Asset } from '../assets/asset.entity';
import { Contract } from './contract.entity';

/** An asset or contract named as the subject of a report or case: its village, review state and amount. */
export interface RegisterSubject {
  id: number;
  villageId: number;
  status: string;
  /** A contract's total rent, an asset's book value. */
  amountFen: number;
}

export async function findRegisterSubject(em: EntityManager, type: 'asset' | 'contract', id: number): Promise<RegisterSubject | null> {
  if (type === 'asset') {
    const a = await em.findOne(Asset, { select: { id: true, villageId: true, status: true, bookValueFen: true }, where: { id } });
    return a && { id: a.id, villageId: a.villageId, status: a.status, amountFen: a.bookValueFen };
  }
  const c = await em.findOne(Contract, { select: { id: true, villageId: true, status: true, totalRentFen: true }, where: { id } });
  return c && { id: c.id, villageId: c.villageId, status: c.status, amountFen: c.totalRentFen };
}
