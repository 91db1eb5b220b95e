import { createPool, type Pool } from 'mysql2/promise';
import { todayInChina } from '@mingbai/shared';
import type { DatabaseConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Rng } from '../modules/seed/prng';
import { BenchLedger, ENTRY_COLUMNS, type EntryShaper, type Row } from './disclosure-data';

export interface BenchDataset {
  villageIds: number[];
  entries: number;
  reused: boolean;
  seconds: number;
}

const TOWNS = 10;
const BATCH_ROWS = 2000;
const IN_FLIGHT = 3;
const NAME_A = '上下东西南北前后大小新老'.split('');
const NAME_B = '坂洋岭坑溪塘山桥埔厝垄田'.split('');

/** What another benchmark adds to the ledger seed (the rules benchmark; the disclosure benchmark uses none). */
export interface BenchSeedExtras {
  /** Reshapes the generated entries and fills extra entry columns. */
  shaper?: EntryShaper;
  /** Runs once the regions are written, before the entries are generated. */
  beforeEntries?(pool: Pool, villageIds: number[]): Promise<void>;
  /** Rows of other tables that go with one batch of entries (their attachments, say), written alongside it. */
  sideRows?(batch: Row[]): { table: string; columns: readonly string[]; rows: Row[] }[];
  /** Runs after the entries, chain heads and month totals are written, before ANALYZE. */
  afterEntries?(pool: Pool, villageIds: number[]): Promise<void>;
  /** Tables to ANALYZE besides the ledger's. */
  analyze?: readonly string[];
  /** With keep: whether an existing database of the right size is also complete in the extras' terms. */
  isComplete?(pool: Pool): Promise<boolean>;
  /** With keep: which entries count as seeded (a WHERE condition), when the benchmark adds entries of its own. */
  seededEntries?: string;
}

export interface BenchSize {
  entries: number;
  villages: number;
  keep: boolean;
  seed: number;
  /** With counties: a city (id 1) over this many counties, each with towns of villages; else one county of 10 towns. */
  counties?: number;
}

export function benchPool(db: Extract<DatabaseConfig, { type: 'mysql' }>, connectionLimit = 4): Pool {
  return createPool({ uri: db.url, connectionLimit, charset: 'utf8mb4_unicode_ci', timezone: 'Z', dateStrings: true, multipleStatements: false });
}

/**
 * A migrated database of the given size: 1 county (or a city of `counties` counties), 10 towns per
 * county, `villages` villages (codes 3599…) and `entries` ledger rows with real hash chains, plus
 * whatever `extras` add. With keep, an existing database of the same size is reused.
 */
