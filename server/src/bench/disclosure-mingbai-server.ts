/**
 * The API under benchmark, as its own process so that its memory is measured alone.
 * DATABASE_URL=mysql://… PORT=… node dist/bench/disclosure-mingbai-server.js
 */
import { loadConfig } from '../config/config';
import { createApp } from '../app.factory';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const { app } = await createApp(config);
  await app.listen({ port: config.port, host: '127.0.0.1' });
  process.send?.({ ready: true });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
