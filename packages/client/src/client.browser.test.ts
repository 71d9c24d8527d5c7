/**
 * The client in real Chromium and Firefox against a scripted stand-in collector
 * (scripts/wtr-test-collector.mjs): real fetch, sendBeacon, IndexedDB and localStorage.
 */
import { expect } from '@open-wc/testing';
import { createStore, entries } from 'idb-keyval';
import { type Batch, type ClientOptions, type VitrineClient, createClient } from './client.js';

interface Recorded {
  at: number;
  contentType: string;
  status: number;
  body: Batch;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(f: () => Promise<T | undefined | false>, timeout = 8000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(50);
  }
}

/** One isolated collector session, IndexedDB store and client list per test. */
function setup() {
  const id = Math.random().toString(36).slice(2);
  const endpoint = `/__vitrine_test/collector/${id}`;
  const storeName = `vitrine-test-${id}`;
  const clients: VitrineClient[] = [];
  const batches = async () => (await (await fetch(`${endpoint}/batches`)).json()) as Recorded[];
  const events = async () => (await batches()).flatMap((b) => b.body.events);
  return {
    endpoint,
    storeName,
    batches,
    events,
    stored: async () => entries(createStore(storeName, 'events')),
    script: (replies: { status: number; retryAfter?: string }[]) =>
      fetch(`${endpoint}/script`, { method: 'POST', body: JSON.stringify(replies) }),
    client(options: Partial<ClientOptions> = {}) {
      const c = createClient({ site: 'demo', endpoint, storeName, warn: () => {}, flushInterval: 60_000, ...options });
      clients.push(c);
      return c;
    },
    done: () => clients.forEach((c) => c.destroy()),
  };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  localStorage.clear();
  t = setup();
});
afterEach(() => t.done());

