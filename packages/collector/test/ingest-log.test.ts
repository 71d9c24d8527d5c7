import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDatabase, SqliteEventStore, validateEvent, type StoredEvent } from '../src/index.js';
import { NOW, tempDir, uuidv7 } from './helpers.js';

// The SQLite store logs one row per request and folds the log into the aggregates later; these
// cover what the events are while they are only in the log.

const open: { db: Database.Database; store: SqliteEventStore }[] = [];

function openStore(dataDir = tempDir('vitrine-log-')) {
  const db = openDatabase(dataDir, 'normal');
  const store = new SqliteEventStore(db, { aggregateEvery: 0 }); // folds only when asked
  open.push({ db, store });
  return { db, store, dataDir };
}

async function closeStore(entry: { db: Database.Database; store: SqliteEventStore }) {
  await entry.store.close();
  entry.db.close();
  open.splice(open.indexOf(entry), 1);
}

afterEach(async () => {
  for (const entry of open.splice(0)) {
    await entry.store.close();
    entry.db.close();
  }
});

function ev(unit: string, fields: Partial<StoredEvent> = {}): StoredEvent {
  return {
    event_id: uuidv7(NOW),
    site: 'demo',
    type: 'product_view',
    ts: NOW - 1000,
    received_at: NOW,
    anonymous_id: unit,
    is_bot: false,
    ip: '127.0.0.0',
    source: 'beacon',
    ...fields,
  };
}

const exposure = (unit: string, variation = 0) => ev(unit, { type: 'exposure', experiment: 'x', variation });

const count = (db: Database.Database, sql: string, ...params: unknown[]) =>
  db
    .prepare(sql)
    .pluck(true)
    .get(...params) as number;

