import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Batch, type VitrineClient, createClient, uuidv7 } from './client.js';
import type { ExperimentConfig } from './config.js';
import { inNamespace } from './hash.js';

type Reply = { status: number; headers?: Record<string, string> };

/** A scripted collector: records every batch it is sent, answers from `replies` (then 200). */
function collector(replies: Reply[] = []) {
  const batches: Batch[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    if (String(url).includes('/v1/config/')) return new Response(JSON.stringify(config), { headers: { ETag: '"1"' } });
    batches.push(JSON.parse(String(init!.body)) as Batch);
    const r = replies.shift() ?? { status: 200 };
    return new Response('{}', { status: r.status, headers: r.headers ?? {} });
  });
  const events = () => batches.flatMap((b) => b.events);
  return { fetch: fetch as unknown as typeof globalThis.fetch, spy: fetch, batches, events };
}

const config = {
  v: 1,
  site: 'demo',
  experiments: [
    { key: 'spec-vs-guide', variations: ['table', 'guide'] },
    { key: 'paused', variations: ['a', 'b'], status: 'paused' },
    { key: 'by-user', variations: ['a', 'b'], hashAttribute: 'user_id' },
  ],
} as ExperimentConfig;

let clients: VitrineClient[] = [];
const nextTask = () => new Promise((resolve) => setTimeout(resolve));

function make(options: Partial<Parameters<typeof createClient>[0]> & { fetch: typeof fetch }) {
  const c = createClient({ site: 'demo', config, warn: () => {}, storeName: `t-${Math.random()}`, ...options });
  clients.push(c);
  return c;
}

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/p/kettle?utm_source=x');
});
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
  vi.useRealTimers();
});

