import { Injectable, OnModuleInit } from '@nestjs/common';
import { CHART_VERSIONS, type ChartVersion, type Direction } from '@mingbai/shared';
import { Db } from '../../database/db.service';
import { ChartAccount } from './chart-account.entity';
import charts from './data/charts.json';

interface ChartFile {
  title: string;
  source: string;
  verified?: boolean;
  accounts: { code: string; name: string; direction: Direction | null; level: number }[];
}

export interface ChartAccountDto {
  code: string;
  name: string;
  direction: Direction | null;
  level: number;
}

/**
 * The charts of accounts are data with a version (data/charts.json); this service loads any
 * account missing from the database at start-up and answers look-ups from memory.
 */
@Injectable()
export class ChartService implements OnModuleInit {
  private byVersion = new Map<ChartVersion, Map<string, ChartAccountDto>>();

  constructor(private readonly db: Db) {}

  async onModuleInit(): Promise<void> {
    const files = charts as Record<ChartVersion, ChartFile>;
    await this.db.transaction(async (em) => {
      const existing = await em.find(ChartAccount);
      const have = new Set(existing.map((a) => `${a.version}:${a.code}`));
      const missing = CHART_VERSIONS.flatMap((version) =>
        files[version].accounts.filter((a) => !have.has(`${version}:${a.code}`)).map((a) => ({ version, ...a })),
      );
      if (missing.length) await em.insert(ChartAccount, missing);
    });
    const all = await this.db.manager.find(ChartAccount, { order: { code: 'ASC' } });
    this.byVersion = new Map(CHART_VERSIONS.map((v) => [v, new Map()]));
    for (const a of all) this.byVersion.get(a.version)?.set(a.code, { code: a.code, name: a.name, direction: a.direction, level: a.level });
  }

  accounts(version: ChartVersion): ChartAccountDto[] {
    return [...(this.byVersion.get(version)?.values() ?? [])];
  }

  find(version: ChartVersion, code: string): ChartAccountDto | undefined {
    return this.byVersion.get(version)?.get(code);
  }

  subjectName(version: ChartVersion, code: string): string {
    return this.find(version, code)?.name ?? code;
  }

  describe(version: ChartVersion): { version: ChartVersion; title: string; source: string; verified: boolean } {
    const f = (charts as Record<ChartVersion, ChartFile>)[version];
    return { version, title: f.title, source: f.source, verified: f.verified !== false };
  }
}
