import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Timers as a queue the test runs one task at a time (happy-dom has no `scheduler.postTask`). */
function taskQueue() {
  const queue: { f: () => void; ms: number }[] = [];
  vi.stubGlobal('setTimeout', (f: () => void, ms = 0) => queue.push({ f, ms }));
  return queue;
}

/** A fresh autoloader (its state is per page) whose element imports are recorded, never resolved. */
async function freshAutoload() {
  vi.resetModules();
  const mod = await import('./autoload.js');
  const imported: string[] = [];
  for (const tag of Object.keys(mod.loaders)) mod.loaders[tag] = () => (imported.push(tag), new Promise(() => {}));
  return { ...mod, imported };
}

/** Runs the queued tasks one by one; returns what each imported. */
function run(queue: { f: () => void }[], imported: string[]): string[][] {
  const tasks: string[][] = [];
  while (queue.length) {
    const before = imported.length;
    queue.shift()!.f();
    tasks.push(imported.slice(before));
  }
  return tasks;
}

let stop: (() => void) | undefined;
beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  stop?.();
  vi.unstubAllGlobals();
});

describe('autoload', () => {
  it('imports the experiment at once, in a task after the scan, and nothing else yet', async () => {
    document.body.innerHTML =
      '<vitrine-experiment key="x"></vitrine-experiment><vitrine-coupon-cart></vitrine-coupon-cart>';
    const queue = taskQueue();
    const { autoload, imported } = await freshAutoload();
    stop = autoload(document, vi.fn());
    expect(imported, 'not in the scanning task').toEqual([]);
    expect(queue[0]!.ms).toBe(0);
    queue.shift()!.f();
    expect(imported).toEqual(['vitrine-experiment']);
  });

  it('when the page has settled (3 s after load), imports every waiting element, one per task', async () => {
    document.body.innerHTML =
      '<vitrine-testimonial-video></vitrine-testimonial-video><vitrine-coupon-cart></vitrine-coupon-cart>' +
      '<vitrine-ar-try-on></vitrine-ar-try-on><vitrine-coupon-cart></vitrine-coupon-cart>';
    const queue = taskQueue();
    const { autoload, imported } = await freshAutoload();
    stop = autoload(document, vi.fn());
    expect(imported).toEqual([]);
    expect(
      queue.map((t) => t.ms),
      'only the settle timer',
    ).toEqual([3000]);
    expect(run(queue, imported)).toEqual([
      [], // the release: one scan, no import
      ['vitrine-testimonial-video'],
      ['vitrine-coupon-cart'],
      ['vitrine-ar-try-on'],
    ]);
  });

  it('on the shopper’s first interaction, releases the same way, one import per task', async () => {
    document.body.innerHTML = '<vitrine-coupon-cart></vitrine-coupon-cart><vitrine-ar-try-on></vitrine-ar-try-on>';
    const queue = taskQueue();
    const { autoload, imported } = await freshAutoload();
    stop = autoload(document, vi.fn());
    queue.length = 0; // not the settle timer: the shopper is first
    dispatchEvent(new Event('pointerdown'));
    expect(imported).toEqual([]);
    // (Empty tasks are earlier tests' autoloaders answering the same event.)
    expect(run(queue, imported).filter((task) => task.length)).toEqual([
      ['vitrine-coupon-cart'],
      ['vitrine-ar-try-on'],
    ]);
  });

  it('imports an element added later (a single-page app), in a task of its own, once; a failed import may retry', async () => {
    const queue = taskQueue();
    const { autoload, loaders } = await freshAutoload();
    const onError = vi.fn();
    let fail = true;
    const load = vi.fn(() => (fail ? Promise.reject(new Error('offline')) : Promise.resolve()));
    loaders['vitrine-experiment'] = load;
    stop = autoload(document, onError);
    queue.length = 0;
    document.body.append(document.createElement('vitrine-experiment'));
    await Promise.resolve(); // the MutationObserver's callback
    document.body.append(document.createElement('vitrine-experiment'));
    await Promise.resolve();
    expect(load).not.toHaveBeenCalled();
    expect(queue).toHaveLength(1);
    queue.shift()!.f();
    expect(load).toHaveBeenCalledOnce();
    await new Promise((resolve) => queueMicrotask(() => queueMicrotask(() => resolve(undefined))));
    expect(onError).toHaveBeenCalledWith('vitrine-experiment', expect.any(Error));
    fail = false;
    document.body.append(document.createElement('vitrine-experiment'));
    await Promise.resolve();
    expect(queue).toHaveLength(1);
    queue.shift()!.f();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