export async function seedBenchDatabase(
  db: Extract<DatabaseConfig, { type: 'mysql' }>,
  size: BenchSize,
  log: (line: string) => void,
  extras: BenchSeedExtras = {},
): Promise<BenchDataset> {
  const started = Date.now();
  if (size.keep) {
    const existing = await existingDataset(db, size, extras);
    if (existing) return { ...existing, reused: true, seconds: (Date.now() - started) / 1000 };
    log(`--keep: ${db.database} is missing or not of this size; seeding it afresh`);
  }
  const server = new URL(db.url);
  server.pathname = '/';
  const admin = createPool({ uri: server.toString(), connectionLimit: 1 });
  await admin.query(`DROP DATABASE IF EXISTS \`${db.database}\``);
  await admin.end();
  await (await openDatabase(db)).destroy();

  const pool = benchPool(db, IN_FLIGHT + 1);
  try {
    const today = todayInChina();
    const villageIds = await insertRegions(pool, size.villages, `${Number(today.slice(0, 4)) - 2}-01-01`, size.counties);
    await extras.beforeEntries?.(pool, villageIds);
    const ledger = new BenchLedger(Rng.derive(size.seed, 7), { villageIds, entries: size.entries, start: `${Number(today.slice(0, 4)) - 2}-01-01`, today, shaper: extras.shaper });
    const entryColumns = [...ENTRY_COLUMNS, ...(extras.shaper?.extraColumns ?? [])];
    const inFlight = new Set<Promise<unknown>>();
    let written = 0;
    let lastLog = Date.now();
    for (const batch of ledger.batches(BATCH_ROWS)) {
      const writes = [{ table: 'entries', columns: entryColumns, rows: batch }, ...(extras.sideRows?.(batch) ?? [])];
      for (const w of writes) {
        if (w.rows.length === 0) continue;
        const p: Promise<unknown> = insert(pool, w.table, [...w.columns], w.rows).then(() => {
          inFlight.delete(p);
        });
        inFlight.add(p);
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      }
      written += batch.length;
      if (Date.now() - lastLog > 10_000) {
        log(`  ${written.toLocaleString('en')} entries written (${Math.round(written / ((Date.now() - started) / 1000)).toLocaleString('en')} rows/s)`);
        lastLog = Date.now();
      }
    }
    await Promise.all(inFlight);
    const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
    await insert(pool, 'chain_heads', ['village_id', 'serial', 'hash', 'income_fen', 'expense_fen', 'updated_at'], ledger.chainHeads(now));
    const totals = ledger.monthTotalRows();
    for (let i = 0; i < totals.length; i += BATCH_ROWS)
      await insert(pool, 'month_totals', ['village_id', 'month', 'direction', 'subject_code', 'amount_fen', 'entry_count'], totals.slice(i, i + BATCH_ROWS));
    await extras.afterEntries?.(pool, villageIds);
    await pool.query(`ANALYZE TABLE ${['entries', 'month_totals', 'chain_heads', 'regions', ...(extras.analyze ?? [])].join(', ')}`);
    return { villageIds, entries: written, reused: false, seconds: (Date.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}

async function existingDataset(
  db: Extract<DatabaseConfig, { type: 'mysql' }>,
  size: BenchSize,
  extras: BenchSeedExtras,
): Promise<Omit<BenchDataset, 'reused' | 'seconds'> | null> {
  const pool = benchPool(db, 1);
  try {
    const [[{ n }]] = (await pool.query(`SELECT COUNT(*) AS n FROM entries${extras.seededEntries ? ` WHERE ${extras.seededEntries}` : ''}`)) as unknown as [{ n: number }[]];
    const [villages] = (await pool.query("SELECT id FROM regions WHERE level = 'village' ORDER BY id")) as unknown as [{ id: number }[]];
    const [[{ c }]] = (await pool.query("SELECT COUNT(*) AS c FROM regions WHERE level = 'county'")) as unknown as [{ c: number }[]];
    if (Number(n) !== size.entries || villages.length !== size.villages || Number(c) !== (size.counties ?? 1)) return null;
    if (extras.isComplete && !(await extras.isComplete(pool))) return null;
    return { villageIds: villages.map((v) => v.id), entries: Number(n) };
  } catch {
    return null; // no such database or tables
  } finally {
    await pool.end();
  }
}

async function insertRegions(pool: Pool, villages: number, ledgerStart: string, counties?: number): Promise<number[]> {
  const created = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const rows: Row[] = [];
  const villageIds: number[] = [];
  const rng = new Rng(20_260_301);
  const region = (id: number, code: string, name: string, level: string, parentId: number | null, path: string) =>
    rows.push([id, code, name, level, parentId, path, '2023', 0, null, null, 0, created]);
  const addVillages = (townId: number, townCode: string, townPath: string, count: number, firstId: number) => {
    for (let v = 0; v < count; v++) {
      const id = firstId + v;
      const name = `${rng.pick(NAME_A)}${rng.pick(NAME_B)}村`;
      rows.push([id, `${townCode.slice(0, 9)}${String(v + 1).padStart(3, '0')}`, name, 'village', townId, `${townPath}${id}/`, '2023', rng.int(10_000_000, 150_000_000), ledgerStart, null, 0, created]);
      villageIds.push(id);
    }
  };
  const share = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);
  if (counties === undefined) {
    region(1, '359901000000', '清溪县', 'county', null, '/1/');
    let id = 2 + TOWNS;
    for (let t = 0; t < TOWNS; t++) {
      const townId = 2 + t;
      const townCode = `359901${String(t + 1).padStart(3, '0')}000`;
      region(townId, townCode, `第${t + 1}镇`, 'town', 1, `/1/${townId}/`);
      const inTown = share(villages, TOWNS, t);
      addVillages(townId, townCode, `/1/${townId}/`, inTown, id);
      id += inTown;
    }
  } else {
    // A city (id 1), its counties (2 …), then each county's towns and their villages.
    region(1, '359900000000', '清溪市', 'city', null, '/1/');
    for (let c = 0; c < counties; c++) region(2 + c, `3599${String(c + 1).padStart(2, '0')}000000`, `第${c + 1}县`, 'county', 1, `/1/${2 + c}/`);
    let id = 2 + counties;
    for (let c = 0; c < counties; c++) {
      const countyId = 2 + c;
      const towns = Array.from({ length: TOWNS }, (_, t) => ({ id: id + t, code: `3599${String(c + 1).padStart(2, '0')}${String(t + 1).padStart(3, '0')}000` }));
      id += TOWNS;
      for (const [t, town] of towns.entries()) {
        region(town.id, town.code, `第${c + 1}县第${t + 1}镇`, 'town', countyId, `/1/${countyId}/${town.id}/`);
        const inTown = share(share(villages, counties, c), TOWNS, t);
        addVillages(town.id, town.code, `/1/${countyId}/${town.id}/`, inTown, id);
        id += inTown;
      }
    }
  }
  const cols = ['id', 'code', 'name', 'level', 'parent_id', 'path', 'chart_version', 'opening_balance_fen', 'ledger_start', 'second_approval_threshold_fen', 'show_staff_names', 'created_at'];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await insert(pool, 'regions', cols, rows.slice(i, i + BATCH_ROWS));
  return villageIds;
}

function insert(pool: Pool, table: string, columns: string[], rows: Row[]): Promise<unknown> {
  return pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows]);
}
