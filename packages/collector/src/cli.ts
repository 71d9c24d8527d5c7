import { optionsFromEnv } from './env.js';
import { createServer } from './server.js';
import { storeFromEnv } from './stores.js';
import './clickhouse/register.js'; // makes VITRINE_STORE=clickhouse available

/** `pnpm --filter @vitrine/collector start`: the collector on PORT (8787), configured by the environment. */
async function main(): Promise<void> {
  const { options, port, host, storeName } = optionsFromEnv();
  const store = await storeFromEnv(storeName, process.env);
  if (store) options.store = store;
  const collector = createServer({ ...options, logger: process.env.VITRINE_LOG === '1' });
  const url = await collector.listen({ port, host });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`Vitrine collector listening on ${url}  (dashboard: ${url}/dashboard)`);
  log(`  store: ${collector.store.kind} in ${collector.dataDir}`);
  if (!process.env.VITRINE_ADMIN_TOKEN)
    log(`  admin token (VITRINE_ADMIN_TOKEN unset, generated): ${collector.adminToken}`);
  if (!process.env.VITRINE_SERVER_KEY)
    log(`  server key (VITRINE_SERVER_KEY unset, generated): ${collector.serverKey}`);
  const stop = () => {
    collector.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
