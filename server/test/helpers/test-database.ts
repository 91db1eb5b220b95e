import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

/** The database kind a test run uses: SQLite unless TEST_DB=mysql. */
export const TEST_DB: 'sqlite' | 'mysql' = process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'mysql') {
    const parsed = new URL(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
    parsed.pathname = '';
    const server = parsed.toString().replace(/\/$/, '');
    const name = `mingbai_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new DataSource({ type: 'mysql', url: `${server}/` });
    await admin.initialize();
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return {
      url: `${server}/${name}`,
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.destroy();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mingbai-test-'));
  return { url: `sqlite:${join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
