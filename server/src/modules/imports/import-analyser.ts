import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { ChartService, type ChartAccountDto } from '../chart/chart.service';
import type { Region } from '../regions/region.entity';
import { readSheet } from './sheet/read-sheet';
import { resolveColumns } from './mapping/columns';
import type { CheckContext } from './mapping/entry-check';
import { ImportCheck } from './import-check';

/** Opens a file for checking against the rules of a village: header now, rows as they are consumed. */
@Injectable()
export class ImportAnalyser {
  constructor(
    private readonly chart: ChartService,
    private readonly clock: Clock,
  ) {}

  async open(village: Region, bytes: Buffer): Promise<ImportCheck> {
    const sheet = await readSheet(bytes);
    const { columns, problems } = resolveColumns(sheet.header);
    const check = new ImportCheck(sheet, problems.length ? null : columns, this.context(village));
    for (const p of problems) check.report(sheet.headerRow, p.field, p.reason);
    return check;
  }

  private context(village: Region): CheckContext {
    const version = village.chartVersion;
    const byName = new Map<string, ChartAccountDto>();
    for (const a of this.chart.accounts(version)) if (a.direction) byName.set(a.name, a);
    return {
      today: this.clock.today(),
      ledgerStart: village.ledgerStart,
      chartVersion: version,
      account: (code) => this.chart.find(version, code),
      byName,
    };
  }
}
