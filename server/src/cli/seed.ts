import { ConfigError, loadConfig } from '../config/config';
import { createApp } from '../app.factory';
import { DemoSeeder } from '../modules/seed/demo-seeder';
import { parseArgs } from './args';

/** `npm run seed -w @mingbai/server -- [--seed N]`: demo data for an empty database (DATABASE_URL). */
async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2), { seed: 'int' });
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run seed -w @mingbai/server -- [--seed N]`);
    process.exit(64);
  }
  let config;
  try {
    config = loadConfig({ ...process.env, SEED_DEMO: 'false' });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const seed = (args.seed as number | undefined) ?? config.demoSeed;
  const { app, dataSource } = await createApp(config);
  try {
    const result = await app.get(DemoSeeder).seedIfEmpty(seed);
    if (!result) {
      console.error('The database already has regions; demo data is only added to an empty database. Nothing changed.');
      process.exitCode = 1;
      return;
    }
    console.log(`Demo data seeded (seed ${seed}). Demo accounts (username / password):`);
    for (const a of result.accounts) console.log(`  ${a.role.padEnd(10)} ${a.username.padEnd(22)} ${a.password}   ${a.scope}`);
    console.log(`Receipt code of a demo report (查询举报进度): ${result.demoReceiptCode}`);
  } finally {
    await app.close();
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
