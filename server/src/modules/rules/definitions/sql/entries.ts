import type { RuleContext } from '../../rule';

/**
 * SQL fragments about ledger entries that several rules share. `a` is the alias of `entries` in
 * the caller's query; the fragments bind no values.
 */

/**
 * A published entry that still stands: not itself a reversal (红字冲销), and not reversed by a
 * published reversal. `COALESCE(reverses_id, 0) = 0` rather than `reverses_id IS NULL`: MariaDB
 * would otherwise read half the table through IDX_entries_reverses. The reversed ids are a small
 * uncorrelated set (IDX_entries_reverses), which MariaDB materialises once instead of probing per row.
 */
export function standingEntry(a: string): string {
  return (
    `${a}.status = 'published' AND COALESCE(${a}.reverses_id, 0) = 0` +
    ` AND ${a}.id NOT IN (SELECT ${a}_rev.reverses_id FROM entries ${a}_rev WHERE ${a}_rev.reverses_id IS NOT NULL AND ${a}_rev.status = 'published')`
  );
}

/**
 * `SELECT ` with MySQL/MariaDB's STRAIGHT_JOIN: the tables are joined in the order written. Used
 * where a small derived table (the candidates) must drive the join to `entries`: the optimizer
 * cannot know how few rows it holds and would scan `entries` to probe it.
 */
export function selectInOrder(ctx: RuleContext): string {
  return ctx.dialect.mysql ? 'SELECT STRAIGHT_JOIN ' : 'SELECT ';
}

/** A payment: a standing published expense entry. */
export function payment(a: string): string {
  return `${a}.direction = 'expense' AND ${standingEntry(a)}`;
}

/**
 * The ids of entries that do NOT stand (unpublished, reversals, reversed), from three small index
 * ranges (IDX_entries_status_village, IDX_entries_reverses): for an anti-join where probing
 * `entries` row by row would cost a random read each (rent receipts).
 */
export const NOT_STANDING_IDS =
  `SELECT x.id AS id FROM entries x WHERE x.status <> 'published'` +
  ` UNION ALL SELECT x.id AS id FROM entries x WHERE x.reverses_id IS NOT NULL` +
  ` UNION ALL SELECT x.reverses_id AS id FROM entries x WHERE x.reverses_id IS NOT NULL AND x.status = 'published'`;

/**
 * The index the rules read payments from: IDX_entries_payee (village, payee, date, …). Asked to
 * carry every column the payment scans test (direction, status, amount, reverses_id, payment
 * method), it is a covering index a fraction of the table's size. MariaDB's estimates prefer
 * IDX_entries_status_village for `status = 'published'`, which reads every row at random, so the
 * scans name the index on MySQL/MariaDB.
 */
export function paymentsFrom(ctx: RuleContext, a: string): string {
  return `entries ${a}${ctx.dialect.mysql ? ' FORCE INDEX (IDX_entries_payee)' : ''}`;
}

/**
 * The payee as a window partition key: on MySQL/MariaDB its CRC32 (sorting a few hundred thousand
 * integers instead of collated names halves the window's cost); a rare collision only merges two
 * payees' windows, so callers confirm every candidate by an exact join on counterparty_norm.
 */
export function payeeKey(ctx: RuleContext, a: string): string {
  return ctx.dialect.mysql ? `CRC32(${a}.counterparty_norm)` : `${a}.counterparty_norm`;
}

/** A DATE column as a whole number of days (for RANGE window frames). */
export function dayNumber(ctx: RuleContext, column: string): string {
  return ctx.dialect.daysBetween("'2000-01-01'", column);
}

/** A whole number to inline into SQL (window frame offsets), refusing anything else. */
export function wholeNumber(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  return n;
}

/**
 * The columns an entry's evidence needs, each aliased `<prefix>name`. Only the public form of the
 * counterparty is read (a person's name masked): a rule never handles the full name.
 */
export function entryColumns(a: string, prefix = ''): string {
  return [
    ['id', 'id'],
    ['village_id', 'village_id'],
    ['serial', 'serial'],
    ['direction', 'direction'],
    ['occurred_on', 'occurred_on'],
    ['amount_fen', 'amount_fen'],
    ['counterparty_display', 'payee'],
    ['summary', 'summary'],
    ['payment_method', 'payment_method'],
    ['voucher_no', 'voucher_no'],
  ]
    .map(([column, name]) => `${a}.${column} AS ${prefix}${name}`)
    .join(', ');
}
