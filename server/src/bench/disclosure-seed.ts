import { createPool, type Pool } from 'mysql2/promise';
import { todayInChina } from '@mingbai/shared';
import type { DatabaseConfig } from '../config/config';
import { openDatabase } from '../database/data-source';
import { Rng } from '../modules/seed/prng';
import { BenchLedger, ENTRY_COLUMNS, type Row } from './disclosure-data';

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

export function benchPool(db: Extract<DatabaseConfig, { type: 'mysql' }>, connectionLimit = 4): Pool {
  return createPool({ uri: db.url, connectionLimit, charset: 'utf8mb4_unicode_ci', timezone: 'Z', dateStrings: true, multipleStatements: false });
}

/**
 * A migrated database of the given size: 1 county, 10 towns, `villages` villages (codes 3599…) and
 * `entries` ledger rows with real hash chains. With keep, an existing database of the same size is reused.
 */
export async function seedBenchDatabase(
  db: Extract<DatabaseConfig, { type: 'mysql' }>,
  size: { entries: number; villages: number; keep: boolean; seed: number },
  log: (line: string) => void,
): Promise<BenchDataset> {
  const started = Date.now();
  if (size.keep) {
    const existing = await existingDataset(db, size);
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
    const villageIds = await insertRegions(pool, size.villages, `${Number(today.slice(0, 4)) - 2}-01-01`);
    const ledger = new BenchLedger(Rng.derive(size.seed, 7), { villageIds, entries: size.entries, start: `${Number(today.slice(0, 4)) - 2}-01-01`, today });
    const inFlight = new Set<Promise<unknown>>();
    let written = 0;
    let lastLog = Date.now();
    for (const batch of ledger.batches(BATCH_ROWS)) {
      const p: Promise<unknown> = insert(pool, 'entries', [...ENTRY_COLUMNS], batch).then(() => {
        inFlight.delete(p);
      });
      inFlight.add(p);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
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
    await pool.query('ANALYZE TABLE entries, month_totals, chain_heads, regions');
    return { villageIds, entries: written, reused: false, seconds: (Date.now() - started) / 1000 };
  } finally {
    await pool.end();
  }
}

async function existingDataset(db: Extract<DatabaseConfig, { type: 'mysql' }>, size: { entries: number; villages: number }): Promise<Omit<BenchDataset, 'reused' | 'seconds'> | null> {
  const pool = benchPool(db, 1);
  try {
    const [[{ n }]] = (await pool.query('SELECT COUNT(*) AS n FROM entries')) as unknown as [{ n: number }[]];
    const [villages] = (await pool.query("SELECT id FROM regions WHERE level = 'village' ORDER BY id")) as unknown as [{ id: number }[]];
    if (Number(n) !== size.entries || villages.length !== size.villages) return null;
    return { villageIds: villages.map((v) => v.id), entries: Number(n) };
  } catch {
    return null; // no such database or tables
  } finally {
    await pool.end();
  }
}

async function insertRegions(pool: Pool, villages: number, ledgerStart: string): Promise<number[]> {
  const created = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const rows: Row[] = [[1, '359901000000', '清溪县', 'county', null, '/1/', '2023', 0, null, null, 0, created]];
  const villageIds: number[] = [];
  const rng = new Rng(20_260_301);
  let id = 2 + TOWNS;
  for (let t = 0; t < TOWNS; t++) {
    const townId = 2 + t;
    const townCode = `359901${String(t + 1).padStart(3, '0')}000`;
    rows.push([townId, townCode, `第${t + 1}镇`, 'town', 1, `/1/${townId}/`, '2023', 0, null, null, 0, created]);
    const inTown = Math.floor(villages / TOWNS) + (t < villages % TOWNS ? 1 : 0);
    for (let v = 0; v < inTown; v++, id++) {
      const name = `${rng.pick(NAME_A)}${rng.pick(NAME_B)}村`;
      rows.push([id, `${townCode.slice(0, 9)}${String(v + 1).padStart(3, '0')}`, name, 'village', townId, `/1/${townId}/${id}/`, '2023', rng.int(10_000_000, 150_000_000), ledgerStart, null, 0, created]);
      villageIds.push(id);
    }
  }
  const cols = ['id', 'code', 'name', 'level', 'parent_id', 'path', 'chart_version', 'opening_balance_fen', 'ledger_start', 'second_approval_threshold_fen', 'show_staff_names', 'created_at'];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) await insert(pool, 'regions', cols, rows.slice(i, i + BATCH_ROWS));
  return villageIds;
}

function insert(pool: Pool, table: string, columns: string[], rows: Row[]): Promise<unknown> {
  return pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows]);
}
