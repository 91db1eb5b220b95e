/**
 * npm run bench:disclosure -- [--entries N] [--villages N] [--duration S] [--warmup S] [--rounds N] [--connections N] [--keep]
 *
 * Seeds a MariaDB database (default 1,000,000 entries over 500 villages) and drives, in one run,
 * a minimal raw node:http + mysql2 server and the Mingbai API with autocannon: the first page of a
 * village's entries, random cursor pages, and the village summary. Prints req/s, p50, p99 and peak
 * RSS for each, and last `ratio list=X cursor=Y summary=Z` (Mingbai ÷ raw).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { todayInChina } from '@mingbai/shared';
import { parseArgs } from '../cli/args';
import { parseDatabaseUrl, repoRoot } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Db } from '../database/db.service';
import { ChainVerifier } from '../modules/ledger/chain-verifier';
import { Rng } from '../modules/seed/prng';
import { benchPool, seedBenchDatabase, type BenchDataset } from './disclosure-seed';
import { cursorPaths } from './disclosure-cursors';
import { ServerProcess } from './disclosure-process';
import { drive, type LoadResult } from './disclosure-load';
import { report, SCENARIOS, type Results, type Scenario, type ServerName } from './disclosure-report';

const DEFAULT_URL = 'mysql://root@127.0.0.1:3306/mingbai_bench';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), {
    entries: 'int', villages: 'int', duration: 'int', warmup: 'int', rounds: 'int', connections: 'int', 'cursor-pool': 'int', seed: 'int', keep: 'flag', 'db-url': 'string',
  });
  const opts = {
    entries: (args.entries as number) ?? 1_000_000,
    villages: (args.villages as number) ?? 500,
    duration: (args.duration as number) ?? 10,
    warmup: (args.warmup as number) ?? 3,
    rounds: Math.max(1, (args.rounds as number) ?? 3),
    connections: (args.connections as number) ?? 50,
    cursorPool: (args['cursor-pool'] as number) ?? 20_000,
    seed: (args.seed as number) ?? 1,
    keep: args.keep === true,
  };
  const db = parseDatabaseUrl((args['db-url'] as string) ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_URL, repoRoot());
  if (db.type !== 'mysql') throw new Error('the disclosure benchmark needs a MariaDB/MySQL URL');
  const log = (line: string) => console.log(line);

  log(`Seeding ${db.database}: ${opts.entries.toLocaleString('en')} entries over ${opts.villages} villages${opts.keep ? ' (--keep)' : ''}…`);
  const data = await seedBenchDatabase(db, opts, log);
  log(data.reused
    ? `Reused ${db.database} (${data.entries.toLocaleString('en')} entries).`
    : `Seeded ${data.entries.toLocaleString('en')} entries in ${data.seconds.toFixed(1)} s (${Math.round(data.entries / data.seconds).toLocaleString('en')} rows/s).`);
  await checkChains(db, data);

  const year = Number(todayInChina().slice(0, 4));
  const pool = benchPool(db, 4);
  const cursors = await cursorPaths(pool, data.villageIds, opts.cursorPool, Rng.derive(opts.seed, 11));
  await pool.end();
  const pathsFor = (scenario: Scenario, stream: number): (() => string) => {
    const rng = Rng.derive(opts.seed, 12, SCENARIOS.indexOf(scenario), stream);
    const village = () => rng.pick(data.villageIds);
    if (scenario === 'list') return () => `/api/villages/${village()}/entries?limit=20`;
    if (scenario === 'summary') return () => `/api/villages/${village()}/summary?year=${year}`;
    return () => rng.pick(cursors);
  };

  const started: ServerProcess[] = [];
  try {
    const start = async (name: string, script: string, port: number, env: Record<string, string>) => {
      const server = await ServerProcess.start(name, join(__dirname, script), port, env);
      started.push(server);
      return server;
    };
    const servers: Record<ServerName, ServerProcess> = {
      raw: await start('raw server', 'raw-server.js', 3901, { DATABASE_URL: db.url }),
      mingbai: await start('Mingbai API', 'disclosure-mingbai-server.js', 3902, {
        DATABASE_URL: db.url,
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(24).toString('hex'),
        REPORT_IDENTITY_KEYS: `bench:${randomBytes(32).toString('base64')}`,
        LOG_LEVEL: 'silent',
        SEED_DEMO: 'false',
        H5_DIR: '',
        UPLOAD_DIR: join(tmpdir(), 'mingbai-bench-uploads'),
      }),
    };
    await compareResponses(servers, SCENARIOS.flatMap((s) => Array.from({ length: 20 }, pathsFor(s, 99))), log);
    log(`${opts.connections} connections; ${opts.rounds} round(s) of ${opts.duration} s per scenario and server, each after ${opts.warmup} s warm-up; ${cursors.length.toLocaleString('en')} cursor pages; ${cpus().length} CPUs; Node ${process.version}`);
    const results = { raw: { hwmMb: 0 }, mingbai: { hwmMb: 0 } } as Results;
    // Scenario by scenario, the servers take turns (raw first in odd rounds, Mingbai first in even ones,
    // so neither always meets the buffer pool the other warmed); each has its own, equally random, request stream.
    for (const scenario of SCENARIOS) {
      const runs: Record<ServerName, LoadResult[]> = { raw: [], mingbai: [] };
      const next = { raw: pathsFor(scenario, 0), mingbai: pathsFor(scenario, 1) };
      for (let round = 0; round < opts.rounds; round++)
        for (const name of round % 2 === 0 ? (['raw', 'mingbai'] as const) : (['mingbai', 'raw'] as const)) {
          const r = await drive(servers[name], next[name], opts);
          runs[name].push(r);
          log(`  ${scenario} / ${name} round ${round + 1}: ${Math.round(r.reqPerSec).toLocaleString('en')} req/s, p99 ${r.p99} ms`);
        }
      for (const name of ['raw', 'mingbai'] as const) results[name][scenario] = combine(runs[name]);
    }
    for (const name of ['raw', 'mingbai'] as const) results[name].hwmMb = servers[name].memory().hwmMb;
    report(results, log);
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

/** Rounds together: the median req/s and p50 (the machine is shared and noisy), the worst p99 and the highest RSS. */
function combine(runs: LoadResult[]): LoadResult {
  const median = (f: (r: LoadResult) => number) => {
    const v = runs.map(f).sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  return {
    reqPerSec: median((r) => r.reqPerSec),
    p50: median((r) => r.p50),
    p99: Math.max(...runs.map((r) => r.p99)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    failures: runs.reduce((a, r) => a + r.failures, 0),
  };
}

/** The benchmark data must be real: two villages' chains are recomputed from serial 1. */
async function checkChains(db: Parameters<typeof openDatabase>[0], data: BenchDataset): Promise<void> {
  const ds = await openDatabase(db);
  try {
    const verifier = new ChainVerifier(new Db(ds));
    for (const id of [data.villageIds[0], data.villageIds[data.villageIds.length - 1]]) {
      const r = await verifier.verifyVillage(id);
      if (!r.ok) throw new Error(`bench data: village ${id} chain does not verify at serial ${r.firstBad?.serial} (${r.firstBad?.problem})`);
    }
  } finally {
    await ds.destroy();
  }
}

/** Both servers must answer with the same JSON, or the comparison means nothing. */
async function compareResponses(servers: Record<ServerName, ServerProcess>, paths: string[], log: (line: string) => void): Promise<void> {
  let same = 0;
  for (const [i, path] of paths.entries()) {
    const [a, b] = await Promise.all([fetch(servers.raw.url + path).then((r) => r.text()), fetch(servers.mingbai.url + path).then((r) => r.text())]);
    if (a === b) same++;
    else if (i - same < 3) log(`  differs: ${path}\n    raw:     ${a.slice(0, 400)}\n    mingbai: ${b.slice(0, 400)}`);
  }
  log(`Same JSON from both servers: ${same}/${paths.length} sample responses.`);
  if (same !== paths.length) throw new Error('the raw server and the API disagree; fix the raw server before comparing speed');
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
