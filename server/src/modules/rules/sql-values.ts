import type { EntityManager } from 'typeorm';

/** A timestamp as both databases store it in a datetime(3) column: UTC 'YYYY-MM-DD HH:MM:SS.mmm'. */
export function sqlTimestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').slice(0, 23);
}

/** One multi-row INSERT of `rows` (each in `columns` order), values bound with `?`. */
export async function insertRows(em: EntityManager, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const one = `(${columns.map(() => '?').join(', ')})`;
  await em.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => one).join(', ')}`, rows.flat());
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `CASE id WHEN ? THEN ? … END` and its bound values, to set one column of many rows in one UPDATE. */
export function caseById(rows: readonly { id: number; value: unknown }[]): { sql: string; params: unknown[] } {
  return { sql: `CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} END`, params: rows.flatMap((r) => [r.id, r.value]) };
}
