// Ingest and results benchmark (`pnpm --filter @vitrine/collector bench`).
//
// 1. Ingest: the collector runs in its own process; this process drives it over loopback with
//    autocannon, batches of 100 fresh events (no duplicates), waits until its aggregator has folded
//    them (reported), stops it, and then drives a bare node:http server in its own process with the
//    same bodies: it reads each body, appends it to one file, fsyncs, and only then answers 200 (no
//    parsing, validation or dedupe; see bench/servers.ts). Both promise the same thing: an
//    acknowledged batch is on disk, even through a power cut.
// 2. Results: 1 000 000 events are written into a fresh store, then the results route is timed.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { openDatabase, SqliteEventStore, SqliteConfigStore } from '../src/index.js';
import type { StoredEvent } from '../src/index.js';

const pkg = join(import.meta.dirname, '..');
const BATCHES = Number(process.env.BENCH_BATCHES ?? 3000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const INGEST_BUDGET = 20_000;
const RATIO_BUDGET = 0.5;
const RESULTS_BUDGET_MS = 250;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

let seq = 0;
function uuidv7(ms: number): string {
  // time-ordered like a real client's ids; a counter keeps them unique within one ms
  const hex = ms.toString(16).padStart(12, '0') + (seq++ % 0xfffff).toString(16).padStart(5, '0');
  const rand = randomUUID().replace(/-/g, '');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(12, 15)}-${'89ab'[seq % 4]}${hex.slice(15, 17)}${rand.slice(0, 1)}-${rand.slice(1, 13)}`;
}

const TYPES = ['product_view', 'product_view', 'add_to_cart', 'begin_checkout', 'purchase'];
function makeBody(now: number): string {
  const events = [];
  for (let u = 0; u < 10; u++) {
    const unit = randomUUID();
    events.push({
      event_id: uuidv7(now),
      type: 'exposure',
      ts: now - 1000,
      anonymous_id: unit,
      experiment: 'bench',
      variation: u % 2,
      sdk: { name: 'vitrine', version: '0.1.0' },
      page: { path: '/p/kettle' },
    });
    for (let i = 0; i < 9; i++) {
      const type = TYPES[i % TYPES.length]!;
      events.push({
        event_id: uuidv7(now),
        type,
        ts: now - 900 + i,
        anonymous_id: unit,
        session_id: unit.slice(0, 8),
        page: { path: '/p/kettle' },
        product_id: 'kettle',
        quantity: 1,
        value_minor: 4900,
        currency: 'CNY',
        ...(type === 'purchase' ? { order_id: randomUUID() } : {}),
        sdk: { name: 'vitrine', version: '0.1.0' },
      });
    }
  }
  return JSON.stringify({ v: 1, site: 'bench', sent_at: now, events });
}

const children: ChildProcess[] = [];

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}
/** Busy and idle time of the whole machine so far, in clock ticks (Linux /proc/stat), for BENCH_DEBUG. */
function machineCpu(): { busy: number; idle: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = ticks[3]! + ticks[4]!; // idle + iowait
  return { busy: ticks.reduce((a, b) => a + b, 0) - idle, idle };
}

/** CPU seconds per thread of a process (Linux), by thread id, for BENCH_DEBUG. */
function threadCpu(pid: number): Map<string, { name: string; cpu: number }> {
  const threads = new Map<string, { name: string; cpu: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.split(') ')[1]!.split(' ');
      threads.set(tid, {
        name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        cpu: (Number(fields[11]) + Number(fields[12])) / 100,
      });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
}
/** Per-thread CPU used between two threadCpu snapshots, as µs per event (threads above 1 %). */
function threadCpuPerEvent(
  before: Map<string, { name: string; cpu: number }>,
  after: Map<string, { name: string; cpu: number }>,
  events: number,
): string {
  return [...after]
    .map(([tid, t]) => [tid, t.name, t.cpu - (before.get(tid)?.cpu ?? 0)] as const)
    .filter(([, , cpu]) => cpu > 0.01 * (events / 1e5))
    .map(([tid, name, cpu]) => `${name}[${tid}] ${((cpu * 1e6) / events).toFixed(2)}`)
    .join(', ');
}

function startServer(mode: 'collector' | 'bare', path: string): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : []),
      '--import',
      'tsx',
      join(pkg, 'bench/servers.ts'),
      mode,
      path,
    ],
    {
      cwd: pkg,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('READY ') && resolve(line.slice(6)));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

async function drive(
  url: string,
  bodies: string[],
  pid?: number,
): Promise<{ eventsPerSecond: number; eventsPerCpuSecond: number; non2xx: number; errors: number }> {
  let i = 0;
  const cpu0 = pid ? cpuSeconds(pid) : 0;
  const self0 = process.cpuUsage();
  const machine0 = machineCpu();
  // autocannon notices that `amount` requests are done only at its next 1-second sample, so its
  // `duration` is rounded up to whole seconds; time the run from the start to the last response.
  const start = performance.now();
  let lastResponse = start;
  const run = autocannon({
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
  run.on('response', () => {
    lastResponse = performance.now();
  });
  const result = await run;
  const seconds = (lastResponse - start) / 1000;
  if (process.env.BENCH_DEBUG)
    console.error(
      `latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}; ${result.requests.total} requests in ${seconds.toFixed(3)} s (autocannon: ${result.duration} s)`,
    );
  const cpu = pid ? cpuSeconds(pid) - cpu0 : NaN;
  if (process.env.BENCH_DEBUG) {
    const self = process.cpuUsage(self0);
    const machine = machineCpu();
    const busy = machine.busy - machine0.busy;
    const total = busy + machine.idle - machine0.idle;
    console.error(
      `load generator (this process) ${(((self.user + self.system) / (result.requests.total * 100)) * 1).toFixed(2)} CPU µs per event; machine busy ${((100 * busy) / total).toFixed(0)} % of ${cpus().length} cores`,
    );
  }
  return {
    eventsPerSecond: (result.requests.total * 100) / seconds,
    eventsPerCpuSecond: (result.requests.total * 100) / cpu,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function ingest(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-bench-'));
  const now = Date.now();
  const warm = Array.from({ length: 200 }, () => makeBody(now));
  const bodies = Array.from({ length: BATCHES }, () => makeBody(now));
  const collectorUrl = await startServer('collector', join(dir, 'data'));
  const collectorProcess = children.at(-1)!;
  await drive(collectorUrl, warm);
  const threads0 = threadCpu(collectorProcess.pid!);
  const collector = await drive(collectorUrl, bodies, collectorProcess.pid);
  if (process.env.BENCH_DEBUG)
    console.error(
      `collector threads during the load, CPU µs per event: ${threadCpuPerEvent(threads0, threadCpu(collectorProcess.pid!), BATCHES * 100)}`,
    );
  // The aggregator yields to ingest while batches keep coming (up to a 250 000-event backlog);
  // wait until it has folded everything, so its work is reported and never overlaps the bare run.
  const db = new Database(join(dir, 'data', 'vitrine.sqlite'), { readonly: true });
  const backlogQuery = db
    .prepare(
      "SELECT coalesce(sum(n), 0) FROM ingest_log WHERE seq > coalesce((SELECT value FROM meta WHERE key = 'aggregated_seq'), 0)",
    )
    .pluck(true);
  const backlogAtEnd = backlogQuery.get() as number;
  const fold0 = performance.now();
  const cpuAtEnd = cpuSeconds(collectorProcess.pid!);
  while ((backlogQuery.get() as number) > 0) {
    if (performance.now() - fold0 > 300_000) throw new Error('the aggregator did not catch up within 5 minutes');
    await new Promise((r) => setTimeout(r, 50));
  }
  const foldSeconds = (performance.now() - fold0) / 1000;
  const foldCpu = cpuSeconds(collectorProcess.pid!) - cpuAtEnd;
  const stored = (db.prepare('SELECT coalesce(sum(n), 0) AS n FROM ingest_log').get() as { n: number }).n;
  if (process.env.BENCH_DEBUG)
    console.error(
      `collector threads in the whole run, CPU µs per event: ${threadCpuPerEvent(new Map(), threadCpu(collectorProcess.pid!), (BATCHES + 200) * 100)}`,
    );
  db.close();
  collectorProcess.kill('SIGTERM');
  await new Promise((r) => collectorProcess.once('exit', r));
  const bareUrl = await startServer('bare', join(dir, 'bare.log'));
  await drive(bareUrl, warm);
  const bareThreads0 = threadCpu(children.at(-1)!.pid!);
  const bare = await drive(bareUrl, bodies, children.at(-1)!.pid);
  if (process.env.BENCH_DEBUG)
    console.error(
      `bare threads during the load, CPU µs per event: ${threadCpuPerEvent(bareThreads0, threadCpu(children.at(-1)!.pid!), BATCHES * 100)}`,
    );
  for (const child of children.splice(0)) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });

  const ratio = collector.eventsPerSecond / bare.eventsPerSecond;
  console.log(
    `ingest: ${BATCHES} batches of 100 events, ${CONNECTIONS} connections, loopback, load from this process, servers in their own processes`,
  );
  console.log(
    `  collector (SQLite WAL, durability ${(process.env.VITRINE_DURABILITY ?? 'full') === 'full' ? 'full: a WAL fsync before each answer' : 'normal'}, writer thread, group commit): ${fmt(collector.eventsPerSecond)} events/s  budget ≥ ${fmt(INGEST_BUDGET)}  ${verdict(collector.eventsPerSecond >= INGEST_BUDGET)}`,
  );
  console.log(
    `    non-2xx ${collector.non2xx}, errors ${collector.errors}, events stored ${fmt(stored)} of ${fmt((BATCHES + 200) * 100)} sent`,
  );
  const sent = BATCHES * 100;
  const withFold = sent / (sent / collector.eventsPerSecond + foldSeconds);
  console.log(
    `    aggregator backlog when the load ended: ${fmt(backlogAtEnd)} events, folded ${foldSeconds.toFixed(1)} s later (${foldCpu.toFixed(1)} CPU-s); rate including that fold: ${fmt(withFold)} events/s`,
  );
  console.log(`  bare node:http (append + fsync per request):            ${fmt(bare.eventsPerSecond)} events/s`);
  console.log(
    `  server CPU time: collector ${fmt(collector.eventsPerCpuSecond)} events per CPU-second during the load (${fmt(sent / (sent / collector.eventsPerCpuSecond + foldCpu))} with the later fold), bare ${fmt(bare.eventsPerCpuSecond)}`,
  );
  console.log(
    `  ratio collector / bare: ${ratio.toFixed(2)}  budget ≥ ${RATIO_BUDGET}  ${verdict(ratio >= RATIO_BUDGET)}`,
  );
  console.log(
    `  load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  return collector.eventsPerSecond >= INGEST_BUDGET && ratio >= RATIO_BUDGET && collector.non2xx === 0;
}

