import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from './load-config.js';

const body = { v: 1, site: 'demo', experiments: [{ key: 'e', variations: ['a', 'b'] }] };

function storage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: () => null,
    get length() {
      return m.size;
    },
  };
}

describe('loadConfig', () => {
  it('parses an inline object', async () => {
    expect((await loadConfig(body, vi.fn(), null)).experiments.map((e) => e.key)).toEqual(['e']);
  });

  it('fetches a URL, caches it with its ETag, and reuses the cache on 304', async () => {
    const cache = storage();
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(JSON.stringify(body), { headers: { ETag: '"v1"' } }))
      .mockResolvedValueOnce(new Response(null, { status: 304 }));
    const first = await loadConfig('/v1/config/demo', vi.fn(), cache, fetch);
    const second = await loadConfig('/v1/config/demo', vi.fn(), cache, fetch);
    expect(fetch.mock.calls[0]![1].headers).toEqual({});
    expect(fetch.mock.calls[1]![1].headers).toEqual({ 'If-None-Match': '"v1"' });
    expect(second.experiments.map((e) => e.key)).toEqual(first.experiments.map((e) => e.key));
  });

  it('falls back to the cached copy, then to no experiments, with a warning, when the fetch fails', async () => {
    const cache = storage();
    await loadConfig(
      '/c',
      vi.fn(),
      cache,
      vi.fn().mockResolvedValue(new Response(JSON.stringify(body), { headers: { ETag: '"x"' } })),
    );
    const warn = vi.fn();
    const cached = await loadConfig('/c', warn, cache, vi.fn().mockRejectedValue(new TypeError('offline')));
    expect(cached.experiments).toHaveLength(1);
    expect(warn.mock.calls[0]![0]).toMatch(/could not load \/c .*using the cached copy/);
    const none = await loadConfig(
      '/c',
      vi.fn(),
      null,
      vi.fn().mockResolvedValue(new Response('nope', { status: 500 })),
    );
    expect(none.experiments).toEqual([]);
  });
});
