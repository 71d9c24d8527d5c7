import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The script-tag entry starts itself on import; each test imports a fresh copy.
const RUNTIME = Symbol.for('vitrine.runtime');
type Global = typeof globalThis & { vitrine?: unknown; [RUNTIME]?: unknown; __VITRINE_VERSION__?: string };
const g = globalThis as Global;

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

/** A PerformanceObserver that reports paint entries when the test says so. */
function fakePaintTiming() {
  let report: ((entries: { name: string }[]) => void) | undefined;
  class FakeObserver {
    static supportedEntryTypes = ['paint'];
    constructor(private callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {}
    observe() {
      report = (entries) => this.callback({ getEntriesByName: (name) => entries.filter((e) => e.name === name) });
    }
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  return { paint: (name: string) => report?.([{ name }]) };
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
    expect(started(), 'the client starts in the task after').toBe(false);
    await tick();
    expect(started()).toBe(true);
    expect(installed(), 'the queue runs in the next task').toBe(false);
    const tracked: { type: string; user_id?: string }[] = [];
    type Runtime = { version: string; client: { subscribe(f: (e: { type: string }) => void): void } };
    (g[RUNTIME] as Runtime).client.subscribe((e) => tracked.push(e));
    (g.vitrine as unknown[]).push(['track', 'add_to_cart']); // still the array: queued behind the others
    await tick();
    expect(installed()).toBe(true);
    expect((g.vitrine as Runtime).version).toBe('0.0.0-test');
    // In push order: the view before `user`, the add-to-cart after it.
    expect(tracked.map((e) => [e.type, e.user_id])).toEqual([
      ['product_view', undefined],
      ['add_to_cart', 'u-1'],
    ]);
  });

  it('opens sessionStorage (the experiment preview flag) in a task of its own, only for a page with experiments', async () => {
    for (const withExperiment of [true, false]) {
      vi.resetModules();
      delete g[RUNTIME];
      g.vitrine = [];
      document.body.innerHTML =
        '<script type="text/plain" src="/vitrine/vitrine.js" data-site="shop"></script>' +
        (withExperiment ? '<div><vitrine-experiment key="x"></vitrine-experiment></div>' : '');
      let opened = 0;
      const session = { getItem: () => null, setItem() {}, removeItem() {} };
      vi.stubGlobal('sessionStorage', Object.defineProperty(session, 'length', { get: () => (opened++, 0) }));
      const timing = fakePaintTiming();
      vi.useFakeTimers({ toFake: ['setTimeout'] });
      await import('./vitrine.js');
      timing.paint('first-contentful-paint');
      vi.advanceTimersToNextTimer(); // the local storage area
      vi.advanceTimersToNextTimer(); // the client
      expect(started()).toBe(true);
      vi.advanceTimersToNextTimer(); // the commands
      expect(installed()).toBe(true);
      expect(opened, 'not in the tasks before').toBe(0);
      vi.advanceTimersToNextTimer(); // then its own task, which schedules the elements' loading
      expect(opened, `sessionStorage opened ${withExperiment ? 'with' : 'without'} an experiment`).toBe(
        withExperiment ? 1 : 0,
      );
      vi.useRealTimers();
      (g.vitrine as { client?: { destroy(): void } }).client?.destroy();
      vi.unstubAllGlobals();
    }
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
