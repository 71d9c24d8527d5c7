/**
 * The whole product, as `pnpm start` runs it, for end-to-end tests: a collector (SQLite, in a
 * temporary folder, known tokens) and the demo shop's production build served by Vite's preview
 * server with the same proxy and live-config middleware.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build, preview, type PreviewServer } from 'vite';
import { createServer, type Collector } from '@vitrine/collector';

const root = join(import.meta.dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Shop {
  url: string;
  collectorUrl: string;
  adminToken: string;
  collector: Collector;
  /** Raw stored events of one shopper (bots included), straight from the SQLite file. */
  eventsOf(
    anonymousId: string,
  ): Array<{ type: string; experiment: string | null; variation: number | null; event_id: string }>;
  close(): Promise<void>;
}

export async function startShop(): Promise<Shop> {
  if (!existsSync(join(root, 'packages', 'embed', 'dist', 'vitrine.js'))) {
    execFileSync('pnpm', ['--filter', '@vitrine/embed', 'build'], { cwd: root, stdio: 'inherit' });
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'vitrine-loop-'));
  const adminToken = 'loop-admin-token';
  const collector = createServer({ dataDir, adminToken, serverKey: 'loop-server-key', rateLimit: 0 });
  const collectorPort = await freePort();
  const collectorUrl = await collector.listen({ port: collectorPort, host: '127.0.0.1' });
  const seed = readFileSync(join(root, 'demo', 'experiments.json'), 'utf8');
  const put = await fetch(`${collectorUrl}/v1/config/demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: seed,
  });
  if (!put.ok) throw new Error(`seeding the config failed: ${put.status} ${await put.text()}`);

  process.env.COLLECTOR_PORT = String(collectorPort); // read by demo/vite.config.ts
  const configFile = join(root, 'demo', 'vite.config.ts');
  await build({ configFile, logLevel: 'warn' });
  const port = await freePort();
  const server: PreviewServer = await preview({
    configFile,
    logLevel: 'warn',
    preview: { port, host: '127.0.0.1', strictPort: true },
  });
  const db = new Database(join(dataDir, 'vitrine.sqlite'), { readonly: true, fileMustExist: true });
  return {
    url: `http://127.0.0.1:${port}/`,
    collectorUrl,
    adminToken,
    collector,
    eventsOf: (id) =>
      db
        .prepare('SELECT type, experiment, variation, event_id FROM events WHERE anonymous_id = ? ORDER BY seq')
        .all(id) as Array<{ type: string; experiment: string | null; variation: number | null; event_id: string }>,
    async close() {
      db.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