describe('the ingest log', () => {
  it('dedupes against events that are only in the log (not folded yet), across and within batches', async () => {
    const { db, store } = openStore();
    const a = ev('u1');
    const b = ev('u1');
    expect(await store.append([a, b])).toEqual({ accepted: 2, duplicates: 0 });
    expect(store.backlog()).toBe(2); // nothing folded: both live only in the log
    expect(await store.append([a])).toEqual({ accepted: 0, duplicates: 1 });
    const c = ev('u2');
    // a known id, a new one twice and another known one: only the first copy of c is new
    expect(await store.append([b, c, c, a])).toEqual({ accepted: 1, duplicates: 3 });
    expect(db.prepare('SELECT event_id FROM events ORDER BY seq').pluck(true).all()).toEqual([
      a.event_id,
      b.event_id,
      c.event_id,
    ]);
    expect(count(db, 'SELECT count(*) FROM event_ids')).toBe(3);
    expect(count(db, 'SELECT count(*) FROM ingest_log')).toBe(2); // the all-duplicate batch logs nothing
    expect(store.catchUp()).toBe(3);
    expect(await store.append([c])).toEqual({ accepted: 0, duplicates: 1 });
  });

  it('stores an event_id in lower case, so the same id in upper case is a duplicate', async () => {
    const { db, store } = openStore();
    const id = uuidv7(NOW);
    const ctx = { site: 'demo', now: NOW, ip: null, uaIsBot: false, source: 'server' as const };
    const raw = {
      event_id: id.toUpperCase(),
      type: 'product_view',
      ts: NOW,
      anonymous_id: 'u',
      sdk: { name: 'n', version: '1' },
    };
    const upper = validateEvent(raw, ctx) as StoredEvent;
    expect(upper.event_id).toBe(id);
    expect(await store.append([upper])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await store.append([validateEvent({ ...raw, event_id: id }, ctx) as StoredEvent])).toEqual({
      accepted: 0,
      duplicates: 1,
    });
    expect(db.prepare('SELECT event_id FROM events').pluck(true).all()).toEqual([id]);
  });

  it('with durability full, answers only after an fsync of the WAL, and fails the batch when it fails', async () => {
    const dataDir = tempDir('vitrine-log-sync-');
    const db = openDatabase(dataDir, 'full');
    const store = new SqliteEventStore(db, { aggregateEvery: 0 });
    open.push({ db, store });
    const internals = store as unknown as { walPath: string | null };
    expect(internals.walPath).toBe(join(dataDir, 'vitrine.sqlite-wal'));
    expect(db.pragma('synchronous', { simple: true }), 'commits only write the WAL').toBe(1);
    expect(await store.append([ev('u1')])).toEqual({ accepted: 1, duplicates: 0 });
    internals.walPath = dataDir; // a folder: the fsync fails (EISDIR)
    await expect(store.append([ev('u1')])).rejects.toThrow(/EISDIR/);
    await expect(store.checkWritable()).rejects.toThrow(/EISDIR/);
    internals.walPath = join(dataDir, 'vitrine.sqlite-wal');
    await expect(store.checkWritable()).resolves.toBeUndefined();
  });

  it('splits a large append into log rows of at most 1 000 events, folded in order', async () => {
    const { db, store } = openStore();
    const events = Array.from({ length: 2500 }, (_, i) => exposure(`u${i % 700}`, i < 700 ? 0 : 1));
    expect(await store.append(events)).toEqual({ accepted: 2500, duplicates: 0 });
    expect(db.prepare('SELECT n FROM ingest_log ORDER BY seq').pluck(true).all()).toEqual([1000, 1000, 500]);
    const counts = await store.counts('demo', 'x');
    // every unit saw variation 0 first, then 1: all multi-exposed
    expect(counts).toEqual({ variations: [], multi_exposed_units: 700, bot_units: 0, revenue_by_currency: [] });
    expect(counts).toEqual(store.recount('demo', 'x'));
  });

  it('with durability full, answers every batch of a stream that overlaps the fsyncs, each id stored once', async () => {
    const db = openDatabase(tempDir('vitrine-log-group-'), 'full');
    const store = new SqliteEventStore(db, { aggregateEvery: 0 });
    open.push({ db, store });
    const shared = Array.from({ length: 20 }, () => ev('u1'));
    const appends: Promise<{ accepted: number; duplicates: number }>[] = [];
    for (let round = 0; round < 5; round++) {
      // one batch per turn of the event loop, each repeating five of the shared ids
      for (let i = 0; i < 8; i++) {
        appends.push(store.append([ev(`u${i}`), ...shared.slice(i % 4, (i % 4) + 5), ev(`u${i}`)]));
        await new Promise((r) => setImmediate(r));
      }
    }
    const results = await Promise.all(appends);
    const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
    const duplicates = results.reduce((sum, r) => sum + r.duplicates, 0);
    expect(accepted + duplicates).toBe(40 * 7);
    expect(accepted).toBe(40 * 2 + 8); // two fresh events per batch, shared ids 0..7 once
    expect(count(db, 'SELECT count(*) FROM events')).toBe(accepted);
    expect(count(db, 'SELECT count(DISTINCT event_id) FROM events')).toBe(accepted);
  });

  it('folds under load in slices (batches commit between them), and catches up in whole chunks after', async () => {
    const db = openDatabase(tempDir('vitrine-log-agg-'), 'normal');
    const store = new SqliteEventStore(db, { aggregateEvery: 40, aggregateChunk: 100, aggregateBacklog: 200 });
    open.push({ db, store });
    const internals = store as unknown as { foldChunk: (limit?: number) => number };
    const fold = internals.foldChunk;
    const folds: { limit: number | undefined; during: boolean }[] = [];
    let loading = true;
    internals.foldChunk = (limit) => {
      folds.push({ limit, during: loading });
      return fold(limit);
    };
    for (let i = 0; i < 30; i++) {
      await store.append(Array.from({ length: 25 }, (_, j) => exposure(`u${(i * 25 + j) % 90}`, 0)));
      await new Promise((r) => setTimeout(r, 8));
    }
    loading = false;
    const deadline = Date.now() + 5000;
    while (store.backlog() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(store.backlog()).toBe(0);
    const during = folds.filter((f) => f.during);
    expect(during.length, 'the aggregator folded while batches kept coming').toBeGreaterThan(0);
    // slices of 100 / 5 (a tick that finds no batch in the last 40 ms on a stalled machine folds whole)
    expect(during.filter((f) => f.limit === 20).length).toBeGreaterThanOrEqual(during.length / 2);
    expect(folds.filter((f) => !f.during).some((f) => f.limit === 100)).toBe(true);
    expect(await store.counts('demo', 'x')).toEqual(store.recount('demo', 'x'));
  });

  it('keeps every field of an event through the log (the events view)', async () => {
    const { db, store } = openStore();
    const e = ev('u1', {
      type: 'purchase',
      user_id: 'user-7',
      session_id: 's-1',
      product_id: 'kettle',
      quantity: 2,
      value_minor: 9800,
      currency: 'CNY',
      order_id: 'o-1',
      page: { path: '/checkout' },
      props: { coupon: 'SAVE10', first: true, n: 3 },
      sdk: { name: 'vitrine', version: '0.1.0' },
      bot: false,
      ip: '10.0.0.0',
      source: 'beacon',
    });
    await store.append([e]);
    const row = db.prepare('SELECT * FROM events').get() as Record<string, unknown>;
    expect({ ...row, props: JSON.parse(row.props as string) as unknown }).toEqual({
      seq: 1024,
      event_id: e.event_id,
      site: 'demo',
      type: 'purchase',
      ts: NOW - 1000,
      received_at: NOW,
      anonymous_id: 'u1',
      user_id: 'user-7',
      session_id: 's-1',
      experiment: null,
      variation: null,
      product_id: 'kettle',
      quantity: 2,
      value_minor: 9800,
      currency: 'CNY',
      order_id: 'o-1',
      is_bot: 0,
      ip: '10.0.0.0',
      source: 'beacon',
      page_path: '/checkout',
      props: { coupon: 'SAVE10', first: true, n: 3 },
      sdk_name: 'vitrine',
      sdk_version: '0.1.0',
      bot: 'false',
    });
  });

  it('erases a unit whose events are not folded yet, from every log row that holds them', async () => {
    const { db, store } = openStore();
    const odd = 'a"b\\c 😀 é'; // stored JSON-escaped in the log: erasure still finds it
    const keep = [exposure('keep', 1), ev('keep')];
    const gone = [exposure(odd, 0), ev(odd), ev(odd, { type: 'purchase', order_id: 'o-9', value_minor: 500 })];
    await store.append([gone[0]!, keep[0]!, gone[1]!]); // a row mixing both units: rewritten
    await store.append([gone[2]!]); // a row of the erased unit only: deleted
    await store.append([keep[1]!]);
    expect(store.backlog()).toBe(5);
    expect(await store.eraseUnit(odd)).toBe(3);
    expect(db.prepare('SELECT DISTINCT anonymous_id FROM events').pluck(true).all()).toEqual(['keep']);
    expect(count(db, 'SELECT count(*) FROM ingest_log')).toBe(2);
    for (const e of gone) expect(count(db, 'SELECT count(*) FROM event_ids WHERE id = ?', e.event_id)).toBe(0);
    for (const table of ['units', 'exposures', 'orders'])
      expect(count(db, `SELECT count(*) FROM ${table} WHERE unit = ?`, odd)).toBe(0);
    const counts = await store.counts('demo', 'x');
    expect(counts?.variations.map((v) => [v.variation, v.units])).toEqual([[1, 1]]);
    expect(counts).toEqual(store.recount('demo', 'x'));
  });

  it('folds a backlog left by an earlier process (nothing folded before the restart)', async () => {
    const first = openStore();
    const events = [
      exposure('u1', 0),
      exposure('u2', 1),
      ev('u2', { type: 'purchase', order_id: 'o', value_minor: 700 }),
    ];
    await first.store.append(events.slice(0, 2));
    await first.store.append(events.slice(2));
    await closeStore(first);

    const { db, store } = openStore(first.dataDir);
    expect(store.backlog()).toBe(3);
    expect(await store.append([events[1]!])).toEqual({ accepted: 0, duplicates: 1 });
    const counts = await store.counts('demo', 'x');
    expect(store.backlog()).toBe(0);
    expect(counts).toEqual({
      variations: [
        { variation: 0, units: 1, product_view: 0, add_to_cart: 0, begin_checkout: 0, purchase: 0, revenue_minor: 0 },
        { variation: 1, units: 1, product_view: 0, add_to_cart: 0, begin_checkout: 0, purchase: 1, revenue_minor: 700 },
      ],
      multi_exposed_units: 0,
      bot_units: 0,
      revenue_by_currency: [{ variation: 1, currency: null, orders: 1, revenue_minor: 700 }],
    });
    expect(count(db, "SELECT value FROM meta WHERE key = 'aggregated_seq'")).toBe(2);
  });

  it('applies retention to log rows and their ids, folded or not', async () => {
    const { db, store } = openStore();
    const old = [exposure('old'), ev('old')];
    await store.append(old);
    store.catchUp();
    await store.append([ev('old', { received_at: NOW + 10 })]); // not folded yet
    await store.append([ev('new', { received_at: NOW + 5000 })]);
    expect(await store.applyRetention(NOW + 1000)).toBe(3);
    expect(db.prepare('SELECT anonymous_id FROM events').pluck(true).all()).toEqual(['new']);
    expect(count(db, 'SELECT count(*) FROM event_ids')).toBe(1);
    expect(count(db, "SELECT count(*) FROM units WHERE unit = 'old'")).toBe(0);
    expect(await store.append(old)).toEqual({ accepted: 2, duplicates: 0 }); // like the per-event table: gone means gone
  });

  it('gives the orders of a file written before currencies were kept their currency, from the log', async () => {
    const first = openStore();
    const buy = (unit: string, order: string, value: number, currency?: string) =>
      ev(unit, { type: 'purchase', order_id: order, value_minor: value, currency });
    await first.store.append([exposure('u1', 0), buy('u1', 'o1', 15000, 'JPY'), exposure('u2', 1)]);
    await first.store.append([buy('u2', 'o2', 15000, 'USD'), buy('u2', 'o2', 15000, 'EUR')]); // o2 twice
    await first.store.append([buy('u1', 'o3', 700)]); // a value, no currency
    first.store.catchUp();
    await first.store.append([exposure('u3', 1), buy('u3', 'o4', 300, 'USD')]); // left unfolded
    await closeStore(first);
    // the file as the previous version left it: no orders.currency, no experiment_revenue, the
    // revenue in experiment_counts, counts version 2
    const old = new Database(join(first.dataDir, 'vitrine.sqlite'));
    old.exec(`ALTER TABLE orders DROP COLUMN currency; DROP TABLE experiment_revenue;
      UPDATE experiment_counts SET revenue_minor = CASE bucket WHEN 0 THEN 15700 WHEN 1 THEN 15000 ELSE 0 END;
      UPDATE meta SET value = 2 WHERE key = 'counts_version';`);
    old.close();

    const { db, store } = openStore(first.dataDir);
    expect(db.prepare('SELECT order_id, currency FROM orders ORDER BY order_id').all()).toEqual([
      { order_id: 'o1', currency: 'JPY' },
      { order_id: 'o2', currency: 'USD' }, // its first report
      { order_id: 'o3', currency: null },
    ]);
    const counts = await store.counts('demo', 'x');
    expect(counts?.revenue_by_currency).toEqual([
      { variation: 0, currency: null, orders: 1, revenue_minor: 700 },
      { variation: 0, currency: 'JPY', orders: 1, revenue_minor: 15000 },
      { variation: 1, currency: 'USD', orders: 2, revenue_minor: 15300 },
    ]);
    expect(counts?.variations.map((v) => v.revenue_minor)).toEqual([15700, 15300]);
    expect(counts).toEqual(store.recount('demo', 'x'));
    // a second opening changes nothing
    await closeStore({ db, store });
    const again = openStore(first.dataDir);
    expect(await again.store.counts('demo', 'x')).toEqual(counts);
  });

  it('moves a file with the earlier per-event table into the log, keeping seq, ids and aggregates', async () => {
    const dataDir = tempDir('vitrine-log-migrate-');
    const ids = [uuidv7(NOW), uuidv7(NOW), uuidv7(NOW)];
    const old = new Database(join(dataDir, 'vitrine.sqlite'));
    old.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, site TEXT NOT NULL,
        type TEXT NOT NULL, ts INTEGER NOT NULL, received_at INTEGER NOT NULL, anonymous_id TEXT NOT NULL,
        user_id TEXT, session_id TEXT, experiment TEXT, variation INTEGER, product_id TEXT, quantity INTEGER,
        value_minor INTEGER, currency TEXT, order_id TEXT, is_bot INTEGER NOT NULL, ip TEXT, source TEXT NOT NULL,
        extra TEXT);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);`);
    const insert = old.prepare(
      `INSERT INTO events (seq, event_id, site, type, ts, received_at, anonymous_id, experiment, variation, order_id,
         value_minor, is_bot, ip, source, extra) VALUES (?, ?, 'demo', ?, ?, ?, ?, ?, ?, ?, ?, 0, '127.0.0.0', 'beacon', ?)`,
    );
    insert.run(
      3,
      ids[0],
      'exposure',
      NOW - 3000,
      NOW,
      'u1',
      'x',
      1,
      null,
      null,
      '{"page":{"path":"/p"},"sdk":{"name":"v","version":"1"},"bot":true}',
    );
    insert.run(5, ids[1], 'purchase', NOW - 2000, NOW, 'u1', null, null, 'o-1', 1200, null);
    insert.run(9, ids[2], 'exposure', NOW - 1000, NOW + 1, 'u2', 'x', 0, null, null, null);
    old.close();

    const { db, store } = openStore(dataDir);
    expect(
      db.prepare("SELECT type FROM sqlite_master WHERE name = 'events'").pluck(true).get(),
      'events is a view now',
    ).toBe('view');
    expect(db.prepare('SELECT seq FROM ingest_log ORDER BY seq').pluck(true).all()).toEqual([3, 5, 9]);
    expect(
      db
        .prepare(
          'SELECT event_id, type, anonymous_id, experiment, variation, order_id, value_minor, page_path, sdk_name, sdk_version, bot FROM events',
        )
        .all(),
    ).toEqual([
      {
        event_id: ids[0],
        type: 'exposure',
        anonymous_id: 'u1',
        experiment: 'x',
        variation: 1,
        order_id: null,
        value_minor: null,
        page_path: '/p',
        sdk_name: 'v',
        sdk_version: '1',
        bot: 'true',
      },
      {
        event_id: ids[1],
        type: 'purchase',
        anonymous_id: 'u1',
        experiment: null,
        variation: null,
        order_id: 'o-1',
        value_minor: 1200,
        page_path: null,
        sdk_name: null,
        sdk_version: null,
        bot: null,
      },
      {
        event_id: ids[2],
        type: 'exposure',
        anonymous_id: 'u2',
        experiment: 'x',
        variation: 0,
        order_id: null,
        value_minor: null,
        page_path: null,
        sdk_name: null,
        sdk_version: null,
        bot: null,
      },
    ]);
    expect(await store.append([{ ...exposure('u1', 1), event_id: ids[0]! }])).toEqual({ accepted: 0, duplicates: 1 });
    const counts = await store.counts('demo', 'x');
    expect(counts?.variations.map((v) => [v.variation, v.units, v.purchase, v.revenue_minor])).toEqual([
      [0, 1, 0, 0],
      [1, 1, 1, 1200],
    ]);
    expect(await store.eraseUnit('u1')).toBe(2);
    expect(db.prepare('SELECT anonymous_id FROM events').pluck(true).all()).toEqual(['u2']);
  });
});
