import { ConfigError, loadConfig } from './config/config';
import { createApp } from './app.factory';
import { DemoSeeder } from './modules/seed/demo-seeder';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const { app, logger } = await createApp(config);
  if (config.seedDemo) {
    const result = await app.get(DemoSeeder).seedIfEmpty(config.demoSeed);
    if (result) {
      console.log('\nDemo region seeded. Demo accounts (username / password):');
      for (const a of result.accounts) console.log(`  ${a.role.padEnd(10)} ${a.username.padEnd(22)} ${a.password}   ${a.scope}`);
      console.log(`Receipt code of a demo report (查询举报进度): ${result.demoReceiptCode}`);
      console.log('');
    }
  }
  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  logger.info({ url: base }, 'Mingbai listening');
  console.log(`Mingbai is running: ${base}  (API ${base}/api, Swagger UI ${base}/api/docs)`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
