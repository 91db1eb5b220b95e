import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { CHART_VERSIONS, GENESIS_HASH, isCalendarDate, type ChartVersion } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { Clock } from '../../common/clock/clock';
import { FieldDetail, ValidationFailed } from '../../common/errors/app-exception';
import { Region } from './region.entity';
import { ChainHead } from '../ledger/chain-head.entity';
import { Entry } from '../ledger/entry.entity';
import { levelOfCode, parentCode } from './region-codes';

export interface RegionImportResult {
  created: number;
  updated: number;
}

const LEVEL_ORDER = ['city', 'county', 'town', 'village'] as const;

/**
 * Imports regions from CSV with a header row: code,name[,opening_balance_fen,ledger_start,chart_version].
 * The level and parent follow from the 12-digit code; a parent must be in the file or already stored.
 * All rows or none: any bad row rejects the whole file with every row's problems.
 */
@Injectable()
export class RegionImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async importCsv(csv: string): Promise<RegionImportResult> {
    let records: Record<string, string>[];
    try {
      records = parse(csv.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true });
    } catch (e) {
      throw new ValidationFailed([{ field: 'file', reason: `not valid CSV: ${(e as Error).message}` }]);
    }
    const errors: FieldDetail[] = [];
    const rows = records.map((r, i) => {
      const line = i + 2;
      const err = (field: string, reason: string) => errors.push({ field: `row ${line}.${field}`, reason });
      const level = levelOfCode(r.code ?? '');
      if (!level) err('code', 'must be a 12-digit division code of a city, county, town or village');
      if (!r.name) err('name', 'is required');
      const opening = r.opening_balance_fen ?? '';
      if (opening !== '' && !/^-?\d{1,13}$/.test(opening)) err('opening_balance_fen', 'must be a whole number of fen');
      const start = r.ledger_start ?? '';
      if (start !== '' && !isCalendarDate(start)) err('ledger_start', 'must be a date YYYY-MM-DD');
      const chart = r.chart_version || '';
      if (chart !== '' && !CHART_VERSIONS.includes(chart as ChartVersion)) err('chart_version', `must be one of ${CHART_VERSIONS.join(', ')}`);
      // Empty cells mean "not given": a new region gets the default, a stored one keeps its value.
      return {
        code: r.code,
        name: r.name,
        level,
        opening: opening === '' ? undefined : Number(opening),
        start: start || undefined,
        chart: (chart || undefined) as ChartVersion | undefined,
      };
    });
    if (errors.length) throw new ValidationFailed(errors, 'region file has errors; nothing was imported');
    rows.sort((a, b) => LEVEL_ORDER.indexOf(a.level!) - LEVEL_ORDER.indexOf(b.level!));

    return this.db.transaction(async (em) => {
      let created = 0;
      let updated = 0;
      for (const row of rows) {
        const pCode = parentCode(row.code);
        const parent = pCode ? await em.findOne(Region, { where: { code: pCode } }) : null;
        if (pCode && !parent && row.level !== 'city')
          throw new ValidationFailed([{ field: `code ${row.code}`, reason: `parent region ${pCode} is neither in the file nor stored` }]);
        const existing = await em.findOne(Region, { where: { code: row.code } });
        if (existing) {
          const patch: Partial<Region> = { name: row.name };
          if (row.opening !== undefined) patch.openingBalanceFen = row.opening;
          if (row.start !== undefined) patch.ledgerStart = row.start;
          if (row.chart !== undefined && row.chart !== existing.chartVersion) {
            // Codes mean different accounts in different charts: never relabel a village's entries.
            const used = await em.count(Entry, { where: { villageId: existing.id } });
            if (used > 0) throw new ValidationFailed([{ field: `code ${row.code}`, reason: 'the chart version of a village with entries cannot change' }]);
            patch.chartVersion = row.chart;
          }
          if (row.start !== undefined) {
            const earlier = await em.createQueryBuilder(Entry, 'e').where('e.village_id = :id AND e.occurred_on < :start', { id: existing.id, start: row.start }).getCount();
            if (earlier > 0) throw new ValidationFailed([{ field: `code ${row.code}`, reason: `${earlier} entries occurred before ledger_start ${row.start}` }]);
          }
          await em.update(Region, { id: existing.id }, patch);
          updated++;
          continue;
        }
        const saved = await em.save(
          em.create(Region, {
            code: row.code,
            name: row.name,
            level: row.level!,
            parentId: parent?.id ?? null,
            path: '/',
            chartVersion: row.chart ?? '2023',
            openingBalanceFen: row.opening ?? 0,
            ledgerStart: row.start ?? null,
            secondApprovalThresholdFen: null,
            showStaffNames: false,
            createdAt: this.clock.now(),
          }),
        );
        await em.update(Region, { id: saved.id }, { path: `${parent?.path ?? '/'}${saved.id}/` });
        // Every village's chain starts empty; publication then only ever locks and updates this row.
        if (row.level === 'village')
          await em.insert(ChainHead, { villageId: saved.id, serial: 0, hash: GENESIS_HASH, incomeFen: 0, expenseFen: 0, updatedAt: this.clock.now() });
        created++;
      }
      return { created, updated };
    });
  }
}
