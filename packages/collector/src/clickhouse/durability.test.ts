/**
 * Acknowledged ⇒ stored, on ClickHouse: a collector on the ClickHouse store takes batches of 100
 * from several concurrent senders while the ClickHouse server is killed with SIGKILL and started
 * again; every event the collector answered 200 for must be in ClickHouse afterwards.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Collector } from '../index.js';
import { quote } from './http.js';
import { ClickHouseEventStore } from './store.js';
import { ADMIN, BROWSER_UA, SERVER_KEY, uuidv7 } from './test-utils/events.js';
import { databaseUrl, startClickHouse, type LocalClickHouse } from './test-utils/server.js';

let clickhouse: LocalClickHouse;
let collector: Collector | undefined;
beforeAll(async () => {
  clickhouse = await startClickHouse();
}, 240_000);
afterAll(async () => {
  await collector?.close();
  await clickhouse?.stop();
});

it('loses no acknowledged event when ClickHouse is killed with SIGKILL under load', async () => {
  const store = await ClickHouseEventStore.open({ url: databaseUrl(clickhouse, 'durable') });
  collector = createServer({
    dataDir: mkdtempSync(join(tmpdir(), 'vitrine-ch-durable-')),
    store,
    adminToken: ADMIN,
    serverKey: SERVER_KEY,
    rateLimit: 0,
  });
  const url = await collector.listen({ port: 0 });

  const acked: string[] = [];
  let failures = 0;
  let stop = false;
  const sender = async () => {
    while (!stop) {
      const now = Date.now();
      const events = Array.from({ length: 100 }, (_, i) => ({
        event_id: uuidv7(now),
        type: i % 10 === 0 ? 'exposure' : 'product_view',
        ...(i % 10 === 0 ? { experiment: 'durable', variation: i % 2 } : {}),
        ts: now,
        anonymous_id: `unit-${Math.floor(Math.random() * 1000)}`,
        sdk: { name: 'vitrine', version: '0.1.0' },
      }));
      try {
        const response = await fetch(`${url}/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
          body: JSON.stringify({ v: 1, site: 'demo', sent_at: now, events }),
        });
        const answer = (await response.json()) as { accepted?: number };
        if (response.status === 200 && answer.accepted === 100) {
          acked.push(...events.map((e) => e.event_id));
          continue;
        }
      } catch {
        // counted below
      }
      failures++;
      await new Promise((resolve) => setTimeout(resolve, 50)); // a client backs off
    }
  };
  const until = async (test: () => boolean) => {
    while (!test()) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  const senders = Array.from({ length: 4 }, sender);
  await until(() => acked.length >= 1000);
  await clickhouse.kill(); // mid-load: INSERTs in flight die with it
  const ackedAtKill = acked.length;
  await until(() => failures >= 4);
  await clickhouse.restart();
  await until(() => acked.length >= ackedAtKill + 1000);
  stop = true;
  await Promise.all(senders);

  expect(failures).toBeGreaterThanOrEqual(4); // the outage was seen (503s / refused)
  const ids = [...new Set(acked)];
  expect(ids.length).toBe(acked.length);
  let stored = 0;
  for (let i = 0; i < ids.length; i += 2000) {
    const found = await store.http.rows<{ n: number }>(
      `SELECT uniqExact(event_id) AS n FROM ${store.table} WHERE event_id IN (${ids
        .slice(i, i + 2000)
        .map(quote)
        .join(',')})`,
    );
    stored += found[0]!.n;
  }
  expect(stored).toBe(ids.length);
  const health = await fetch(`${url}/healthz`);
  expect(health.status).toBe(200);
}, 60_000);
