/** The ClickHouse store against a real ClickHouse server (Debian's 18.16), started for this file on loopback. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SqliteEventStore } from '../sqlite.js';
import { storeFromEnv } from '../stores.js';
import type { StoredEvent } from '../types.js';
import { ClickHouseError, ClickHouseHttp, quote } from './http.js';
import { fromRow, type EventRow } from './schema.js';
import { ClickHouseEventStore } from './store.js';
import { NOW, uuidv7 } from './test-utils/events.js';
import { databaseUrl, freePort, PASSWORD_USER, startClickHouse, type LocalClickHouse } from './test-utils/server.js';
import './register.js';

let clickhouse: LocalClickHouse;
const stores: ClickHouseEventStore[] = [];
beforeAll(async () => {
  clickhouse = await startClickHouse();
}, 240_000);
afterAll(async () => {
  for (const store of stores) await store.close();
  await clickhouse?.stop();
});

async function open(url = databaseUrl(clickhouse, 'store')): Promise<ClickHouseEventStore> {
  const store = await ClickHouseEventStore.open({ url });
  stores.push(store);
  return store;
}

const DAY = 86_400_000;
let counter = 0;
/** A stored (validated) event; `received_at` NOW unless given. */
function ev(fields: Partial<StoredEvent> & { type: string; anonymous_id: string }, at = 0): StoredEvent {
  return {
    event_id: uuidv7(NOW + at + counter++),
    site: 'demo',
    ts: NOW - 3_600_000 + at * 1000,
    received_at: NOW,
    is_bot: false,
    ip: '203.0.113.0',
    source: 'beacon',
    ...fields,
  };
}
const expose = (unit: string, variation: number, at: number, extra: Partial<StoredEvent> = {}) =>
  ev({ type: 'exposure', anonymous_id: unit, experiment: 'exp', variation, ...extra }, at);
const act = (unit: string, type: string, at: number, extra: Partial<StoredEvent> = {}) =>
  ev({ type, anonymous_id: unit, ...extra }, at);
const buy = (unit: string, at: number, order: string | undefined, value: number, extra: Partial<StoredEvent> = {}) =>
  act(unit, 'purchase', at, { order_id: order, value_minor: value, currency: 'CNY', ...extra });

/** Counted by hand below. */
function fixture(): StoredEvent[] {
  return [
    // u1 → 0: view (exactly 30 min before its exposure: the same visit), cart, purchase o1 (1000)
    // reported twice (second copy 1500: the first stored counts)
    act('u1', 'product_view', 10 - 1800),
    expose('u1', 0, 10),
    act('u1', 'add_to_cart', 12),
    buy('u1', 13, 'o1', 1000),
    buy('u1', 14, 'o1', 1500, { source: 'server', ip: null }),
    // and a second order with a value but no currency
    buy('u1', 15, 'o1b', 50, { currency: undefined }),
    // u2 → 0: viewed (30 min and 1 ms before: an earlier visit) and bought only before its first
    // exposure; re-exposed later
    act('u2', 'product_view', 0, { ts: NOW - 3_600_000 + 5_000 - 1_800_001 }),
    buy('u2', 2, 'o2', 700),
    expose('u2', 0, 5),
    expose('u2', 0, 50),
    // u3 → 1: whole funnel, two orders, one without order id
    expose('u3', 1, 10),
    act('u3', 'product_view', 20),
    act('u3', 'add_to_cart', 21),
    act('u3', 'begin_checkout', 22),
    buy('u3', 23, 'o3', 2000),
    buy('u3', 24, undefined, 300, { currency: 'USD' }),
    // u4: exposed to both variations (left out, counted)
    expose('u4', 0, 10),
    expose('u4', 1, 11),
    act('u4', 'product_view', 12),
    // u5 → 1: a bot (one event flagged), left out and counted
    expose('u5', 1, 10),
    act('u5', 'product_view', 11, { is_bot: true, bot: true }),
    // u6 → 1: viewed after exposure, in another experiment too
    expose('u6', 1, 10),
    act('u6', 'product_view', 30),
    act('u6', 'purchase', 31), // neither value nor currency: a purchaser, no revenue, no currency
    expose('u6', 2, 10, { experiment: 'other-exp' }),
    // u7: only in the other site
    expose('u7', 0, 10, { site: 'shop-2' }),
  ];
}

