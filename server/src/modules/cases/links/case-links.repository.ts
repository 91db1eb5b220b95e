import { Injectable } from '@nestjs/common';
import { Brackets } from 'typeorm';
import { Db } from '../../../database/db.service';
import { isUniqueViolation } from '../../../database/unique-violation';
import { Region } from '../../regions/region.entity';
import { Report } from '../../reports/report.entity';
import { Warning } from '../../rules/warning.entity';
import { CaseLink } from '../case-link.entity';

/** Subjects whose cases are linked automatically. */
export interface LinkSubjects {
  villageId: number;
  /** The case itself, left out of its links. */
  caseId: number;
  /** Its own subject, when it is an entry, a contract or an asset. */
  own: { type: 'entry' | 'contract' | 'asset'; id: number } | null;
  /** Entries and contracts named in a warning's evidence. */
  entries: number[];
  contracts: number[];
}

/** SQL of case links: automatic (same entry, contract or asset) and manual (case_links, lower id first). */
@Injectable()
export class CaseLinksRepository {
  constructor(private readonly db: Db) {}

  /**
   * Ids of the other cases (either kind, duplicates left out) about the same subject, or about an
   * entry or contract of the evidence. Cases about a subject belong to the subject's village, which
   * keeps the search on the village index.
   */
  async sameSubjectCaseIds(s: LinkSubjects): Promise<number[]> {
    const conditions: { sql: string; params: Record<string, unknown> }[] = [];
    if (s.own)
      conditions.push({ sql: '(r.subject_type = :ownType AND r.subject_id = :ownId)', params: { ownType: s.own.type, ownId: s.own.id } });
    if (s.entries.length)
      conditions.push({ sql: "(r.subject_type = 'entry' AND r.subject_id IN (:...entries))", params: { entries: s.entries } });
    if (s.contracts.length)
      conditions.push({ sql: "(r.subject_type = 'contract' AND r.subject_id IN (:...contracts))", params: { contracts: s.contracts } });
    if (conditions.length === 0) return [];
    const rows = await this.db.manager
      .createQueryBuilder(Report, 'r')
      .select('r.id', 'id')
      .where('r.village_id = :villageId AND r.id <> :caseId AND r.duplicate_of_id IS NULL', { villageId: s.villageId, caseId: s.caseId })
      .andWhere(
        new Brackets((w) => {
          for (const c of conditions) w.orWhere(c.sql, c.params);
        }),
      )
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  /**
   * Warnings of the village whose evidence may name the entry or contract (a LIKE on the JSON text
   * narrows them down; the caller checks the parsed evidence), with their case ids.
   */
  warningsNaming(villageId: number, id: number, excludeCaseId: number): Promise<Pick<Warning, 'caseId' | 'evidence'>[]> {
    return this.db.manager
      .createQueryBuilder(Warning, 'w')
      .select(['w.caseId', 'w.evidence'])
      .where('w.village_id = :villageId AND w.case_id IS NOT NULL AND w.case_id <> :excludeCaseId', { villageId, excludeCaseId })
      .andWhere('w.evidence LIKE :pattern', { pattern: `%"id":${id}%` })
      .getMany();
  }

  manualLinks(caseId: number): Promise<CaseLink[]> {
    return this.db.manager
      .createQueryBuilder(CaseLink, 'l')
      .where('l.case_id = :caseId OR l.linked_case_id = :caseId', { caseId })
      .orderBy('l.id', 'ASC')
      .getMany();
  }

  /** The cases among `ids` an inspector with office scope `scope` sees (duplicates left out). */
  async casesInScope(ids: number[], scope: string): Promise<Report[]> {
    if (ids.length === 0) return [];
    return this.db.manager
      .createQueryBuilder(Report, 'r')
      .innerJoin(Region, 'o', 'o.id = r.office_region_id')
      .where('r.id IN (:...ids)', { ids })
      .andWhere('o.path LIKE :scope', { scope })
      .andWhere('r.duplicate_of_id IS NULL')
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  /** Stores the pair once (lower id first); linking again changes nothing, also when two requests race. */
  async add(a: number, b: number, userId: number, now: Date): Promise<void> {
    const [caseId, linkedCaseId] = a < b ? [a, b] : [b, a];
    try {
      await this.db.transaction(async (em) => {
        if (await em.findOne(CaseLink, { where: { caseId, linkedCaseId } })) return;
        await em.insert(CaseLink, { caseId, linkedCaseId, createdBy: userId, createdAt: now });
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }

  async remove(a: number, b: number): Promise<void> {
    const [caseId, linkedCaseId] = a < b ? [a, b] : [b, a];
    await this.db.transaction((em) => em.delete(CaseLink, { caseId, linkedCaseId }));
  }
}
