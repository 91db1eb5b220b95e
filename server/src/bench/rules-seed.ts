import type { Pool } from 'mysql2/promise';
import { todayInChina } from '@mingbai/shared';
import type { DatabaseConfig } from '../config/config';
import { Rng } from '../modules/seed/prng';
import type { Row } from './disclosure-data';
import { benchPool, seedBenchDatabase, type BenchDataset } from './disclosure-seed';
import { holidayDays, type HolidayPeriod } from '../modules/rules/holidays';
import holidayData from '../modules/rules/data/holidays.json';
import { ATTACHMENT_COLUMNS, RulesLedgerShaper } from './rules-entries';
import { BenchWatchLists, WATCH_COLUMNS, type BenchRegion } from './rules-people';
import { BenchRegisters } from './rules-registers';

export interface RulesBenchSize {
  entries: number;
  villages: number;
  counties: number;
  contracts: number;
  keep: boolean;
  seed: number;
}

export type MysqlDb = Extract<DatabaseConfig, { type: 'mysql' }>;

/** The staff id the benchmark's own (incremental) entries are written as; seeded rows have created_by 1. */
export const BENCH_STAFF_ID = 2;

const IN_FLIGHT = 3;
const CHUNK = 2000;

/**
 * The rules benchmark's database: the disclosure benchmark's seed (regions, ledgers with real hash
 * chains) over a city of counties, with the entries reshaped by RulesLedgerShaper and their voucher
 * attachments, then watch lists, public holidays, asset and contract registers with rent schedules
 * and receipts. Rule state (warnings, their cases, rule runs) is emptied, also in a kept database.
 */
export async function seedRulesDatabase(db: MysqlDb, size: RulesBenchSize, log: (line: string) => void): Promise<BenchDataset> {
  const today = todayInChina();
  const ledgerStart = `${Number(today.slice(0, 4)) - 2}-01-01`;
  const rng = Rng.derive(size.seed, 21);
  // The engine's own holiday list (its loader would add it at start-up anyway).
  const holidays = holidayDays((holidayData as { periods: HolidayPeriod[] }).periods).map((h): Row => [h.day, h.name]);
  const shaper = new RulesLedgerShaper(rng, new Set(holidays.map(([day]) => day as string)));

  const data = await seedBenchDatabase(db, size, log, {
    shaper,
    seededEntries: `created_by <> ${BENCH_STAFF_ID}`,
    async beforeEntries(pool) {
      const [regions] = (await pool.query('SELECT id, level, parent_id AS parentId, path FROM regions ORDER BY id')) as unknown as [BenchRegion[]];
      const watch = new BenchWatchLists(Rng.derive(size.seed, 22), regions, { start: ledgerStart, today });
      shaper.useWatchLists(watch);
      const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
      await writeRows(pool, 'watch_people', WATCH_COLUMNS, watch.rows(now));
      await writeRows(pool, 'holidays', ['day', 'name'], holidays);
    },
    sideRows: (batch) => [{ table: 'attachments', columns: ATTACHMENT_COLUMNS, rows: shaper.attachments(batch) }],
    async afterEntries(pool, villageIds) {
      const started = Date.now();
      const registers = new BenchRegisters(Rng.derive(size.seed, 23), { villageIds, contracts: size.contracts, ledgerStart, today }, shaper.income, shaper.reversed, () =>
        shaper.nextAttachmentId(),
      );
      const counts = await registers.write((table, columns, rows) => writeRows(pool, table, columns, rows));
      log(
        `  registers: ${counts.assets.toLocaleString('en')} assets, ${counts.contracts.toLocaleString('en')} contracts, ${counts.installments.toLocaleString('en')} installments, ` +
          `${counts.receipts.toLocaleString('en')} receipts in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
    analyze: ['attachments', 'assets', 'contracts', 'contract_installments', 'rent_receipts', 'watch_people', 'holidays'],
    async isComplete(pool) {
      const [[row]] = (await pool.query(
        "SELECT (SELECT COUNT(*) FROM contracts WHERE status = 'approved') AS contracts, (SELECT COUNT(*) FROM attachments WHERE contract_id IS NOT NULL) AS scans",
      )) as unknown as [{ contracts: number; scans: number }[]];
      return Number(row.contracts) === size.contracts && Number(row.scans) > 0;
    },
  });
  const pool = benchPool(db, 1);
  try {
    await resetRuleState(pool);
  } finally {
    await pool.end();
  }
  return data;
}

/** Table sizes, for the report. */
export async function datasetCounts(db: MysqlDb): Promise<Record<string, number>> {
  const pool = benchPool(db, 1);
  try {
    const [[row]] = (await pool.query(
      `SELECT (SELECT COUNT(*) FROM entries WHERE status = 'published') AS published_entries,
              (SELECT COUNT(*) FROM attachments WHERE entry_id IS NOT NULL) AS vouchers,
              (SELECT COUNT(*) FROM assets) AS assets,
              (SELECT COUNT(*) FROM contracts WHERE status = 'approved') AS approved_contracts,
              (SELECT COUNT(*) FROM contract_installments) AS installments,
              (SELECT COUNT(*) FROM rent_receipts) AS receipts,
              (SELECT COUNT(*) FROM watch_people) AS watch_people,
              (SELECT COUNT(*) FROM holidays) AS holidays`,
    )) as unknown as [Record<string, unknown>[]];
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  } finally {
    await pool.end();
  }
}

/** Everything rule runs leave behind: warnings, their cases (and those cases' history), links, run records. */
async function resetRuleState(pool: Pool): Promise<void> {
  const caseIds = "SELECT id FROM reports WHERE kind = 'warning'";
  for (const table of ['report_events', 'report_messages', 'report_files']) await pool.query(`DELETE FROM ${table} WHERE report_id IN (${caseIds})`);
  await pool.query(`DELETE FROM case_links WHERE case_id IN (${caseIds}) OR linked_case_id IN (${caseIds})`);
  await pool.query("DELETE FROM reports WHERE kind = 'warning'");
  for (const table of ['warnings', 'rule_runs', 'rule_settings']) await pool.query(`DELETE FROM ${table}`);
}

/** Multi-row INSERTs of CHUNK rows, a few in flight. */
async function writeRows(pool: Pool, table: string, columns: readonly string[], rows: Row[]): Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const p: Promise<unknown> = pool
      .query(`INSERT INTO ${table} (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [rows.slice(i, i + CHUNK)])
      .then(() => inFlight.delete(p))
      .catch((e: { sqlMessage?: string }) => {
        throw new Error(`INSERT INTO ${table}: ${e.sqlMessage ?? String(e)}`);
      });
    inFlight.add(p);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}
