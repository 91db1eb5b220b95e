import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Bound parameters per statement: below SQLite's 32,766 and far below MySQL's 65,535. */
const MAX_PARAMS = 30_000;

/**
 * Multi-row INSERTs of many rows, built from the entity's metadata: every column but the generated
 * key, values converted by TypeORM's driver (transformers, dates) as em.insert() converts them.
 * What em.insert() adds per row (named-parameter expansion, reading keys back) is skipped, and so
 * are nullable columns without a default that are NULL in every row of a statement (the database
 * writes NULL there anyway). The next statement is prepared while the database runs the current
 * one. Runs in the caller's transaction; rows may come from a generator, so that they need not all
 * exist as objects at once.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Iterable<Partial<T>>,
): Promise<number> {
  const meta = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = meta.columns.filter((c) => !c.isGenerated && !c.isVirtual);
  const omittable = columns.map((c) => c.isNullable && c.default === undefined);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const table = driver.escape(meta.tableName);

  let running: Promise<unknown> = Promise.resolve();
  let count = 0;
  let chunk: unknown[][] = [];
  const flush = async () => {
    const statement = buildStatement(table, columns, omittable, chunk, (c) => driver.escape(c.databaseName));
    chunk = [];
    await running;
    running = em.query(statement.sql, statement.params);
  };
  try {
    for (const row of rows) {
      chunk.push(columns.map((c) => driver.preparePersistentValue(c.getEntityValue(row), c) ?? null));
      count += 1;
      if (chunk.length === perStatement) await flush();
    }
    if (chunk.length) await flush();
  } catch (e) {
    // The rows failed (say, too many): let the statement in flight finish before the caller rolls back.
    await running.catch(() => undefined);
    throw e;
  }
  await running;
  return count;
}

function buildStatement(
  table: string,
  columns: ColumnMetadata[],
  omittable: boolean[],
  values: unknown[][],
  escape: (c: ColumnMetadata) => string,
): { sql: string; params: unknown[] } {
  const keep = columns.map((_, i) => !omittable[i] || values.some((v) => v[i] !== null));
  const names = columns.filter((_, i) => keep[i]).map(escape);
  const tuple = `(${names.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const v of values) for (let i = 0; i < v.length; i++) if (keep[i]) params.push(v[i]);
  return { sql: `INSERT INTO ${table} (${names.join(', ')}) VALUES ${new Array<string>(values.length).fill(tuple).join(', ')}`, params };
}
