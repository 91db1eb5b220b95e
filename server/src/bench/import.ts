/**
 * Benchmark of the bulk import on MariaDB/MySQL:
 *   npm run bench:import -w @mingbai/server [-- --rows 100000 --rounds 2]
 * DATABASE_URL names the server (default mysql://root@127.0.0.1:3306); the benchmark creates the
 * database mingbai_bench_import, migrates it, and drops it at the end.
 *
 * Per round: (a) ImportsService.commit in-process on a generated CSV (reading, checking every
 * row against the village rules, one transaction of chunked multi-row inserts), then (b) the same
 * rows with plain mysql2 `INSERT … VALUES ?`, 2,000 rows per statement. The last line is
 * `ratio import=X`: Mingbai's rows/s divided by the raw rows/s (best round of each).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { createApp } from '../app.factory';
import { openDatabase } from '../database/data-source';
import type { AuthUser } from '../common/auth/auth-user';
import { RegionImportService } from '../modules/regions/region-import.service';
import { Region } from '../modules/regions/region.entity';
import { UsersService } from '../modules/users/users.service';
import { ImportsService } from '../modules/imports/imports.service';
import { ImportAnalyser } from '../modules/imports/import-analyser';
import { benchCsv } from './import-data';
import { rawInsert } from './import-raw';

const DB_NAME = 'mingbai_bench_import';
const REGIONS = [
  'code,name,opening_balance_fen,ledger_start,chart_version',
  '359900000000,示范市,,,',
  '359901000000,示范县,,,',
  '359901001000,东山镇,,,',
  '359901001001,上坂村,1000000,2024-01-01,2023',
].join('\n');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive whole number`);
  return v;
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en-US');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

async function main(): Promise<void> {
  const rows = arg('rows', 100_000);
  const rounds = arg('rounds', 2);
  const server = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  server.pathname = '/';
  const url = `${server.toString().replace(/\/$/, '')}/${DB_NAME}`;

  const admin = new DataSource({ type: 'mysql', url: server.toString() });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
  const uploads = mkdtempSync(join(tmpdir(), 'mingbai-bench-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    UPLOAD_DIR: uploads,
    H5_DIR: '',
  });
  config.h5Dir = null;
  const dataSource = await openDatabase(config.database);
  const { app } = await createApp(config, dataSource);
  try {
    await app.get(RegionImportService).importCsv(REGIONS);
    const village = await dataSource.manager.findOneOrFail(Region, { where: { code: '359901001001' } });
    const root: AuthUser = {
      id: 0,
      username: 'root',
      displayName: 'root',
      role: 'admin',
      regionId: null,
      regionPath: null,
      regionLevel: null,
    };
    const bk = await app
      .get(UsersService)
      .create(root, {
        username: 'bench_bk',
        password: 'bench-password-1',
        displayName: '报账员',
        role: 'bookkeeper',
        regionId: village.id,
      });
    const user: AuthUser = {
      id: bk.id,
      username: 'bench_bk',
      displayName: '报账员',
      role: 'bookkeeper',
      regionId: village.id,
      regionPath: village.path,
      regionLevel: 'village',
    };

    const csv = benchCsv(rows);
    console.log(`database ${DB_NAME}; ${rows.toLocaleString('en-US')} rows, CSV ${mb(csv.length)}; ${rounds} round(s)`);
    const imports = app.get(ImportsService);

    const t0 = process.hrtime.bigint();
    const check = await app.get(ImportAnalyser).open(village, csv);
    const checked = [...check.entries()];
    console.log(`  reading + checking alone (the dry run's work): ${seconds(t0).toFixed(2)} s, ${rate(rows, seconds(t0))} rows/s`);
    if (check.errorCount) throw new Error(`generated CSV has errors: ${JSON.stringify(check.errors.slice(0, 3))}`);

    let bestImport = Infinity;
    let bestRaw = Infinity;
    let peakRss = 0;
    for (let round = 1; round <= rounds; round++) {
      await truncate(dataSource);
      const start = process.hrtime.bigint();
      const { batchId, rows: written } = await imports.commit(user, csv, 'bench.csv');
      const importS = seconds(start);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const [{ n }] = await dataSource.query('SELECT COUNT(*) AS n FROM entries WHERE import_batch_id = ?', [batchId]);
      if (Number(n) !== rows || written !== rows) throw new Error(`expected ${rows} entries, found ${n}`);

      await truncate(dataSource);
      const rawS = await rawInsert(url, checked, village.id, user.id, batchId);
      const [{ m }] = await dataSource.query('SELECT COUNT(*) AS m FROM entries');
      if (Number(m) !== rows) throw new Error(`raw insert wrote ${m} rows`);

      bestImport = Math.min(bestImport, importS);
      bestRaw = Math.min(bestRaw, rawS);
      console.log(
        `round ${round}: mingbai import ${importS.toFixed(2)} s = ${rate(rows, importS)} rows/s; raw mysql2 ${rawS.toFixed(2)} s = ${rate(rows, rawS)} rows/s`,
      );
    }
    console.log(`mingbai import (best): ${rate(rows, bestImport)} rows/s`);
    console.log(`raw mysql2 insert (best): ${rate(rows, bestRaw)} rows/s`);
    console.log(`peak RSS after an import: ${mb(peakRss)}`);
    console.log(`ratio import=${(bestRaw / bestImport).toFixed(2)}`);
  } finally {
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
    await admin.query(`DROP DATABASE IF EXISTS \`${DB_NAME}\``);
    await admin.destroy();
    rmSync(uploads, { recursive: true, force: true });
  }
}

async function truncate(ds: DataSource): Promise<void> {
  await ds.query('TRUNCATE TABLE entries');
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
