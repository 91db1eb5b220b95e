/**
 * npm run bench:rules -- [--entries N] [--contracts N] [--villages N] [--counties N] [--seed N] [--incremental N] [--keep] [--db-url URL]
 *                          [--buffer-pool-mb N] [--seed-only] [--no-detect]
 *
 * Seeds a MariaDB database (default mysql://root@127.0.0.1:3306/mingbai_bench_rules: a city of 5
 * counties, 1,000 villages, 1,000,000 published entries, 20,000 approved contracts, with a realistic
 * few anomalies of every kind), then times the real rules engine: a full run of every rule (per rule:
 * findings, warnings created and resolved, ms), a second full run (steady state: nothing new), and
 * incremental runs for one village after publishing one entry there. Prints the targets beside the
 * figures (full run <= 10 s at 1 M entries, <= 60 s at 10 M; incremental <= 200 ms). A script, not a test.
 *
 * The server's InnoDB buffer pool decides much of it: MariaDB's default (128 MB) holds a fraction of
 * the 1 M dataset, so every scan reads from disk. The header prints the pool and the data size;
 * --buffer-pool-mb resizes the pool (SET GLOBAL, online) for the run and sets it back afterwards.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../cli/args';
import { loadConfig, parseDatabaseUrl, repoRoot } from '../config/config';
import { createApp } from '../app.factory';
import { openDatabase } from '../database/data-source';
import { Db } from '../database/db.service';
import { Clock } from '../common/clock/clock';
import { Entry } from '../modules/ledger/entry.entity';
import { newEntryRow } from '../modules/ledger/new-entry';
import { PublicationService } from '../modules/ledger/publication.service';
import { RulesEngine } from '../modules/rules/rules-engine.service';
import { benchPool } from './disclosure-seed';
import { BENCH_STAFF_ID, datasetCounts, seedRulesDatabase, type MysqlDb } from './rules-seed';
import { fullTargetSeconds, runTable, TARGETS } from './rules-report';
import { detectTimes, slowStatements } from './rules-detect';

const DEFAULT_URL = 'mysql://root@127.0.0.1:3306/mingbai_bench_rules';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), {
    entries: 'int', contracts: 'int', villages: 'int', counties: 'int', seed: 'int', incremental: 'int', keep: 'flag', 'db-url': 'string', 'no-detect': 'flag', 'seed-only': 'flag', 'buffer-pool-mb': 'int',
  });
  const opts = {
    entries: (args.entries as number) ?? 1_000_000,
    contracts: (args.contracts as number) ?? 20_000,
    villages: (args.villages as number) ?? 1_000,
    counties: Math.max(1, (args.counties as number) ?? 5),
    seed: (args.seed as number) ?? 1,
    incremental: Math.max(1, (args.incremental as number) ?? 5),
    keep: args.keep === true,
  };
  const db = parseDatabaseUrl((args['db-url'] as string) ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_URL, repoRoot());
  if (db.type !== 'mysql') throw new Error('the rules benchmark needs a MariaDB/MySQL URL');
  const log = (line: string) => console.log(line);

  log(`Seeding ${db.database}: ${opts.entries.toLocaleString('en')} entries, ${opts.contracts.toLocaleString('en')} contracts, ${opts.villages} villages in ${opts.counties} counties${opts.keep ? ' (--keep)' : ''}…`);
  const data = await seedRulesDatabase(db, opts, log);
  log(data.reused
    ? `Reused ${db.database} (${data.entries.toLocaleString('en')} seeded entries); rule state emptied.`
    : `Seeded ${data.entries.toLocaleString('en')} entries and the rest in ${data.seconds.toFixed(1)} s.`);
  log(`  ${Object.entries(await datasetCounts(db)).map(([k, v]) => `${k.replace(/_/g, ' ')} ${v.toLocaleString('en')}`).join(', ')}`);
  if (args['seed-only']) return;

  const restorePool = await bufferPool(db, args['buffer-pool-mb'] as number | undefined, log);
  try {
    await bench(db, data.villageIds, opts, args['no-detect'] === true, log);
  } finally {
    await restorePool();
  }
}

async function bench(db: MysqlDb, villageIds: number[], opts: { entries: number; incremental: number }, noDetect: boolean, log: (line: string) => void): Promise<void> {
  const dataSource = await openDatabase(db);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: db.url,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
    H5_DIR: '',
    UPLOAD_DIR: join(tmpdir(), 'mingbai-bench-uploads'),
    JWT_SECRET: randomBytes(24).toString('hex'),
    OUTBOX_POLL_MS: '0',
    // The benchmark runs the engine itself: no daily schedule, no runs triggered by events.
    RULES_POLL_MS: '0',
    RULES_INCREMENTAL: 'false',
  });
  const { app } = await createApp(config, dataSource);
  try {
    const engine = app.get(RulesEngine);
    const target = fullTargetSeconds(opts.entries);
    const targetMs = target === null ? null : target * 1000;

    log(`${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} (other work on the machine slows every figure); Node ${process.version}`);
    let t0 = performance.now();
    const first = await engine.runFull('manual');
    runTable('Full run 1 (from no warnings):', first, performance.now() - t0, targetMs, log);

    t0 = performance.now();
    const second = await engine.runFull('manual');
    const secondMs = performance.now() - t0;
    const detect = noDetect ? undefined : await detectTimes(engine, app.get(Db).manager, app.get(Clock).today());
    runTable('Full run 2 (steady state, nothing new):', second, secondMs, targetMs, log, detect && new Map([...detect].map(([id, t]) => [id, t.ms])));
    if (detect) slowStatements(detect, 1000, log);

    await incremental(app.get(Db), app.get(PublicationService), app.get(Clock), engine, villageIds, opts.incremental, log);
  } finally {
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/**
 * Prints the InnoDB buffer pool against the data size; with `mb`, resizes the pool for the run
 * (MariaDB resizes online, in whole chunks) and returns how to set it back.
 */
