/**
 * npm run import-regions -- regions.csv
 * Imports or updates regions from a CSV with header code,name[,opening_balance_fen,ledger_start,chart_version].
 * All rows or none.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { runCli } from './run';
import { RegionImportService } from '../modules/regions/region-import.service';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run import-regions -- FILE.csv');
    return 2;
  }
  const csv = readFileSync(file, 'utf8');
  const ds = await openDatabase(loadConfig().database);
  try {
    const result = await new RegionImportService(new Db(ds), new Clock()).importCsv(csv);
    console.log(`regions imported: ${result.created} created, ${result.updated} updated`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

runCli(main);
