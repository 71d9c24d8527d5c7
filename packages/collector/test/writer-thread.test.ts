import { afterEach, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteThreadStore } from '../src/sqlite-thread.js';
import type { StoredEvent } from '../src/types.js';
import { NOW, tempDir, uuidv7 } from './helpers.js';

const stored = (n: number): StoredEvent[] =>
  Array.from({ length: n }, () => ({
    event_id: uuidv7(NOW),
    site: 'demo',
    type: 'product_view',
    ts: NOW - 1000,
    received_at: NOW,
    anonymous_id: 'anon-1',
    is_bot: false,
    ip: null,
    source: 'server',
  }));

let store: SqliteThreadStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

it('replaces a writer thread that dies: calls fail meanwhile, nothing acknowledged is lost, replays are stored once', async () => {
  store = new SqliteThreadStore(tempDir(), 'full');
  await store.ready;
  const first = stored(3);
  expect(await store.append(first)).toEqual({ accepted: 3, duplicates: 0 });

  // The thread dies as a crash would (from outside any call).
  await (store as unknown as { worker: Worker }).worker.terminate();
  await expect(store.append(stored(1))).rejects.toThrow(/writer thread exited/);

  // A new thread takes over after a short pause; what was acknowledged before is still there.
  const deadline = Date.now() + 10_000;
  let result: Awaited<ReturnType<SqliteThreadStore['append']>> | undefined;
  while (!result && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    result = await store.append(first).catch(() => undefined);
  }
  expect(result, 'the store takes writes again').toEqual({ accepted: 0, duplicates: 3 });
  expect(await store.append(stored(2))).toEqual({ accepted: 2, duplicates: 0 });
  await expect(store.checkWritable()).resolves.toBeUndefined();
});

it('does not retry a first start that cannot open the store: ready rejects with the reason', async () => {
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, 'x'); // a file where the data folder's parent should be
  store = new SqliteThreadStore(join(file, 'data'), 'full');
  await expect(store.ready).rejects.toThrow();
  await new Promise((r) => setTimeout(r, 700)); // longer than the first restart pause
  expect((store as unknown as { restarts: number }).restarts).toBe(0);
});
