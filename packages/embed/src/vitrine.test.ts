import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The script-tag entry starts itself on import; each test imports a fresh copy.
const RUNTIME = Symbol.for('vitrine.runtime');
type Global = typeof globalThis & { vitrine?: unknown; [RUNTIME]?: unknown; __VITRINE_VERSION__?: string };
const g = globalThis as Global;

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

describe('the script tag starts after the first paint', () => {
  beforeEach(() => {
    vi.resetModules();
    g.__VITRINE_VERSION__ = '0.0.0-test';
    delete g[RUNTIME];
    g.vitrine = [['track', 'product_view', { product_id: 'sku-1' }]];
    document.body.innerHTML = '<script type="module" src="/vitrine/vitrine.js" data-site="shop"></script>';
  });
  afterEach(() => {
    (g.vitrine as { client?: { destroy(): void } } | undefined)?.client?.destroy();
    delete g[RUNTIME];
    delete g.vitrine;
    setVisibility('visible');
    vi.restoreAllMocks();
  });

  it('waits for a painted frame; commands pushed meanwhile stay queued and are replayed', async () => {
    setVisibility('visible');
    let frame: FrameRequestCallback | undefined;
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation((cb) => ((frame = cb), 1));
    await import('./vitrine.js');
    expect(Array.isArray(g.vitrine), 'not started before the frame').toBe(true);
    (g.vitrine as unknown[]).push(['user', 'u-1']);
    expect(frame).toBeTypeOf('function');
    frame!(performance.now());
    await new Promise((r) => setTimeout(r, 0));
    const api = g.vitrine as { client: { anonymousId: string }; version: string };
    expect(api.version).toBe('0.0.0-test');
    expect(g[RUNTIME]).toBe(api);
  });

  it('starts at once on a page that is hidden (nothing to paint, nothing to lose)', async () => {
    setVisibility('hidden');
    const raf = vi.spyOn(globalThis, 'requestAnimationFrame');
    await import('./vitrine.js');
    expect(Array.isArray(g.vitrine)).toBe(false);
    expect(g[RUNTIME]).toBe(g.vitrine);
    expect(raf).not.toHaveBeenCalled();
  });

  it('starts when the page is hidden before its first frame', async () => {
    setVisibility('visible');
    vi.spyOn(globalThis, 'requestAnimationFrame').mockImplementation(() => 1); // the frame never comes
    await import('./vitrine.js');
    expect(Array.isArray(g.vitrine)).toBe(true);
    setVisibility('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(g[RUNTIME]).toBe(g.vitrine);
  });
});
