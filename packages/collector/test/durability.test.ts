import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const pkg = join(import.meta.dirname, '..');
const children: ChildProcess[] = [];

/** Runs a TypeScript fixture in a plain node process (tsx as a loader, so SIGKILL hits the server itself). */
function run(script: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(pkg, 'test/fixtures', script), ...args], {
    cwd: pkg,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}

function waitForLine(child: ChildProcess, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (test(line)) {
        lines.close();
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`process exited (${code}) before the expected line`)));
  });
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

it('loses no acknowledged event when the server is killed with SIGKILL mid-load', async () => {
  const dataDir = tempDir('vitrine-durability-');
  const first = run('server.ts', [], { DATA_DIR: dataDir, PORT: '0' });
  const url = (await waitForLine(first, (l) => l.startsWith('READY '))).slice(6);
  const port = new URL(url).port;

  const out = join(dataDir, 'acked.json');
  const load = run('load.ts', [url, out], {});
  let loadLines = (_line: string) => {};
  createInterface({ input: load.stdout! }).on('line', (line) => loadLines(line));
  const lineFromLoad = (test: (line: string) => boolean) =>
    new Promise<void>((resolve) => {
      loadLines = (line) => test(line) && resolve();
    });
  // kill -9 while batches are in flight
  await lineFromLoad((l) => l.startsWith('ACKED ') && Number(l.slice(6)) >= 10_000);
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));

  const second = run('server.ts', [], { DATA_DIR: dataDir, PORT: port });
  const secondUrl = (await waitForLine(second, (l) => l.startsWith('READY '))).slice(6);
  await new Promise((r) => setTimeout(r, 1500)); // load resumes against the restarted server
  const done = lineFromLoad((l) => l === 'DONE');
  load.stdin!.write('stop\n');
  await done;
  const { acked, failures } = JSON.parse(readFileSync(out, 'utf8')) as { acked: string[]; failures: number };
  // the restarted aggregator folds what the killed one had not (each unit: one exposure to variation 1)
  const results = (await (await fetch(`${secondUrl}/v1/experiments/durable/results?site=demo`)).json()) as {
    variations: { variation: number; units: number }[];
  };
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));

  expect(failures).toBeGreaterThan(0); // the kill really happened under load
  expect(acked.length).toBeGreaterThan(10_000);
  const db = new Database(join(dataDir, 'vitrine.sqlite'), { readonly: true });
  // every event the log holds (the `events` view expands it), each id once
  const ids = db.prepare('SELECT event_id FROM events').pluck(true).all() as string[];
  const inDedupeIndex = db.prepare('SELECT count(*) FROM event_ids').pluck(true).get() as number;
  const exposedUnits = db
    .prepare("SELECT count(DISTINCT anonymous_id) FROM events WHERE type = 'exposure'")
    .pluck(true)
    .get() as number;
  db.close();
  const stored = new Set(ids);
  const missing = acked.filter((id) => !stored.has(id));
  expect(missing).toEqual([]);
  expect(stored.size).toBe(ids.length);
  expect(inDedupeIndex).toBe(ids.length);
  expect(stored.size).toBeGreaterThanOrEqual(acked.length);
  expect(results.variations.find((v) => v.variation === 1)?.units).toBe(exposedUnits);
  expect(exposedUnits).toBeGreaterThan(100);
}, 60_000);
