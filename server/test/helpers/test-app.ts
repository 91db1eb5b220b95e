import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { loadConfig, AppConfig } from '../../src/config/config';
import { createApp } from '../../src/app.factory';
import { createTestDatabase } from './test-database';
import { Clock } from '../../src/common/clock/clock';

export const TEST_PASSWORD = 'test-password-123';

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/** The whole API on a fresh, migrated database of its own (SQLite, or MySQL with TEST_DB=mysql). */
export async function startTestApp(env: Record<string, string> = {}, options: { h5Dir?: string } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const uploads = mkdtempSync(join(tmpdir(), 'mingbai-uploads-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: 'test-secret-0123456789abcdef',
    // With TEST_LOG_FILE (set by test/log-audit for every run) each app logs everything there, and
    // the audit after the suite searches it for what must never be logged.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? (process.env.TEST_LOG_FILE ? 'trace' : 'silent'),
    ...(process.env.TEST_LOG_FILE ? { LOG_FILE: process.env.TEST_LOG_FILE } : {}),
    UPLOAD_DIR: uploads,
    SEED_DEMO: 'false',
    H5_DIR: '',
    // The outbox worker stays off unless a test turns it on (or drives OutboxWorker.runOnce itself).
    OUTBOX_POLL_MS: '0',
    // Nor does the rules engine's daily schedule (tests call RulesScheduler.tick or RulesEngine.runFull).
    RULES_POLL_MS: '0',
    ...env,
  });
  config.h5Dir = options.h5Dir ?? null;
  const { app, dataSource } = await createApp(config);
  return {
    app,
    dataSource,
    config,
    http: () => request(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await db.drop();
      rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/** A clock that tests can move. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(date: Date): void {
    this.current = date;
  }
}