describe('uuidv7', () => {
  it('is a version 7, variant 10 UUID whose first 48 bits are the time', () => {
    const before = Date.now();
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const t = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
    expect(new Set(Array.from({ length: 1000 }, uuidv7)).size).toBe(1000);
  });

  it('is one too outside secure contexts (plain http), where there is no crypto.randomUUID', () => {
    const real = globalThis.crypto;
    const getRandomValues = vi.fn((a: Uint8Array<ArrayBuffer>) => real.getRandomValues(a));
    vi.stubGlobal('crypto', { getRandomValues });
    try {
      const ids = Array.from({ length: 1000 }, uuidv7);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(ids).size).toBe(1000);
      expect(getRandomValues).toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('createClient', () => {
  it('sends schema v1 events: ids, time, path without query, sdk, only schema fields', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch, userId: 'u-1' });
    const id = c.track('add_to_cart', {
      product_id: 'kettle',
      quantity: 2,
      value_minor: 5998,
      currency: 'CNY',
      email: 'a@b.c',
    } as never);
    await c.flush();
    expect(col.batches).toHaveLength(1);
    const b = col.batches[0]!;
    expect(b).toMatchObject({ v: 1, site: 'demo' });
    expect(typeof b.sent_at).toBe('number');
    const e = b.events[0]!;
    expect(e).toMatchObject({
      event_id: id,
      type: 'add_to_cart',
      anonymous_id: c.anonymousId,
      user_id: 'u-1',
      page: { path: '/p/kettle' },
      product_id: 'kettle',
      quantity: 2,
      value_minor: 5998,
      currency: 'CNY',
      sdk: { name: 'vitrine' },
    });
    expect(e).not.toHaveProperty('email');
    expect(col.spy.mock.calls.at(-1)![1]).toMatchObject({ method: 'POST', keepalive: true });
    expect(typeof col.spy.mock.calls.at(-1)![1]!.body).toBe('string'); // text/plain: no preflight
  });

  it('keeps money in integer minor units and props flat with at most 20 keys', async () => {
    const col = collector();
    const warn = vi.fn();
    const c = make({ fetch: col.fetch, warn });
    const props: Record<string, unknown> = { nested: { a: 1 }, list: [1], ok: true };
    for (let i = 0; i < 25; i++) props[`k${i}`] = i;
    c.track('add_to_cart', { value_minor: 59.98, currency: 'CNY', props } as never);
    await c.flush();
    const e = col.events()[0]!;
    expect(e.value_minor).toBe(60);
    expect(warn.mock.calls[0]![0]).toMatch(/value_minor must be an integer/);
    expect(Object.keys(e.props!)).toHaveLength(20);
    expect(e.props).not.toHaveProperty('nested');
    expect(e.props).not.toHaveProperty('list');
    expect(e.props!['ok']).toBe(true);
  });

  it('rejects event types that are not lower_snake_case, with a warning', () => {
    const warn = vi.fn();
    const c = make({ fetch: collector().fetch, warn });
    expect(c.track('AddToCart')).toBeUndefined();
    expect(warn.mock.calls[0]![0]).toMatch(/track\("AddToCart"\): not a lower_snake_case type/);
    // Any value from untyped callers, even one JSON cannot print, gets the warning, never a throw.
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    expect(c.track(circular as never)).toBeUndefined();
    expect(warn.mock.calls[1]![0]).toMatch(/track\(object\): not a lower_snake_case type/);
  });

  it('keeps the anonymous id across reloads once consent allows', async () => {
    const a = make({ fetch: collector().fetch });
    await nextTask();
    const b = make({ fetch: collector().fetch });
    expect(b.anonymousId).toBe(a.anonymousId);
  });

  it('stores a new visitor’s identity in the task after start-up, keeping start-up short', async () => {
    const setItem = vi.spyOn(localStorage, 'setItem');
    const c = make({ fetch: collector().fetch });
    expect(setItem).not.toHaveBeenCalled();
    await nextTask();
    expect(setItem).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem('vitrine')!)).toMatchObject({ id: c.anonymousId });
    setItem.mockRestore();
  });

  it('stores nothing for a client destroyed in its start-up task', async () => {
    make({ fetch: collector().fetch }).destroy();
    await nextTask();
    expect(localStorage.getItem('vitrine')).toBeNull();
  });

  it('does not rewrite a returning visitor’s stored identity at start-up', async () => {
    make({ fetch: collector().fetch });
    await nextTask();
    const setItem = vi.spyOn(localStorage, 'setItem');
    make({ fetch: collector().fetch });
    await nextTask();
    expect(setItem).not.toHaveBeenCalled();
    setItem.mockRestore();
  });

  it('sends an exposure once per unit, experiment and variation, also across reloads', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch });
    await c.ready;
    const r = c.assign('spec-vs-guide');
    expect(r.reason).toBe('hash');
    c.assign('spec-vs-guide');
    // The page is left (a reload) right after the assignment: its beacon reaches the same collector.
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockImplementation((_url, body) => {
      col.batches.push(JSON.parse(String(body)) as Batch);
      return true;
    });
    dispatchEvent(new Event('pagehide'));
    beacon.mockRestore();
    const again = make({ fetch: col.fetch });
    await again.ready;
    expect(again.assign('spec-vs-guide')).toMatchObject({ variation: r.variation, reason: 'sticky' });
    await c.flush();
    await again.flush();
    const exposures = col.events().filter((e) => e.type === 'exposure');
    expect(exposures).toHaveLength(1);
    expect(exposures[0]).toMatchObject({ experiment: 'spec-vs-guide', variation: r.variation });
  });

  it('writes the identity once per task, in a task of its own, and at once when the page goes away', async () => {
    const c = make({ fetch: collector().fetch });
    await c.ready; // (the new visitor's id is written meanwhile)
    const setItem = vi.spyOn(localStorage, 'setItem');
    c.assign('spec-vs-guide'); // a sticky assignment and an exposure: two changes
    c.assign('by-user');
    c.setUser('u-1');
    c.assign('by-user');
    expect(setItem, 'not in the assigning task').not.toHaveBeenCalled();
    await nextTask();
    expect(setItem).toHaveBeenCalledOnce();
    const stored = JSON.parse(localStorage.getItem('vitrine')!);
    expect(Object.keys(stored.sticky)).toHaveLength(2);
    expect(stored.seen).toHaveLength(2);
    setItem.mockClear();
    localStorage.clear();
    c.assign('spec-vs-guide');
    c.setUser('u-2');
    c.assign('by-user');
    document.dispatchEvent(new Event('visibilitychange')); // still visible: nothing
    expect(setItem).not.toHaveBeenCalled();
    // The page goes: its beacon is accepted (happy-dom's own sendBeacon would really post it).
    const beacon = vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    dispatchEvent(new Event('pagehide'));
    expect(setItem, 'at once when the page goes').toHaveBeenCalledOnce();
    expect(JSON.parse(localStorage.getItem('vitrine')!).seen).toHaveLength(3);
    expect(beacon).toHaveBeenCalled();
    await nextTask();
    expect(setItem, 'and not again').toHaveBeenCalledOnce();
    setItem.mockRestore();
    beacon.mockRestore();
  });

  it('sends no exposure for forced, previewed or paused views', async () => {
    const col = collector();
    history.replaceState(null, '', '/p/kettle?spec-vs-guide=1');
    const forcedByUrl = make({ fetch: col.fetch });
    await forcedByUrl.ready;
    expect(forcedByUrl.assign('spec-vs-guide')).toMatchObject({ variation: 1, reason: 'forced' });
    history.replaceState(null, '', '/p/kettle');
    localStorage.clear();
    const preview = make({ fetch: col.fetch, preview: true });
    await preview.ready;
    expect(preview.assign('spec-vs-guide').inExperiment).toBe(true);
    preview.setForcedVariation('spec-vs-guide', 0);
    expect(preview.assign('spec-vs-guide')).toMatchObject({ variation: 0, reason: 'forced' });
    preview.setForcedVariation('spec-vs-guide', undefined);
    expect(preview.assign('spec-vs-guide').reason).toBe('sticky');
    expect(preview.assign('paused')).toMatchObject({ variation: 0, inExperiment: false, reason: 'paused' });
    await forcedByUrl.flush();
    await preview.flush();
    expect(col.events().filter((e) => e.type === 'exposure')).toEqual([]);
  });

  it('hashes user_id experiments by the user id, and leaves them when there is none', async () => {
    const c = make({ fetch: collector().fetch });
    await c.ready;
    expect(c.assign('by-user').reason).toBe('not-eligible');
    c.setUser('customer-7');
    expect(c.assign('by-user').reason).toBe('hash');
  });

  it('exposes config: experiments, getExperiment, unknown keys are invalid', async () => {
    const c = make({ fetch: collector().fetch });
    await c.ready;
    expect(c.experiments.map((e) => e.key)).toEqual(['spec-vs-guide', 'paused', 'by-user']);
    expect(c.getExperiment('spec-vs-guide')).toMatchObject({ variations: ['table', 'guide'], hashVersion: 2 });
    expect(c.assign('nope')).toMatchObject({ variation: 0, inExperiment: false, reason: 'invalid' });
  });

  it('loads config from a URL', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch, config: 'https://collector.test/v1/config/demo' });
    await c.ready;
    expect(c.getExperiment('spec-vs-guide')).toBeDefined();
    expect(JSON.parse(localStorage.getItem('vitrine:config:https://collector.test/v1/config/demo')!)).toMatchObject({
      etag: '"1"',
    });
  });

  it('batches by count', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch, batchSize: 3, flushInterval: 60_000 });
    c.track('a');
    c.track('b');
    await new Promise((r) => setTimeout(r, 50));
    expect(col.batches).toHaveLength(0);
    c.track('c');
    await vi.waitFor(() => expect(col.batches).toHaveLength(1));
    expect(col.batches[0]!.events.map((e) => e.type)).toEqual(['a', 'b', 'c']);
  });

  it('batches by time', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch, flushInterval: 100 });
    c.track('a');
    await vi.waitFor(() => expect(col.events().map((e) => e.type)).toEqual(['a']), { timeout: 2000 });
  });

  it('does not retry 400/401/403/415/422, and drops those events with a warning', async () => {
    for (const status of [400, 401, 403, 415, 422]) {
      const col = collector([{ status }]);
      const warn = vi.fn();
      const c = make({ fetch: col.fetch, warn });
      c.track('a');
      await c.flush();
      await c.flush();
      expect(col.batches).toHaveLength(1);
      expect(warn.mock.calls.some(([m]) => m.includes(`collector answered ${status}`))).toBe(true);
    }
  });

  it('retries 5xx and network errors with backoff, keeping the event_id', async () => {
    const col = collector([{ status: 503 }, { status: 500 }]);
    const c = make({ fetch: col.fetch });
    c.track('purchase', { order_id: 'o-1', value_minor: 100, currency: 'CNY' });
    await c.flush();
    expect(col.batches).toHaveLength(1);
    await vi.waitFor(() => expect(col.batches).toHaveLength(3), { timeout: 6000, interval: 50 });
    const ids = col.batches.map((b) => b.events[0]!.event_id);
    expect(new Set(ids).size).toBe(1);
  }, 10_000);

  it('honours Retry-After on 429', async () => {
    const col = collector([{ status: 429, headers: { 'Retry-After': '2' } }]);
    const c = make({ fetch: col.fetch });
    c.track('a');
    const t = Date.now();
    await c.flush();
    await vi.waitFor(() => expect(col.batches).toHaveLength(2), { timeout: 5000, interval: 50 });
    expect(Date.now() - t).toBeGreaterThanOrEqual(1900);
  }, 10_000);

  it('splits a batch on 413 until it goes through', async () => {
    const col = collector([{ status: 413 }, { status: 413 }]);
    const c = make({ fetch: col.fetch, batchSize: 100 });
    for (let i = 0; i < 8; i++) c.track('e', { props: { i } });
    await c.flush();
    expect(col.batches.map((b) => b.events.length)).toEqual([8, 4, 2, 2, 4]);
    const delivered = col.batches.slice(2).flatMap((b) => b.events.map((e) => e.props!['i']));
    expect(delivered.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps each batch under 60 KB and 100 events', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch, batchSize: 1000, maxQueue: 1000 });
    const big = 'x'.repeat(900);
    for (let i = 0; i < 250; i++) c.track('e', { props: { big, i } });
    await c.flush();
    expect(col.events()).toHaveLength(250);
    for (const b of col.batches) {
      expect(b.events.length).toBeLessThanOrEqual(100);
      expect(new Blob([JSON.stringify(b)]).size).toBeLessThan(60_000);
    }
  });

  it('keeps batches of 3-byte characters under 60 KB too, and sends a usual batch whole', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch, batchSize: 1000, maxQueue: 1000 });
    const wide = '界'.repeat(600); // 1 800 bytes of UTF-8 per event
    for (let i = 0; i < 120; i++) c.track('e', { props: { wide, i } });
    await c.flush();
    expect(col.events()).toHaveLength(120);
    for (const b of col.batches) expect(new Blob([JSON.stringify(b)]).size).toBeLessThan(60_000);
    const usual = collector();
    const d = make({ fetch: usual.fetch, batchSize: 1000 });
    for (let i = 0; i < 20; i++)
      d.track('add_to_cart', { product_id: `sku-${i}`, quantity: 1, value_minor: 69900, currency: 'CNY' });
    await d.flush();
    expect(usual.batches).toHaveLength(1);
  });

  it('bounds the queue, dropping the oldest and counting them', () => {
    const c = make({ fetch: collector().fetch, consent: 'pending', maxQueue: 5 });
    for (let i = 0; i < 8; i++) c.track('e', { props: { i } });
    expect(c.dropped).toBe(3);
  });

  describe('consent', () => {
    it('pending: assigns with an in-memory id, holds events, stores nothing; granted: persists and sends', async () => {
      const col = collector();
      const c = make({ fetch: col.fetch, consent: 'pending' });
      await c.ready;
      const r = c.assign('spec-vs-guide');
      c.track('product_view', { product_id: 'kettle' });
      await c.flush();
      expect(col.batches).toHaveLength(0);
      expect(localStorage.getItem('vitrine')).toBeNull();
      c.setConsent('granted');
      await vi.waitFor(() =>
        expect(
          col
            .events()
            .map((e) => e.type)
            .sort(),
        ).toEqual(['exposure', 'product_view']),
      );
      expect(col.events().every((e) => e.anonymous_id === c.anonymousId)).toBe(true);
      expect(JSON.parse(localStorage.getItem('vitrine')!).id).toBe(c.anonymousId);
      expect(c.assign('spec-vs-guide')).toMatchObject({ variation: r.variation, key: r.key });
    });

    it('pending, then granted: adopts the stored id, visit after visit, reading nothing before', async () => {
      const col = collector();
      const first = make({ fetch: col.fetch });
      await first.ready;
      const w = first.assign('spec-vs-guide');
      await first.flush();
      await nextTask(); // visit 1, granted: its identity is stored
      const id = first.anonymousId;
      const identity = localStorage.getItem('vitrine');
      first.destroy();
      // Visit 3 has no config: no assignment, so no config chunk to merge with.
      for (const visit of [{ config }, { config: undefined }]) {
        const getItem = vi.spyOn(localStorage, 'getItem');
        const c = make({ fetch: col.fetch, consent: 'pending', ...visit });
        await c.ready;
        c.track('product_view', { product_id: 'kettle' });
        await nextTask();
        expect(
          getItem.mock.calls.filter(([k]) => k === 'vitrine'),
          'nothing read while pending',
        ).toEqual([]);
        getItem.mockRestore();
        expect(c.anonymousId).not.toBe(id);
        c.setConsent('granted');
        expect(c.anonymousId).toBe(id);
        await c.flush();
        await nextTask();
        expect(localStorage.getItem('vitrine')).toBe(identity);
        if (visit.config) expect(c.assign('spec-vs-guide')).toMatchObject({ variation: w.variation, reason: 'sticky' });
        c.destroy();
      }
      expect(col.events().map((e) => [e.type, e.anonymous_id])).toEqual([
        ['exposure', id],
        ['product_view', id],
        ['product_view', id],
      ]);
    });

    it('pending, then granted: merges this page’s assignments into the stored ones; held exposures sent once', async () => {
      const col = collector();
      const first = make({ fetch: col.fetch, userId: 'u-1' });
      await first.ready;
      const w = first.assign('spec-vs-guide');
      const byUser = first.assign('by-user');
      await first.flush();
      await nextTask();
      const id = first.anonymousId;
      first.destroy();
      expect(col.events().map((e) => e.experiment)).toEqual(['spec-vs-guide', 'by-user']);

      // Visit 2 starts pending, with an experiment visit 1 did not have.
      const withNew = { ...config, experiments: [...config.experiments, { key: 'new', variations: ['x', 'y', 'z'] }] };
      // A page whose temporary id draws the other variation of spec-vs-guide (one in two do).
      let c: VitrineClient;
      do {
        c = make({ fetch: col.fetch, consent: 'pending', config: withNew, userId: 'u-1' });
        await c.ready;
      } while (c.assign('spec-vs-guide').variation === w.variation);
      expect(c.assign('by-user')).toMatchObject({ variation: byUser.variation });
      const drawn = c.assign('new');
      expect(drawn.inExperiment).toBe(true);
      c.track('add_to_cart', { product_id: 'kettle' });
      c.setConsent('granted');
      await c.flush();
      const sent = col.events().slice(2);
      // The stored id was exposed to spec-vs-guide and by-user already: counted, not sent again.
      expect(sent.map((e) => [e.type, e.experiment, e.variation])).toEqual([
        ['exposure', 'new', drawn.variation],
        ['add_to_cart', undefined, undefined],
      ]);
      expect(sent.every((e) => e.anonymous_id === id)).toBe(true);
      // The stored id keeps its own variation; the new experiment keeps what this page showed.
      expect(c.assign('spec-vs-guide')).toMatchObject({ variation: w.variation, reason: 'sticky' });
      expect(c.assign('new')).toMatchObject({ variation: drawn.variation, reason: 'sticky' });
      await c.flush();
      expect(col.events()).toHaveLength(4);
      await nextTask();
      const stored = JSON.parse(localStorage.getItem('vitrine')!) as { seen: string[]; sticky: Record<string, string> };
      expect(stored.sticky).toEqual({
        [`${id}|spec-vs-guide__0`]: w.key,
        'u-1|by-user__0': byUser.key,
        [`${id}|new__0`]: drawn.key,
      });
      expect(stored.seen).toEqual([
        `${id}|spec-vs-guide|${w.variation}`,
        `u-1|by-user|${byUser.variation}`,
        `${id}|new|${drawn.variation}`,
      ]);
    });

    it('pending, then granted: a variation drawn in a namespace the stored id is not in is not adopted', async () => {
      const spaced = {
        v: 1 as const,
        site: 'demo',
        experiments: [{ key: 'ns', variations: ['a', 'b'], namespace: ['space', 0, 0.5] as [string, number, number] }],
      };
      let outside = 0;
      while (inNamespace(`stored-${outside}`, ['space', 0, 0.5])) outside++;
      localStorage.setItem('vitrine', JSON.stringify({ id: `stored-${outside}` }));
      const col = collector();
      // A page whose temporary id is in the namespace (one in two are).
      let c: VitrineClient;
      do {
        c = make({ fetch: col.fetch, consent: 'pending', config: spaced });
        await c.ready;
      } while (!c.assign('ns').inExperiment);
      c.setConsent('granted');
      await c.flush();
      expect(col.events()).toEqual([]);
      expect(c.assign('ns')).toMatchObject({ variation: 0, inExperiment: false, reason: 'not-eligible' });
      await nextTask();
      expect(JSON.parse(localStorage.getItem('vitrine')!)).toMatchObject({ id: `stored-${outside}`, sticky: {} });
    });

    it('denied: variation 0, nothing stored or sent, held events dropped, stored data erased', async () => {
      const col = collector();
      const granted = make({ fetch: col.fetch });
      await granted.ready;
      granted.assign('spec-vs-guide');
      expect(localStorage.getItem('vitrine')).not.toBeNull();
      granted.destroy();
      const c = make({ fetch: col.fetch, consent: 'pending' });
      await c.ready;
      c.track('product_view');
      c.setConsent('denied');
      expect(c.assign('spec-vs-guide')).toMatchObject({ variation: 0, inExperiment: false });
      expect(c.track('add_to_cart')).toBeUndefined();
      await c.flush();
      expect(localStorage.getItem('vitrine')).toBeNull();
      expect(col.events().filter((e) => e.anonymous_id === c.anonymousId)).toEqual([]);
    });
  });

  it('re-reports product_view, not exposures, when the page is restored from the bfcache', async () => {
    const col = collector();
    const c = make({ fetch: col.fetch });
    await c.ready;
    c.assign('spec-vs-guide');
    c.track('product_view', { product_id: 'kettle' });
    await c.flush();
    const restored = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(restored, 'persisted', { value: true });
    dispatchEvent(restored);
    const fresh = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(fresh, 'persisted', { value: false });
    dispatchEvent(fresh);
    await c.flush();
    const types = col.events().map((e) => e.type);
    expect(types.filter((t) => t === 'exposure')).toHaveLength(1);
    const views = col.events().filter((e) => e.type === 'product_view');
    expect(views).toHaveLength(2);
    expect(views[1]).toMatchObject({ product_id: 'kettle' });
    expect(views[1]!.event_id).not.toBe(views[0]!.event_id);
  });
});

