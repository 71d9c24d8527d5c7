import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The script-tag entry starts itself on import; each test imports a fresh copy.
const RUNTIME = Symbol.for('vitrine.runtime');
type Global = typeof globalThis & { vitrine?: unknown; [RUNTIME]?: unknown; __VITRINE_VERSION__?: string };
const g = globalThis as Global;

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

/** A PerformanceObserver that reports paint entries (to every copy observing) when the test says so. */
function fakePaintTiming() {
  const reports: ((entries: { name: string }[]) => void)[] = [];
  class FakeObserver {
    static supportedEntryTypes = ['paint'];
    constructor(private callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {}
    observe() {
      reports.push((entries) => this.callback({ getEntriesByName: (name) => entries.filter((e) => e.name === name) }));
    }
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  return { paint: (name: string) => reports.forEach((report) => report([{ name }])) };
}

/** The client is up (first task) … */
const started = () => g[RUNTIME] !== undefined;
/** … and, a task later, `window.vitrine` is the API with the queued commands run. */
const installed = () => !Array.isArray(g.vitrine) && g[RUNTIME] === g.vitrine;
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the script tag starts after the first contentful paint', () => {
  beforeEach(() => {
    vi.resetModules();
    g.__VITRINE_VERSION__ = '0.0.0-test';
    delete g[RUNTIME];
    g.vitrine = [['track', 'product_view', { product_id: 'sku-1' }]];
    document.body.innerHTML = '<script type="text/plain" src="/vitrine/vitrine.js" data-site="shop"></script>';
    setVisibility('visible');
    // The client's sends (a task-by-task test runs its flush timer too) reach no collector.
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('{}')));
  });
  afterEach(() => {
    (g.vitrine as { client?: { destroy(): void } } | undefined)?.client?.destroy();
    delete g[RUNTIME];
    delete g.vitrine;
    setVisibility('visible');
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the first contentful paint; commands pushed meanwhile stay queued and run in order', async () => {
    const timing = fakePaintTiming();
    await import('./vitrine.js');
    (g.vitrine as unknown[]).push(['user', 'u-1']);
    timing.paint('first-paint'); // not contentful yet
    await tick();
    expect(started(), 'not before the first contentful paint').toBe(false);
    timing.paint('first-contentful-paint');
    const opened = vi.spyOn(Storage.prototype, 'length', 'get');
    await tick();
    expect(opened, 'the storage area opens in a task of its own').toHaveBeenCalled();
    await tick(); // the page's settings
    expect(started(), 'the client starts two tasks after').toBe(false);
    await tick();
    expect(started()).toBe(true);
    expect(installed(), 'the queue runs in the next task').toBe(false);
    const tracked: { type: string; user_id?: string }[] = [];
    type Runtime = { version: string; client: { subscribe(f: (e: { type: string }) => void): void } };
    (g[RUNTIME] as Runtime).client.subscribe((e) => tracked.push(e));
    (g.vitrine as unknown[]).push(['track', 'add_to_cart']); // still the array: queued behind the others
    await vi.waitUntil(installed);
    expect((g.vitrine as Runtime).version).toBe('0.0.0-test');
    // In push order: the view before `user`, the add-to-cart after it.
    expect(tracked.map((e) => [e.type, e.user_id])).toEqual([
      ['product_view', undefined],
      ['add_to_cart', 'u-1'],
    ]);
  });

  /**
   * Runs the page's timers one task at a time (happy-dom has no `scheduler.postTask`, so the loader
   * falls back to timers) and returns, task by task, which of the watched steps each one took.
   */
  function tasksOf(steps: Record<string, () => boolean>, max = 30): string[][] {
    const done = new Set<string>();
    const tasks: string[][] = [];
    for (let i = 0; i < max && vi.getTimerCount(); i++) {
      vi.advanceTimersToNextTimer();
      const now = Object.keys(steps).filter((name) => !done.has(name) && steps[name]!());
      now.forEach((name) => done.add(name));
      if (now.length) tasks.push(now);
    }
    return tasks;
  }

  it('starts in a row of tasks, one step each: storage, settings, client, commands, sessionStorage, elements, each import', async () => {
    const local = vi.spyOn(Storage.prototype, 'length', 'get');
    const settings = vi.spyOn(document, 'getElementById');
    const scans = vi.spyOn(document, 'querySelectorAll');
    for (const withExperiment of [true, false]) {
      vi.clearAllMocks();
      vi.resetModules();
      delete g[RUNTIME];
      g.vitrine = [];
      document.body.innerHTML =
        '<script type="text/plain" src="/vitrine/vitrine.js" data-site="shop"></script>' +
        '<script type="application/json" id="vitrine-config">{"v":1,"experiments":[]}</script>' +
        (withExperiment
          ? '<div><vitrine-experiment key="x"></vitrine-experiment></div>'
          : '<vitrine-coupon-cart></vitrine-coupon-cart>');
      let session = 0;
      const sessionArea = { getItem: () => null, setItem() {}, removeItem() {} };
      vi.stubGlobal('sessionStorage', Object.defineProperty(sessionArea, 'length', { get: () => (session++, 0) }));
      const { loaders } = await import('./autoload.js');
      const imported: string[] = [];
      for (const tag of Object.keys(loaders)) loaders[tag] = () => (imported.push(tag), new Promise(() => {}));
      const timing = fakePaintTiming();
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      await import('./vitrine.js');
      timing.paint('first-contentful-paint');
      const steps: Record<string, () => boolean> = {
        storage: () => local.mock.calls.length > 0,
        settings: () => settings.mock.calls.some(([id]) => id === 'vitrine-config'),
        client: started,
        commands: installed,
        sessionStorage: () => session > 0,
        elements: () => scans.mock.calls.some(([selector]) => selector.includes('vitrine-experiment')),
        import: () => imported.length > 0,
      };
      const expected = ['storage', 'settings', 'client', 'commands', 'sessionStorage', 'elements', 'import'];
      // Only a page with an experiment opens sessionStorage. The experiment is imported at once;
      // the cart (here nowhere near the viewport) once the page has settled, 3 s after its load.
      const row = withExperiment ? expected : expected.filter((step) => step !== 'sessionStorage');
      expect(tasksOf(steps), withExperiment ? 'with an experiment' : 'without').toEqual(row.map((step) => [step]));
      expect(imported).toEqual([withExperiment ? 'vitrine-experiment' : 'vitrine-coupon-cart']);
      vi.useRealTimers();
      (g.vitrine as { client?: { destroy(): void } }).client?.destroy();
      vi.unstubAllGlobals();
      vi.stubGlobal('fetch', () => Promise.resolve(new Response('{}')));
    }
  });

  it('with two copies starting together (their tasks interleaved), one client starts and the other warns once', async () => {
    const timing = fakePaintTiming();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const runtimes: unknown[] = []; // every runtime a copy installs
    Object.defineProperty(g, RUNTIME, { configurable: true, get: () => runtimes.at(-1), set: (v) => runtimes.push(v) });
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await import('./vitrine.js');
    vi.resetModules();
    await import('./vitrine.js'); // a second copy, started by the same paint: both read their settings first
    timing.paint('first-contentful-paint');
    for (let i = 0; i < 10; i++) vi.advanceTimersToNextTimer();
    expect(runtimes, 'one client').toHaveLength(1);
    expect(warn.mock.calls.filter(([m]) => /already running/.test(String(m)))).toHaveLength(1);
    expect(installed()).toBe(true);
  });

  it('starts 2.5 s after the script at the latest when nothing contentful is painted', async () => {
    fakePaintTiming();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await import('./vitrine.js');
    vi.advanceTimersByTime(2400);
    expect(started()).toBe(false);
    vi.advanceTimersByTime(200);
    expect(started()).toBe(true);
  });

  it('starts at once on a page that is hidden (nothing to paint, nothing to lose)', async () => {
    fakePaintTiming();
    setVisibility('hidden');
    await import('./vitrine.js');
    expect(started()).toBe(true);
  });

  it('starts when the page is hidden before its first paint', async () => {
    fakePaintTiming();
    await import('./vitrine.js');
    expect(started()).toBe(false);
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(started()).toBe(true);
  });
});
