// The collector on the ClickHouse store in its own process, for the benchmark:
//   node --import tsx collector.ts <clickhouse url>   → prints `READY <collector url>`
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../index.js';
import { ClickHouseEventStore } from '../store.js';

const store = await ClickHouseEventStore.open({ url: process.argv[2] });
const collector = createServer({
  dataDir: mkdtempSync(join(tmpdir(), 'vitrine-ch-bench-')),
  store,
  adminToken: 'bench-admin',
  serverKey: 'bench-server',
  rateLimit: 0,
});
const url = await collector.listen({ port: 0 });
process.on('SIGTERM', () => void collector.close().then(() => process.exit(0)));
process.stdout.write(`READY ${url}\n`);