describe('client delivery (real browser)', () => {
  it('offline → queued in IndexedDB → reload → online: every event arrives exactly once', async () => {
    // "Offline": the real fetch to a collector nobody answers (a closed loopback port) fails at the
    // network level, as it does without a connection.
    const offline = t.client({ endpoint: 'http://127.0.0.1:9', flushInterval: 20 });
    const ids = ['product_view', 'add_to_cart', 'begin_checkout', 'purchase', 'coupon_applied'].map((type) =>
      offline.track(type, { product_id: 'kettle' }),
    );
    await until(async () => (await t.stored()).length === 5);
    await sleep(400); // time for the (failing) send attempts
    expect(await t.batches()).to.deep.equal([]);
    offline.destroy(); // the page goes away with the events still pending

    // "Reload": a new client over the same IndexedDB store, now online.
    t.client();
    const received = await until(async () => {
      const e = await t.events();
      return e.length >= 5 && e;
    });
    await sleep(500); // anything sent twice would show up by now
    const all = await t.events();
    expect(all.map((e) => e.event_id).sort()).to.deep.equal([...ids].sort());
    expect(all.length).to.equal(5);
    expect(received.map((e) => e.type)).to.have.members([
      'product_view',
      'add_to_cart',
      'begin_checkout',
      'purchase',
      'coupon_applied',
    ]);
    await until(async () => (await t.stored()).length === 0);
  });

  it('writes the events tracked in one task in one IndexedDB transaction', async () => {
    const original = IDBDatabase.prototype.transaction;
    const writes: number[] = [];
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      if (this.name === t.storeName && args[1] === 'readwrite') writes.push(Date.now());
      return original.apply(this, args);
    } as IDBDatabase['transaction'];
    try {
      const c = t.client();
      c.track('product_view', { product_id: 'kettle' });
      await until(async () => (await t.stored()).length === 1);
      writes.length = 0;
      for (const type of ['add_to_cart', 'begin_checkout', 'coupon_applied', 'purchase']) c.track(type);
      await until(async () => (await t.stored()).length === 5);
      expect(writes.length).to.equal(1);
    } finally {
      IDBDatabase.prototype.transaction = original;
    }
  });

  it('hands pending events to sendBeacon when the page is hidden, and on pagehide', async () => {
    const c = t.client();
    const original = navigator.sendBeacon.bind(navigator);
    let beacons = 0;
    navigator.sendBeacon = (url, data) => (beacons++, original(url, data));
    try {
      c.track('add_to_cart', { product_id: 'kettle', quantity: 1, value_minor: 2999, currency: 'CNY' });
      c.track('begin_checkout');
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      delete (document as { visibilityState?: unknown }).visibilityState;
      expect(beacons).to.equal(1);
      c.track('purchase', { order_id: 'o-1', value_minor: 2999, currency: 'CNY' });
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      expect(beacons).to.equal(2);
      const batches = await until(async () => {
        const b = await t.batches();
        return b.length === 2 && b;
      });
      expect(batches.map((b) => b.body.events.map((e) => e.type))).to.deep.equal([
        ['add_to_cart', 'begin_checkout'],
        ['purchase'],
      ]);
      expect(batches[0]!.contentType).to.match(/^text\/plain/);
      await c.flush();
      await sleep(200);
      expect((await t.batches()).length).to.equal(2); // nothing sent again by fetch
    } finally {
      navigator.sendBeacon = original;
    }
  });

  it('keeps beaconed events in IndexedDB until acknowledged: a beacon refused during an outage is sent by the next page', async () => {
    // The collector is down: it answers the page's beacon with 503, which the page never sees.
    await t.script([{ status: 503 }]);
    const config = { v: 1 as const, site: 'demo', experiments: [{ key: 'e', variations: ['a', 'b'] }] };
    const c = t.client({ config });
    await c.ready;
    c.assign('e');
    const purchase = c.track('purchase', { order_id: 'o-1', value_minor: 2999, currency: 'CNY' });
    await until(async () => (await t.stored()).length === 2);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    const [beaconed] = await until(async () => {
      const b = await t.batches();
      return b.length === 1 && b;
    });
    expect(beaconed!.status).to.equal(503);
    const ids = beaconed!.body.events.map((e) => e.event_id).sort();
    expect(beaconed!.body.events.map((e) => e.type).sort()).to.deep.equal(['exposure', 'purchase']);
    await sleep(300);
    expect((await t.stored()).map(([id]) => id).sort(), 'still stored').to.deep.equal(ids);
    c.destroy();

    // The collector is back; the shopper opens the next page, which is exposed to the same variation.
    const next = t.client({ config });
    await next.ready;
    next.assign('e');
    await next.flush();
    await until(async () => (await t.stored()).length === 0);
    await sleep(300); // anything sent twice would show up by now
    const delivered = (await t.batches()).filter((b) => b.status === 200).flatMap((b) => b.body.events);
    expect(delivered.map((e) => e.event_id).sort()).to.deep.equal(ids);
    expect(ids).to.include(purchase);
  });

  it('re-sends what it beaconed once by fetch when the page is visible again, not at every flip', async () => {
    const visibility = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
      delete (document as { visibilityState?: unknown }).visibilityState;
    };
    const statuses = async () => (await t.batches()).map((b) => [b.status, b.body.events.map((e) => e.event_id)]);
    await t.script([{ status: 503 }]);
    const c = t.client();
    const purchase = c.track('purchase', { order_id: 'o-2', value_minor: 2999, currency: 'CNY' });
    await until(async () => (await t.stored()).length === 1);
    visibility('hidden'); // beacon: 503
    await until(async () => (await t.batches()).length === 1);
    await sleep(300);
    expect((await t.stored()).length, 'kept after the refused beacon').to.equal(1);
    visibility('hidden'); // hidden again (no visible state between): not beaconed twice
    visibility('visible'); // the one retry, by fetch
    await until(async () => (await t.stored()).length === 0);
    expect(await statuses()).to.deep.equal([
      [503, [purchase]],
      [200, [purchase]],
    ]);

    // The usual case: the beacon arrives, the page comes back, and re-sends it once (the collector
    // stores an event_id once); later flips send nothing.
    const view = c.track('product_view', { product_id: 'kettle' });
    await until(async () => (await t.stored()).length === 1);
    visibility('hidden');
    await until(async () => (await t.batches()).length === 3);
    visibility('visible');
    await until(async () => (await t.stored()).length === 0);
    for (let i = 0; i < 3; i++) {
      visibility('hidden');
      visibility('visible');
    }
    await c.flush();
    await sleep(300);
    expect((await statuses()).slice(2)).to.deep.equal([
      [200, [view]],
      [200, [view]],
    ]);
  });

  it('retries 5xx and 429 (after Retry-After) with the same event_id; never retries 422', async () => {
    await t.script([{ status: 503 }, { status: 429, retryAfter: '1' }]);
    const c = t.client();
    const id = c.track('purchase', { order_id: 'o-9', value_minor: 100, currency: 'CNY' });
    await c.flush();
    const tries = await until(async () => {
      const b = await t.batches();
      return b.length === 3 && b;
    });
    expect(tries.map((b) => b.status)).to.deep.equal([503, 429, 200]);
    expect(tries.map((b) => b.body.events[0]!.event_id)).to.deep.equal([id, id, id]);
    expect(tries[2]!.at - tries[1]!.at).to.be.at.least(950); // Retry-After: 1

    const u = setup();
    await u.script([{ status: 422 }]);
    const d = createClient({ site: 'demo', endpoint: u.endpoint, storeName: u.storeName, warn: () => {} });
    try {
      d.track('add_to_cart');
      await d.flush();
      await sleep(2500); // longer than the first backoff steps
      expect((await u.batches()).map((b) => b.status)).to.deep.equal([422]);
      expect((await u.stored()).length).to.equal(0);
    } finally {
      d.destroy();
    }
  });

  it('splits a batch on 413', async () => {
    await t.script([{ status: 413 }]);
    const c = t.client({ batchSize: 100 });
    for (let i = 0; i < 6; i++) c.track('impression', { props: { element: 'selling-points', i } });
    await c.flush();
    const batches = await until(async () => {
      const b = await t.batches();
      return b.length === 3 && b;
    });
    expect(batches.map((b) => [b.status, b.body.events.length])).to.deep.equal([
      [413, 6],
      [200, 3],
      [200, 3],
    ]);
  });

  it('consent: pending holds, granted sends and persists, denied drops and erases', async () => {
    const c = t.client({
      consent: 'pending',
      config: { v: 1, site: 'demo', experiments: [{ key: 'e', variations: ['a', 'b'] }] },
    });
    await c.ready;
    const held = c.assign('e');
    c.track('product_view', { product_id: 'kettle' });
    await c.flush();
    await sleep(200);
    expect(await t.batches()).to.deep.equal([]);
    expect(localStorage.getItem('vitrine')).to.equal(null);
    expect((await t.stored()).length).to.equal(0);

    c.setConsent('granted');
    const sent = await until(async () => {
      const e = await t.events();
      return e.length === 2 && e;
    });
    expect(sent.map((e) => e.type).sort()).to.deep.equal(['exposure', 'product_view']);
    expect(sent.find((e) => e.type === 'exposure')).to.include({ experiment: 'e', variation: held.variation });
    expect(JSON.parse(localStorage.getItem('vitrine')!).id).to.equal(c.anonymousId);

    c.setConsent('denied');
    expect(c.assign('e')).to.include({ variation: 0, inExperiment: false });
    expect(c.track('add_to_cart')).to.equal(undefined);
    await c.flush();
    await sleep(200);
    expect((await t.events()).length).to.equal(2);
    expect(localStorage.getItem('vitrine')).to.equal(null);
    expect((await t.stored()).length).to.equal(0);
  });

  it('a page restored from the bfcache re-reports product_view, not exposures', async () => {
    const c = t.client({ config: { v: 1, site: 'demo', experiments: [{ key: 'e', variations: ['a', 'b'] }] } });
    await c.ready;
    c.assign('e');
    c.track('product_view', { product_id: 'kettle' });
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    c.assign('e');
    await c.flush();
    const events = await until(async () => {
      const e = await t.events();
      return e.length === 3 && e;
    });
    expect(events.map((e) => e.type).sort()).to.deep.equal(['exposure', 'product_view', 'product_view']);
  });
});