const EXPECTED = {
  variations: [
    { variation: 0, units: 2, product_view: 1, add_to_cart: 1, begin_checkout: 0, purchase: 1, revenue_minor: 1050 },
    { variation: 1, units: 2, product_view: 2, add_to_cart: 1, begin_checkout: 1, purchase: 2, revenue_minor: 2300 },
  ],
  multi_exposed_units: 1,
  bot_units: 1,
  revenue_by_currency: [
    { variation: 0, currency: null, orders: 1, revenue_minor: 50 },
    { variation: 0, currency: 'CNY', orders: 1, revenue_minor: 1000 },
    { variation: 1, currency: 'CNY', orders: 1, revenue_minor: 2000 },
    { variation: 1, currency: 'USD', orders: 1, revenue_minor: 300 },
  ],
};

describe('ClickHouseEventStore', () => {
  it('creates its schema in the database named by the URL with types ClickHouse 18.16 has', async () => {
    const store = await open();
    const columns = await store.http.rows<{ name: string; type: string }>(
      `SELECT name, type FROM system.columns WHERE database = ${quote(store.http.database)} AND table = 'vitrine_events'`,
    );
    expect(columns.find((c) => c.name === 'ts')!.type).toBe('Int64');
    expect(columns.find((c) => c.name === 'ver')!.type).toBe('UInt64');
    const [table] = await store.http.rows<{ engine: string }>(
      `SELECT engine FROM system.tables WHERE database = ${quote(store.http.database)} AND name = 'vitrine_events'`,
    );
    expect(table!.engine).toBe('ReplacingMergeTree');
    // opening again (a second collector, a restart) keeps the table
    await store.append([act('u', 'product_view', 1)]);
    const again = await open(`${clickhouse.url}/?database=${store.http.database}`);
    expect(await again.sites()).toEqual(['demo']);
  });

  it('counts the hand-computed fixture exactly, like the SQLite store', async () => {
    const store = await open();
    expect(await store.append(fixture())).toEqual({ accepted: fixture().length, duplicates: 0 });
    expect(await store.counts('demo', 'exp')).toEqual(EXPECTED);
    expect(await store.counts('demo', 'nothing')).toBeNull();
    expect(await store.counts('shop-2', 'exp')).toEqual({
      variations: [
        { variation: 0, units: 1, product_view: 0, add_to_cart: 0, begin_checkout: 0, purchase: 0, revenue_minor: 0 },
      ],
      multi_exposed_units: 0,
      bot_units: 0,
      revenue_by_currency: [],
    });
    expect(await store.sites()).toEqual(['demo', 'shop-2']);

    const sqlite = new SqliteEventStore(openDatabase(mkdtempSync(join(tmpdir(), 'vitrine-ch-ref-')), 'normal'));
    await sqlite.append(fixture());
    expect(await sqlite.counts('demo', 'exp')).toEqual(EXPECTED);
    await sqlite.close();
  });

  it('splits units into periods by the minute of their first exposure, like the SQLite store', async () => {
    const minute = 60_000;
    const base = Math.ceil((NOW - 3_600_000) / minute) * minute; // a whole minute
    const at = (unit: string, variation: number, ts: number, extra: Partial<StoredEvent> = {}) =>
      ev({ type: 'exposure', anonymous_id: unit, experiment: 'exp', variation, ts, ...extra });
    const events = [
      at('a', 0, base - 1), // the minute before the first start
      at('b', 1, base), // the first instant of the start's minute
      at('c', 0, base + 30_000),
      at('c', 0, base - 5 * minute), // an earlier exposure arriving later moves c's first exposure back
      at('d', 1, base + minute + 59_999), // in the minute a change 20 s into it takes effect after
      at('e', 1, base + 2 * minute),
      at('f', 0, base + 10 * minute),
      at('g', 1, base + 10 * minute, { is_bot: true }), // bots and multi-exposed units are not split
      at('h', 0, base + 10 * minute),
      at('h', 1, base + 11 * minute),
    ];
    const periodStarts = [base, base + minute + 20_000, base + 5 * minute];
    const store = await open();
    await store.append(events);
    const sqlite = new SqliteEventStore(openDatabase(mkdtempSync(join(tmpdir(), 'vitrine-ch-ref-')), 'normal'));
    await sqlite.append(events);
    const expected = [
      { period: 0, variation: 0, units: 2 }, // a, c
      { period: 1, variation: 1, units: 2 }, // b, d
      { period: 2, variation: 1, units: 1 }, // e
      { period: 3, variation: 0, units: 1 }, // f
    ];
    expect((await sqlite.counts('demo', 'exp', { periodStarts }))?.periods).toEqual(expected);
    const counts = await store.counts('demo', 'exp', { periodStarts });
    expect(counts?.periods).toEqual(expected);
    expect(counts).toEqual(await sqlite.counts('demo', 'exp', { periodStarts }));
    // without starts, no split and the same totals
    const plain = await store.counts('demo', 'exp');
    expect(plain?.periods).toBeUndefined();
    expect(plain?.variations).toEqual(counts?.variations);
    await sqlite.close();
  });

  it('stores every field and reads it back', async () => {
    const store = await open();
    const e = ev({
      type: 'add_to_cart',
      anonymous_id: "anon 'quoted' \\ 🧪",
      user_id: 'user-1',
      session_id: 'sess-1',
      page: { path: '/p/kettle' },
      product_id: 'kettle',
      quantity: 2,
      value_minor: 51_800,
      currency: 'CNY',
      props: { element: 'coupon-cart', n: 3, ok: true, "it's": 'a\nb \\ "c"' },
      bot: false,
      sdk: { name: 'vitrine', version: '0.1.0' },
    });
    await store.append([e]);
    const [row] = await store.http.rows<EventRow>(`SELECT * FROM ${store.table} WHERE event_id = ${quote(e.event_id)}`);
    expect(row!.extra).toContain('coupon-cart');
    expect(row!.experiment).toBe('');
    expect(fromRow(row!)).toEqual(e);
  });

  it('reports duplicates inside a batch, across batches and across batches sent together', async () => {
    const store = await open();
    const a = act('u1', 'product_view', 1);
    const b = act('u1', 'add_to_cart', 2);
    const c = act('u2', 'product_view', 3);
    expect(await store.append([a, b, a])).toEqual({ accepted: 2, duplicates: 1 });
    expect(await store.append([a, c])).toEqual({ accepted: 1, duplicates: 1 });
    const d = act('u3', 'product_view', 4);
    // three batches in one turn of the event loop: one group, one INSERT; the first one owns d
    const results = await Promise.all([store.append([d, a]), store.append([d]), store.append([b, c, d])]);
    expect(results).toEqual([
      { accepted: 1, duplicates: 1 },
      { accepted: 0, duplicates: 1 },
      { accepted: 0, duplicates: 3 },
    ]);
    const [{ n }] = (await store.http.rows<{ n: number }>(`SELECT count() AS n FROM ${store.table}`)) as [
      { n: number },
    ];
    expect(n).toBe(4);
  });

  it('stores each id once when many overlapping batches are written in overlapping groups', async () => {
    const store = await ClickHouseEventStore.open({ url: databaseUrl(clickhouse, 'groups'), maxInsert: 4 });
    stores.push(store);
    const pool = Array.from({ length: 15 }, (_, i) => act(`u${i % 4}`, 'product_view', i));
    // consecutive batches share an id, so consecutive groups do
    const batches = Array.from({ length: 24 }, (_, b) => [pool[b % 15]!, pool[(b + 1) % 15]!, pool[(b * 4 + 2) % 15]!]);
    // one turn of the event loop: 24 batches, groups of at most 4 events, each group's existence
    // check running while the group before it inserts
    const results = await Promise.all(batches.map((events) => store.append(events)));
    const accepted = results.reduce((n, r) => n + r.accepted, 0);
    const ids = new Set(batches.flat().map((e) => e.event_id));
    expect(accepted).toBe(ids.size);
    expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(batches.length * 3 - ids.size);
    const [{ n }] = (await store.http.rows<{ n: number }>(`SELECT count() AS n FROM ${store.table}`)) as [
      { n: number },
    ];
    expect(n).toBe(ids.size);
  });

  it('keeps counts exact when two collectors store the same events at once', async () => {
    const url = databaseUrl(clickhouse, 'race');
    const [one, two] = [await open(url), await open(url)];
    const events = fixture();
    const [r1, r2] = await Promise.all([one.append(events), two.append(events)]);
    // each event is accepted by at least one collector; both may accept it (the documented race)
    expect(r1.accepted + r2.accepted).toBeGreaterThanOrEqual(events.length);
    expect(r1.accepted + r1.duplicates).toBe(events.length);
    expect(await one.counts('demo', 'exp')).toEqual(EXPECTED);
    expect(await two.counts('demo', 'exp')).toEqual(EXPECTED);
    await one.http.exec(`OPTIMIZE TABLE ${one.table} FINAL`);
    const [{ n }] = (await one.http.rows<{ n: number }>(`SELECT count() AS n FROM ${one.table}`)) as [{ n: number }];
    expect(n).toBe(events.length);
    expect(await two.counts('demo', 'exp')).toEqual(EXPECTED);
  });

  it('counts every event once however many copies ClickHouse holds, before and after a merge', async () => {
    const store = await open();
    await store.append(fixture());
    // copies of every event as a racing collector leaves them (stored later: lower ver), half of
    // them received the next day (another partition, never merged with the original)
    const rows = await store.http.rows<EventRow>(`SELECT * FROM ${store.table}`);
    await store.http.insert(
      store.table,
      rows.map((row, i) => ({ ...row, ver: row.ver - 1, received_at: row.received_at + (i % 2) * DAY })),
    );
    const count = async () =>
      ((await store.http.rows<{ n: number }>(`SELECT count() AS n FROM ${store.table}`)) as [{ n: number }])[0].n;
    expect(await count()).toBe(2 * rows.length);
    expect(await store.counts('demo', 'exp')).toEqual(EXPECTED);
    expect(await store.sites()).toEqual(['demo', 'shop-2']);
    await store.http.exec(`OPTIMIZE TABLE ${store.table} FINAL`);
    expect(await count()).toBe(rows.length + Math.floor(rows.length / 2)); // same-day copies merged away
    expect(await store.counts('demo', 'exp')).toEqual(EXPECTED);
    expect(await store.eraseUnit('u3')).toBe(6);
  });

  it('keeps the first stored purchase of an order, whatever later reports of it say', async () => {
    const store = await open();
    await store.append(fixture());
    // a later report of u3's order o3 with another value and time, and a conflicting later copy of
    // the same purchase event: neither changes the revenue
    const [o3] = await store.http.rows<EventRow>(`SELECT * FROM ${store.table} WHERE order_id = 'o3'`);
    await store.append([buy('u3', 25, 'o3', 999_999, { currency: 'EUR' })]);
    await store.http.insert(store.table, [{ ...o3!, value_minor: 888_888, ver: o3!.ver - 1 }]);
    expect(await store.counts('demo', 'exp')).toEqual(EXPECTED);
    await store.http.exec(`OPTIMIZE TABLE ${store.table} FINAL`);
    expect(await store.counts('demo', 'exp')).toEqual(EXPECTED);
  });

  it('takes any text as experiment key or unit id (quotes, backslashes, emoji, SQL)', async () => {
    const store = await open();
    const keys = ["it's", 'back\\slash', '🧪 test', "x' OR 1=1 --", 'tab\tnew\nline', "\\'"];
    for (const [i, key] of keys.entries())
      await store.append([
        expose(`${key}-unit`, i % 2, 1, { experiment: key }),
        act(`${key}-unit`, 'purchase', 2, { value_minor: i + 1 }),
      ]);
    for (const [i, key] of keys.entries()) {
      const counts = await store.counts('demo', key);
      expect(counts?.variations, key).toEqual([
        {
          variation: i % 2,
          units: 1,
          product_view: 0,
          add_to_cart: 0,
          begin_checkout: 0,
          purchase: 1,
          revenue_minor: i + 1,
        },
      ]);
    }
    expect(await store.eraseUnit(`${keys[3]}-unit`)).toBe(2);
    expect(await store.counts('demo', keys[3]!)).toBeNull();
    expect(await store.counts('demo', keys[0]!)).not.toBeNull();
  });

  it('erases one shopper everywhere and waits until it is gone', async () => {
    const store = await open();
    await store.append(fixture());
    await store.append([act('u1', 'product_view', 99, { site: 'shop-2' })]);
    expect(await store.eraseUnit('u1')).toBe(7);
    const after = await store.counts('demo', 'exp');
    expect(after!.variations[0]).toEqual({
      variation: 0,
      units: 1,
      product_view: 0,
      add_to_cart: 0,
      begin_checkout: 0,
      purchase: 0,
      revenue_minor: 0,
    });
    const [{ n }] = (await store.http.rows<{ n: number }>(
      `SELECT count() AS n FROM ${store.table} WHERE anonymous_id = 'u1'`,
    )) as [{ n: number }];
    expect(n).toBe(0);
    expect(await store.eraseUnit('nobody')).toBe(0);
  });

  it('drops whole days received before the retention cutoff', async () => {
    const store = await open();
    const day = (n: number) => Date.UTC(2026, 10, 20 + n, 10, 0, 0);
    await store.append([
      act('old', 'product_view', 1, { received_at: day(0) }),
      act('old', 'add_to_cart', 2, { received_at: day(0) + 3_600_000 }),
      act('mid', 'product_view', 3, { received_at: day(1) }),
      act('new', 'product_view', 4, { received_at: day(2) }),
    ]);
    // the cutoff falls inside day 1: day 0 goes, day 1 stays whole until its last event is older
    expect(await store.applyRetention(day(1) + 1000)).toBe(2);
    expect(await store.applyRetention(day(1) + 1000)).toBe(0);
    const units = await store.http.rows<{ u: string }>(
      `SELECT DISTINCT anonymous_id AS u FROM ${store.table} ORDER BY u`,
    );
    expect(units.map((r) => r.u)).toEqual(['mid', 'new']);
    expect(await store.applyRetention(day(2) + 1)).toBe(1);
  });

  it('is selected by VITRINE_STORE=clickhouse with VITRINE_CLICKHOUSE_URL', async () => {
    const store = (await storeFromEnv('clickhouse', { VITRINE_CLICKHOUSE_URL: databaseUrl(clickhouse, 'env') }))!;
    stores.push(store as ClickHouseEventStore);
    expect(store).toBeInstanceOf(ClickHouseEventStore);
    expect(store.kind).toBe('clickhouse');
    await store.checkWritable();
  });

  it('sends credentials from the URL, and names the server and the fix when it cannot reach it', async () => {
    const { name, password } = PASSWORD_USER;
    const authed = await open(`http://${name}:${password}@127.0.0.1:${clickhouse.port}/?database=authed`);
    expect(await authed.append([act('u', 'product_view', 1)])).toEqual({ accepted: 1, duplicates: 0 });
    const wrong = new ClickHouseHttp(`http://${name}:nope@127.0.0.1:${clickhouse.port}/`);
    await expect(wrong.rows('SELECT 1 AS x')).rejects.toBeInstanceOf(ClickHouseError);

    const nowhere = `http://127.0.0.1:${await freePort()}`;
    await expect(ClickHouseEventStore.open({ url: nowhere })).rejects.toThrow(
      /does not answer at http:\/\/127\.0\.0\.1:\d+\/ping.*apt-get install -y clickhouse-server.*VITRINE_CLICKHOUSE_URL/,
    );
    await expect(new ClickHouseHttp(nowhere).rows('SELECT 1')).rejects.toThrow(/unreachable \(ECONNREFUSED\)/);
    expect(() => new ClickHouseHttp('ftp://x')).toThrow(/http: or https:/);
  });

  it('refuses a table of the same name made by something else', async () => {
    const http = new ClickHouseHttp(databaseUrl(clickhouse, 'foreign'));
    await http.exec(`CREATE DATABASE ${http.database}`, {}, { database: null });
    await http.exec(
      'CREATE TABLE vitrine_events (event_id String, ver UInt64) ENGINE = ReplacingMergeTree(ver) ORDER BY event_id',
    );
    await expect(open(`${clickhouse.url}/?database=${http.database}`)).rejects.toThrow(
      /lacks the columns site, type, ts/,
    );
  });

  it('answers append and checkWritable with an error, not a hang, while ClickHouse is down', async () => {
    const server = await startClickHouse();
    try {
      const store = await ClickHouseEventStore.open({ url: server.url });
      await server.kill();
      await expect(store.append([act('u', 'product_view', 1)])).rejects.toThrow(/unreachable/);
      await expect(store.checkWritable()).rejects.toThrow(/unreachable/);
      await server.restart();
      expect(await store.append([act('u', 'product_view', 1)])).toEqual({ accepted: 1, duplicates: 0 });
      await store.close();
      await expect(store.append([act('u', 'product_view', 2)])).rejects.toThrow(/closed/);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
