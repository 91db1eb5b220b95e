import { Injectable } from '@nestjs/common';
import { checkLink, GENESIS_HASH, type PublishedLink } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Entry } from './entry.entity';
import { ChainHead } from './chain-head.entity';
import { chainedFields } from './publication.service';

export interface ChainReport {
  villageId: number;
  entries: number;
  ok: boolean;
  /** The first serial that does not verify, and why. */
  firstBad?: { serial: number; problem: 'hash-mismatch' | 'broken-link' | 'gap' | 'head-mismatch' };
}

const BATCH = 5000;

/** Recomputes a village's chain from serial 1, in batches, exactly as a villager's phone would. */
@Injectable()
export class ChainVerifier {
  constructor(private readonly db: Db) {}

  async villagesWithChains(): Promise<number[]> {
    const rows = await this.db.manager.find(ChainHead, { select: { villageId: true }, order: { villageId: 'ASC' } });
    return rows.map((r) => r.villageId);
  }

  async verifyVillage(villageId: number): Promise<ChainReport> {
    let previous: PublishedLink | null = null;
    let expected = 1;
    for (;;) {
      const rows = await this.db.manager
        .createQueryBuilder(Entry, 'e')
        .leftJoin(Entry, 'o', 'o.id = e.reverses_id')
        .addSelect('o.serial', 'reverses_serial')
        .where('e.village_id = :villageId AND e.serial >= :from', { villageId, from: expected })
        .andWhere('e.serial IS NOT NULL')
        .orderBy('e.serial', 'ASC')
        .limit(BATCH)
        .getRawAndEntities();
      if (rows.entities.length === 0) break;
      const reversed = new Map<number, unknown>(rows.raw.map((r: Record<string, unknown>) => [Number(r.e_id), r.reverses_serial]));
      for (const e of rows.entities) {
        const rs = reversed.get(e.id);
        const reversesSerial = rs === null || rs === undefined ? null : Number(rs);
        if (e.serial !== expected) return { villageId, entries: expected - 1, ok: false, firstBad: { serial: expected, problem: 'gap' } };
        const link: PublishedLink = { ...chainedFields(e, reversesSerial), hash: e.hash ?? '', prevHash: e.prevHash ?? '' };
        const check = e.status !== 'published' ? 'hash-mismatch' : checkLink(link, previous);
        if (check !== 'ok') return { villageId, entries: expected - 1, ok: false, firstBad: { serial: e.serial, problem: check } };
        previous = link;
        expected++;
      }
      if (rows.entities.length < BATCH) break;
    }
    const head = await this.db.manager.findOne(ChainHead, { where: { villageId } });
    const count = expected - 1;
    if (head && (head.serial !== count || head.hash !== (previous?.hash ?? GENESIS_HASH)))
      return { villageId, entries: count, ok: false, firstBad: { serial: Math.min(head.serial, count + 1) || 1, problem: 'head-mismatch' } };
    return { villageId, entries: count, ok: true };
  }
}
