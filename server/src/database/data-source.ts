import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** TypeORM reads MariaDB's catalogue differently from MySQL's, so it must know which one it talks to. */
export type MysqlFlavor = 'mysql' | 'mariadb';

export function dataSourceOptions(db: DatabaseConfig, flavor: MysqlFlavor = 'mysql'): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.type === 'mysql') {
    return {
      ...common,
      type: flavor,
      url: db.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
      bigNumberStrings: true,
      poolSize: 20,
    };
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    enableWAL: db.path !== ':memory:',
    prepareDatabase: (sqlite: { pragma(s: string): unknown }) => {
      sqlite.pragma('busy_timeout = 5000');
      sqlite.pragma('foreign_keys = ON');
    },
  };
}

/**
 * Creates the MySQL database named in the URL when it is missing (utf8mb4 throughout),
 * and tells whether the server is MySQL or MariaDB.
 */
export async function ensureMysqlDatabase(db: DatabaseConfig): Promise<MysqlFlavor> {
  if (db.type !== 'mysql') return 'mysql';
  const server = new URL(db.url);
  server.pathname = '/';
  const admin = new DataSource({ type: 'mysql', url: server.toString(), charset: 'utf8mb4_unicode_ci' });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [{ v }] = (await admin.query('SELECT VERSION() AS v')) as { v: string }[];
    return /mariadb/i.test(v) ? 'mariadb' : 'mysql';
  } finally {
    await admin.destroy();
  }
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const flavor = await ensureMysqlDatabase(db);
  const ds = new DataSource(dataSourceOptions(db, flavor));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
