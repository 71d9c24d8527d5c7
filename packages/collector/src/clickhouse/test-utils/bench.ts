// ClickHouse store figures (run: `node --import tsx packages/collector/src/clickhouse/test-utils/bench.ts`).
//
// 1. Ingest: a throwaway ClickHouse on loopback; the collector on the ClickHouse store in its own
//    process; this process drives it with autocannon: batches of 100 fresh events.
// 2. Results: N events (BENCH_CH_EVENTS, default 100 000: shoppers × 1 exposure + 9 funnel events)
//    appended through the store, then GET /v1/experiments/bench/results timed over HTTP.
// Prints figures only; the budgets of DESIGN.md are the SQLite store's.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { createServer } from '../../index.js';
import type { StoredEvent } from '../../types.js';
import { ClickHouseEventStore } from '../store.js';
import { uuidv7 } from './events.js';
import { databaseUrl, startClickHouse } from './server.js';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const EVENTS = Number(process.env.BENCH_CH_EVENTS ?? 100_000);
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const TYPES = ['product_view', 'product_view', 'add_to_cart', 'begin_checkout', 'purchase'] as const;

function makeBody(now: number): string {
  const events: Record<string, unknown>[] = [];
  for (let u = 0; u < 10; u++) {
    const unit = randomUUID();
    const sdk = { name: 'vitrine', version: '0.1.0' };
    events.push({
      event_id: uuidv7(now),
      type: 'exposure',
      ts: now - 1000,
      anonymous_id: unit,
      experiment: 'bench',
      variation: u % 2,
      sdk,
    });
    for (let i = 0; i < 9; i++) {
      const type = TYPES[i % TYPES.length]!;
      events.push({
        event_id: uuidv7(now),
        type,
        ts: now - 900 + i,
        anonymous_id: unit,
        page: { path: '/p/kettle' },
        product_id: 'kettle',
        value_minor: 4900,
        currency: 'CNY',
        ...(type === 'purchase' ? { order_id: randomUUID() } : {}),
        sdk,
      });
    }
  }
  return JSON.stringify({ v: 1, site: 'bench', sent_at: now, events });
}

async function drive(url: string, bodies: string[]) {
  let i = 0;
  const result = await autocannon({
    url: `${url}/v1/batch`,
    connections: CONNECTIONS,
    amount: bodies.length,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA },
        setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }),
      },
    ],
  });
  return {
    eventsPerSecond: (result.requests.total * 100) / result.duration,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const clickhouse = await startClickHouse();
const children: ChildProcess[] = [];
try {
  console.log(
    `load average at start: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} (2 cores)`,
  );
  // 1. ingest
  const ingestUrl = databaseUrl(clickhouse, 'bench_ingest');
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'collector.ts'), ingestUrl], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('READY ') && resolve(line.slice(6)));
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}`)));
  });
  const now = Date.now();
  await drive(
    url,
    Array.from({ length: 100 }, () => makeBody(now)),
  );
  const run = await drive(
    url,
    Array.from({ length: BATCHES }, () => makeBody(now)),
  );
  const reader = await ClickHouseEventStore.open({ url: ingestUrl });
  const [stored] = await reader.http.rows<{ n: number; parts: number }>(
    `SELECT count() AS n, uniqExact(_part) AS parts FROM ${reader.table}`,
  );
  console.log(
    `ingest: ${BATCHES} batches of 100 events, ${CONNECTIONS} connections, collector in its own process, ClickHouse 18.16 on loopback`,
  );
  console.log(
    `  ${fmt(run.eventsPerSecond)} events/s  (non-2xx ${run.non2xx}, errors ${run.errors}; ${fmt(stored!.n)} rows stored of ${fmt((BATCHES + 100) * 100)} sent, in ${stored!.parts} parts)`,
  );
  child.kill('SIGTERM');

  // 2. results
  const store = await ClickHouseEventStore.open({ url: databaseUrl(clickhouse, 'bench_results'), maxInsert: 50_000 });
  const t0 = performance.now();
  const received = Date.now();
  for (let written = 0, b = 0; written < EVENTS; b++) {
    const events: StoredEvent[] = [];
    for (let u = 0; u < 1000 && written + events.length < EVENTS; u++) {
      const unit = `u${b}-${u}`;
      const variation = u % 2;
      const base = {
        site: 'bench',
        anonymous_id: unit,
        received_at: received,
        is_bot: u === 999,
        ip: null,
        source: 'beacon' as const,
      };
      events.push({
        ...base,
        event_id: uuidv7(received),
        type: 'exposure',
        ts: received - 5000,
        experiment: 'bench',
        variation,
      });
      const depth = (b * 7 + u * 13) % 100;
      for (let i = 0; i < 9; i++) {
        const type = i < 5 ? 'product_view' : depth < 30 - variation * 3 ? TYPES[Math.min(i - 3, 4)]! : 'product_view';
        events.push({
          ...base,
          event_id: uuidv7(received),
          type,
          ts: received - 4000 + i,
          value_minor: 4900,
          ...(type === 'purchase' ? { order_id: `${unit}-o` } : {}),
        });
      }
    }
    written += events.length;
    await store.append(events);
  }
  const seeded = (performance.now() - t0) / 1000;
  const collector = createServer({
    dataDir: mkdtempSync(join(tmpdir(), 'vitrine-ch-bench-results-')),
    store,
    adminToken: 'a',
    serverKey: 's',
    rateLimit: 0,
  });
  const resultsUrl = await collector.listen({ port: 0 });
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const res = await fetch(`${resultsUrl}/v1/experiments/bench/results?site=bench`);
    body = await res.text();
    times.push(performance.now() - t);
  }
  await collector.close();
  times.sort((a, b) => a - b);
  const units = (JSON.parse(body) as { variations: { units: number }[] }).variations.reduce((s, v) => s + v.units, 0);
  console.log(
    `results: ${fmt(EVENTS)} events (${fmt(units)} non-bot units), seeded through the store in ${seeded.toFixed(1)} s`,
  );
  console.log(
    `  GET /v1/experiments/bench/results: median ${times[3]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[6]!.toFixed(0)})`,
  );
  console.log(
    `load average at end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}`,
  );
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await clickhouse.stop();
}