async function bufferPool(db: MysqlDb, mb: number | undefined, log: (line: string) => void): Promise<() => Promise<void>> {
  const pool = benchPool(db, 1);
  const size = async () => Number(((await pool.query('SELECT @@GLOBAL.innodb_buffer_pool_size AS b')) as unknown as [{ b: number }[]])[0][0].b);
  const before = await size();
  const [[{ bytes }]] = (await pool.query('SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = DATABASE()')) as unknown as [{ bytes: number }[]];
  const mib = (b: number) => `${Math.round(b / 1_048_576).toLocaleString('en')} MB`;
  if (mb !== undefined) {
    await pool.query(`SET GLOBAL innodb_buffer_pool_size = ${mb * 1_048_576}`);
    // The resize runs in the background; wait until the new size shows.
    for (let i = 0; i < 120 && (await size()) === before && mb * 1_048_576 !== before; i++) await new Promise((r) => setTimeout(r, 500));
  }
  const now = await size();
  log(`InnoDB buffer pool ${mib(now)}${mb !== undefined ? ` (set for this run; was ${mib(before)})` : ''}; data and indexes of ${db.database}: ${mib(Number(bytes))}`);
  await pool.end();
  return async () => {
    if (mb === undefined || now === before) return;
    const p = benchPool(db, 1);
    try {
      await p.query(`SET GLOBAL innodb_buffer_pool_size = ${before}`);
      log(`InnoDB buffer pool set back to ${mib(before)}.`);
    } finally {
      await p.end();
    }
  };
}

/**
 * Publishes one expense entry in a village (as a bookkeeper's approved entry would be, in one
 * transaction through PublicationService), then times the engine's incremental run for that
 * village; `samples` villages spread over the city, the first one reported in full.
 */
async function incremental(db: Db, publication: PublicationService, clock: Clock, engine: RulesEngine, villageIds: number[], samples: number, log: (line: string) => void): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const villageId = villageIds[Math.floor(((i + 0.5) * villageIds.length) / samples)];
    const now = clock.now();
    // A payee new to the village (and to earlier runs on a kept database): the entry is ordinary
    // but for its missing voucher, so each run has one new warning to write.
    const payee = `清溪永兴五金店${String(now.getTime()).slice(-6)}${i}`;
    const p0 = performance.now();
    await db.transaction(async (em) => {
      const saved = await em.save(
        em.create(
          Entry,
          newEntryRow({
            villageId,
            status: 'submitted',
            direction: 'expense',
            subjectCode: '514',
            // A fresh amount each time, so a kept database's earlier bench entries are no duplicates of it.
            amountFen: 100_000 + (Date.now() % 90_000) + i,
            occurredOn: clock.today(),
            counterpartyKind: 'organisation',
            counterpartyName: payee,
            counterpartyDisplay: payee,
            summary: '更换损坏路灯',
            paymentMethod: 'bank',
            voucherNo: null,
            createdBy: BENCH_STAFF_ID,
            createdAt: now,
            submittedAt: now,
          }),
        ),
      );
      await publication.publish(em, saved);
    });
    const publishMs = performance.now() - p0;
    const t0 = performance.now();
    const runs = await engine.runVillage(villageId);
    const ms = performance.now() - t0;
    times.push(ms);
    if (i === 0) {
      runTable(`Incremental run for village ${villageId} after publishing one entry (publish took ${Math.round(publishMs)} ms):`, runs, ms, TARGETS.incrementalMs, log);
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  log(
    `Incremental runs in ${samples} villages: ${times.map((t) => Math.round(t)).join(', ')} ms; median ${Math.round(median)} ms, worst ${Math.round(sorted[sorted.length - 1])} ms; ` +
      `target <= ${TARGETS.incrementalMs} ms: ${sorted[sorted.length - 1] <= TARGETS.incrementalMs ? 'met' : median <= TARGETS.incrementalMs ? 'met by the median' : 'MISSED'}`,
  );
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