async function results(): Promise<boolean> {
  const { createServer } = await import('../src/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-bench-results-'));
  const db = openDatabase(dir, 'normal');
  const store = new SqliteEventStore(db, { aggregateEvery: 0 });
  new SqliteConfigStore(db).putConfig(
    'bench',
    { v: 1, site: 'bench', experiments: [{ key: 'bench', variations: ['control', 'treatment'] }] },
    'bench setup',
    Date.now(),
  );
  const now = Date.now();
  const t0 = performance.now();
  let written = 0;
  // 1 000 000 events: 100 000 shoppers × (1 exposure + 9 funnel events)
  const pending: Promise<unknown>[] = [];
  for (let b = 0; b < 1000; b++) {
    const events: StoredEvent[] = [];
    for (let u = 0; u < 100; u++) {
      const unit = `u${b}-${u}`;
      const variation = (b * 100 + u) % 2;
      const base = {
        site: 'bench',
        anonymous_id: unit,
        received_at: now,
        is_bot: u === 99,
        ip: null,
        source: 'beacon' as const,
      };
      events.push({ ...base, event_id: uuidv7(now), type: 'exposure', ts: now - 5000, experiment: 'bench', variation });
      const depth = (b * 7 + u * 13) % 100; // how far down the funnel this shopper goes
      for (let i = 0; i < 9; i++) {
        const type = i < 5 ? 'product_view' : depth < 30 - variation * 3 ? TYPES[Math.min(i - 3, 4)]! : 'product_view';
        events.push({
          ...base,
          event_id: uuidv7(now),
          type,
          ts: now - 4000 + i,
          value_minor: 4900,
          ...(type === 'purchase' ? { order_id: `${unit}-o` } : {}),
        });
      }
    }
    written += events.length;
    pending.push(store.append(events));
    if (pending.length === 20) await Promise.all(pending.splice(0)); // 20 000 events per group commit
    if (process.env.BENCH_DEBUG && b % 100 === 99)
      console.error(`seeded ${b + 1}k events at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await Promise.all(pending);
  const seedSeconds = (performance.now() - t0) / 1000;
  const f0 = performance.now();
  store.catchUp(); // the aggregator does this continuously while ingesting; here once, timed apart
  const foldSeconds = (performance.now() - f0) / 1000;
  await store.close();
  db.close();

  const collector = createServer({ dataDir: dir, adminToken: 'a', serverKey: 's', rateLimit: 0 });
  const url = await collector.listen({ port: 0 });
  const times: number[] = [];
  let body = '';
  const cpuTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const res = await fetch(`${url}/v1/experiments/bench/results?site=bench`);
    body = await res.text();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  cpuTimes.sort((a, b) => a - b);
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const parsed = JSON.parse(body) as { variations: { units: number }[] };
  console.log(
    `results: ${fmt(written)} events (${fmt(parsed.variations.reduce((s, v) => s + v.units, 0))} non-bot units) seeded in ${seedSeconds.toFixed(1)} s, folded into the aggregates in ${foldSeconds.toFixed(1)} s`,
  );
  console.log(
    `  GET /v1/experiments/bench/results over HTTP: median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})  budget ≤ ${RESULTS_BUDGET_MS} ms  ${verdict(median <= RESULTS_BUDGET_MS)}`,
  );
  console.log(
    `  CPU time per results request (server and client in this process): median ${cpuTimes[3]!.toFixed(1)} ms`,
  );
  return median <= RESULTS_BUDGET_MS;
}

const only = process.argv[2];
console.log(
  `machine: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} load average (1/5/15 min) on 2 cores, shared with other work`,
);
let ok = true;
try {
  if (!only || only === 'ingest') ok = (await ingest()) && ok;
  if (!only || only === 'results') ok = (await results()) && ok;
} finally {
  for (const child of children) child.kill('SIGTERM');
}
process.exitCode = ok ? 0 : 1;