describe('never throws into the page', () => {
  it('createClient without options warns about the site', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const c = createClient(undefined as never);
    clients.push(c);
    expect(warn.mock.calls[0]![0]).toMatch(/createClient: "site" must be a string/);
    warn.mockRestore();
  });

  it('reads a damaged stored identity as far as it is sound', async () => {
    for (const damaged of [
      { id: 5, seen: 5, sticky: null },
      { id: 'x'.repeat(65), seen: {}, sticky: 'a' },
      { id: 'kept', seen: 'spec-vs-guide', sticky: [] },
    ]) {
      localStorage.setItem('vitrine', JSON.stringify(damaged));
      const col = collector();
      const c = make({ fetch: col.fetch });
      await c.ready;
      expect(() => c.assign('spec-vs-guide')).not.toThrow();
      await c.flush();
      const [exposure] = col.events().filter((e) => e.type === 'exposure');
      expect(exposure!.anonymous_id).toMatch(damaged.id === 'kept' ? /^kept$/ : /^[0-9a-f-]{36}$/);
    }
  });

  it('track() and assign() on arbitrary input', async () => {
    const fc = (await import('fast-check')).default;
    const c = make({ fetch: collector().fetch, consent: 'pending', maxQueue: 50 });
    await c.ready;
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (type, fields, key) => {
        c.track(type as string, fields as never);
        const r = c.assign(key as string);
        expect(r.variation).toBe(0 <= r.variation ? r.variation : NaN);
      }),
      { numRuns: 2_000, seed: 4 },
    );
  });
});
