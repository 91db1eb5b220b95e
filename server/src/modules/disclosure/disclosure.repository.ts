import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import type { Direction } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Entry } from '../ledger/entry.entity';
import { ChainHead } from '../ledger/chain-head.entity';
import { MonthTotal } from './month-total.entity';
import { likeContains } from '../../common/validation/like';
import { PublicEntryRow, selectPublicEntries } from './public-entry.query';
import { Region } from '../regions/region.entity';

export interface PublicListFilter {
  villageId: number;
  from?: string;
  to?: string;
  direction?: Direction;
  subject?: string;
  q?: string;
  after?: { occurredOn: string; id: number };
  limit: number;
}

@Injectable()
export class DisclosureRepository {
  constructor(private readonly db: Db) {}

  /** The village and its chain head serial in one round trip: every public request starts here. */
  async villageWithSerial(villageId: number): Promise<{ village: Region; serial: number } | null> {
    const { entities, raw } = await this.db.manager
      .createQueryBuilder(Region, 'r')
      .leftJoin(ChainHead, 'h', 'h.village_id = r.id')
      .addSelect('h.serial', 'head_serial')
      .where('r.id = :villageId', { villageId })
      .andWhere("r.level = 'village'")
      .getRawAndEntities();
    if (entities.length === 0) return null;
    return { village: entities[0], serial: Number(raw[0]?.head_serial ?? 0) };
  }

  head(villageId: number): Promise<ChainHead | null> {
    return this.db.manager.findOne(ChainHead, { where: { villageId } });
  }

  /** Newest first by date, then id; keyset paging in the expanded form MariaDB can range-scan. */
  listPublished(f: PublicListFilter): Promise<PublicEntryRow[]> {
    const qb = selectPublicEntries(this.db.manager.createQueryBuilder(Entry, 'e'))
      .where('e.village_id = :villageId', { villageId: f.villageId })
      .andWhere("e.status = 'published'")
      .orderBy('e.occurred_on', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(f.limit);
    if (f.from) qb.andWhere('e.occurred_on >= :from', { from: f.from });
    if (f.to) qb.andWhere('e.occurred_on <= :to', { to: f.to });
    if (f.direction) qb.andWhere('e.direction = :direction', { direction: f.direction });
    if (f.subject) qb.andWhere('e.subject_code = :subject', { subject: f.subject });
    if (f.q) {
      const like = likeContains(f.q);
      qb.andWhere(
        new Brackets((w) =>
          w.where("e.summary LIKE :like ESCAPE '!'", { like }).orWhere("e.counterparty_display LIKE :like ESCAPE '!'", { like }),
        ),
      );
    }
    if (f.after) {
      const { occurredOn, id } = f.after;
      qb.andWhere(
        new Brackets((w) =>
          w.where('e.occurred_on < :cOn', { cOn: occurredOn }).orWhere(new Brackets((x) => x.where('e.occurred_on = :cOn').andWhere('e.id < :cId', { cId: id }))),
        ),
      );
    }
    return qb.getRawMany<PublicEntryRow>();
  }

  async findPublished(id: number): Promise<PublicEntryRow | null> {
    const row = await selectPublicEntries(this.db.manager.createQueryBuilder(Entry, 'e'))
      .where('e.id = :id', { id })
      .andWhere("e.status = 'published'")
      .getRawOne<PublicEntryRow>();
    return row ?? null;
  }

  monthTotals(villageId: number): Promise<MonthTotal[]> {
    return this.db.manager.find(MonthTotal, { where: { villageId } });
  }
}
