#!/usr/bin/env node
// `pnpm start`: the demo shop with the collector beside it.
//   1. builds the demo (production build, as a shop would serve it);
//   2. starts the collector on COLLECTOR_PORT (default 8787) with its SQLite store;
//   3. serves the shop on PORT (default 5173), proxying /v1 and /dashboard to the collector.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { build, preview } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 5173);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
process.env.COLLECTOR_PORT = String(collectorPort);
const host = process.env.HOST ?? '127.0.0.1';

console.log('Building the demo shop…');
await build({ configFile: join(root, 'demo', 'vite.config.ts'), logLevel: 'warn' });

let collector;
const cli = join(root, 'packages', 'collector', 'src', 'cli.ts');
if (existsSync(cli)) {
  collector = spawn(join(root, 'node_modules', '.bin', 'tsx'), [cli], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(collectorPort) },
  });
  collector.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT') {
      console.error(`The collector stopped (${signal ?? `exit code ${code}`}); beacons will not be stored.`);
    }
  });
}

const server = await preview({
  configFile: join(root, 'demo', 'vite.config.ts'),
  preview: { port, host, strictPort: true },
  logLevel: 'warn',
});
const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`;
console.log(`\nVitrine demo shop:  ${url}`);
console.log(`Growth dashboard:   ${url}dashboard`);
console.log(`Collector API:      http://127.0.0.1:${collectorPort}/v1/  (proxied at ${url}v1/)\n`);

function stop() {
  collector?.kill('SIGTERM');
  server.httpServer.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
