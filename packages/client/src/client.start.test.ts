/**
 * createClient's start-up tasks: the two lazy chunks (delivery, config) are imported in tasks of
 * their own after createClient's, and what waits on them keeps its order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const imported: string[] = [];
vi.mock('./delivery.js', async (original) => (imported.push('delivery'), original()));
vi.mock('./load-config.js', async (original) => (imported.push('load-config'), original()));

const { createClient } = await import('./client.js');
const config = { v: 1 as const, site: 'demo', experiments: [{ key: 'exp', variations: ['a', 'b'] }] };

/** Timers as a queue the test runs one task at a time (fake timers would run those due together at once). */
function taskQueue() {
  const queue: (() => void)[] = [];
  vi.stubGlobal('setTimeout', (f: () => void) => queue.push(f));
  vi.stubGlobal('clearTimeout', () => {});
  return queue;
}

afterEach(() => vi.unstubAllGlobals());

describe('createClient start-up', () => {
  it('imports its chunks in tasks of their own, after its own task; events tracked meanwhile are kept', async () => {
    const queue = taskQueue();
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response('{}'));
    const c = createClient({ site: 'demo', config, warn: () => {}, storeName: `s-${Math.random()}`, fetch });
    c.track('product_view', { product_id: 'p1' });
    await vi.dynamicImportSettled();
    expect(imported, 'nothing in createClient’s own task').toEqual([]);
    const tasks: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const before = imported.length;
      queue.shift()!(); // one task: the new visitor's id, then each import
      await vi.dynamicImportSettled();
      tasks.push(imported.slice(before));
    }
    expect(tasks).toEqual([[], ['delivery'], ['load-config']]);
    vi.unstubAllGlobals(); // real timers from here
    await c.ready;
    expect(c.assign('exp').inExperiment).toBe(true);
    await c.flush();
    const sent = fetch.mock.calls.flatMap(([, init]) => JSON.parse(String(init?.body)).events);
    expect(sent.map((e: { type: string }) => e.type)).toEqual(['product_view', 'exposure']);
    c.destroy();
  });
});
