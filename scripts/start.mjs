#!/usr/bin/env node
// `pnpm start`: the demo shop with the collector beside it.
//   1. builds the script-tag build and the demo (production builds, as a shop would serve them);
//   2. starts the collector on COLLECTOR_PORT (default 8787) with its SQLite store;
//   3. serves the shop on PORT (default 5173), proxying /v1 and /dashboard to the collector.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { build, preview } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 5173);
const collectorPort = Number(process.env.COLLECTOR_PORT ?? 8787);
process.env.COLLECTOR_PORT = String(collectorPort);
const host = process.env.HOST ?? '127.0.0.1';

console.log('Building the script-tag build (@vitrine/embed) and the demo shop…');
const embed = spawnSync('pnpm', ['--filter', '@vitrine/embed', 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (embed.status !== 0) {
  console.error('Building @vitrine/embed failed (see above).');
  process.exit(1);
}
await build({ configFile: join(root, 'demo', 'vite.config.ts'), logLevel: 'warn' });

const adminToken = process.env.VITRINE_ADMIN_TOKEN ?? randomBytes(18).toString('base64url');
const collectorUrl = `http://127.0.0.1:${collectorPort}`;
let collector;
const cli = join(root, 'packages', 'collector', 'src', 'cli.ts');
if (existsSync(cli)) {
  // The collector's node flags, as `pnpm --filter @vitrine/collector start` runs it (see its README,
  // "Node flags": GC settings for a busy ingest thread on few cores).
  const flags = ['--single-threaded-gc', '--min-semi-space-size=16'];
  collector = spawn(process.execPath, [...flags, '--import', 'tsx', cli], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: String(collectorPort), VITRINE_ADMIN_TOKEN: adminToken },
  });
  collector.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM' && signal !== 'SIGINT') {
      console.error(`The collector stopped (${signal ?? `exit code ${code}`}); beacons will not be stored.`);
    }
  });
}

// The demo's experiments: seeded into the collector once, then owned by the dashboard.
async function seedConfig() {
  for (let i = 0; i < 600; i++) {
    try {
      const current = await fetch(`${collectorUrl}/v1/config/demo`).then((r) => r.json());
      if (current.experiments?.length) return;
      const put = await fetch(`${collectorUrl}/v1/config/demo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: readFileSync(join(root, 'demo', 'experiments.json')),
      });
      if (!put.ok) console.error(`Seeding the demo's experiments failed: ${put.status} ${await put.text()}`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100)); // the collector is still starting
    }
  }
  console.error('The collector did not answer; the demo uses the config built into the page.');
}
if (collector) await seedConfig();

const server = await preview({
  configFile: join(root, 'demo', 'vite.config.ts'),
  preview: { port, host, strictPort: true },
  logLevel: 'warn',
});
const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`;
console.log(`\nVitrine demo shop:  ${url}`);
console.log(`Growth dashboard:   ${url}dashboard`);
console.log(`Collector API:      ${collectorUrl}/v1/  (proxied at ${url}v1/)`);
if (collector) console.log(`Admin token:        ${adminToken}  (the dashboard asks for it before any change)\n`);

function stop() {
  collector?.kill('SIGTERM');
  server.httpServer.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
