import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer, optionsFromEnv, type Collector, type CollectorOptions, type EventStore } from '../src/index.js';
import { ADMIN, BROWSER_UA, NOW, SERVER_KEY, batch, event, tempDir, uuidv7 } from './helpers.js';

let collector: Collector;
let dataDir: string;
let clock = NOW;

function start(options: CollectorOptions = {}): Collector {
  dataDir = tempDir();
  collector = createServer({ dataDir, adminToken: ADMIN, serverKey: SERVER_KEY, now: () => clock, ...options });
  return collector;
}

function post(body: string, headers: Record<string, string> = {}) {
  return collector.app.inject({
    method: 'POST',
    url: '/v1/batch',
    payload: body,
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA, ...headers },
  });
}

function rows(sql: string, ...params: unknown[]): Record<string, unknown>[] {
  const db = new Database(join(dataDir, 'vitrine.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

beforeEach(() => {
  clock = NOW;
});
afterEach(async () => {
  await collector?.close();
});

describe('POST /v1/batch', () => {
  it('stores a valid batch and answers 200 after the commit', async () => {
    start();
    const events = [
      event(),
      event({ type: 'add_to_cart', product_id: 'kettle', quantity: 1, value_minor: 4900, currency: 'CNY' }),
    ];
    const res = await post(batch(events));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 2, duplicates: 0 });
    const stored = rows('SELECT event_id, type, received_at, is_bot, ip, source FROM events ORDER BY type');
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      type: 'add_to_cart',
      received_at: NOW,
      is_bot: 0,
      ip: '127.0.0.0',
      source: 'beacon',
    });
  });

  it('accepts application/json too', async () => {
    start();
    const res = await post(batch([event()]), { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(200);
  });

  it('stores a replayed event_id once and reports it as a duplicate', async () => {
    start();
    const events = [event(), event()];
    expect((await post(batch(events))).json()).toEqual({ accepted: 2, duplicates: 0 });
    const replay = await post(batch([...events, event()]));
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual({ accepted: 1, duplicates: 2 });
    // the same id twice within one batch
    const twin = event();
    expect((await post(batch([twin, twin]))).json()).toEqual({ accepted: 1, duplicates: 1 });
    expect(rows('SELECT count(*) AS n FROM events')[0]!.n).toBe(4);
  });

  it('dedupes concurrent replays that land in the same group commit', async () => {
    start();
    const events = Array.from({ length: 50 }, () => event());
    const answers = await Promise.all([post(batch(events)), post(batch(events)), post(batch(events))]);
    const total = answers.map((a) => a.json() as { accepted: number; duplicates: number });
    expect(total.reduce((s, a) => s + a.accepted, 0)).toBe(50);
    expect(total.reduce((s, a) => s + a.duplicates, 0)).toBe(100);
    expect(rows('SELECT count(*) AS n FROM events')[0]!.n).toBe(50);
  });

  it('answers 422 for a mixed batch with per-event reasons, and stores the valid events', async () => {
    start();
    const good = event();
    const res = await post(
      batch([
        good,
        event({ event_id: 'not-a-uuid' }),
        event({ ts: NOW - 73 * 3600 * 1000 }),
        event({ ts: NOW + 6 * 60 * 1000 }),
        event({ type: 'exposure' }),
        event({ type: 'Add To Cart' }),
        event({ anonymous_id: 'x'.repeat(65) }),
        event({ page: { path: '/p?utm=1' } }),
        event({ props: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }),
        event({ currency: 'yuan' }),
        event({ sdk: undefined }),
        'not an object',
      ]),
    );
    expect(res.statusCode).toBe(422);
    const body = res.json() as { accepted: number; duplicates: number; rejected: { index: number; reason: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.duplicates).toBe(0);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(body.rejected[0]!.reason).toMatch(/event_id/);
    expect(body.rejected[1]!.reason).toMatch(/72 h/);
    expect(body.rejected[2]!.reason).toMatch(/5 min/);
    expect(body.rejected[3]!.reason).toMatch(/experiment/);
    expect(body.rejected[6]!.reason).toMatch(/query string/);
    expect(rows('SELECT event_id FROM events')).toEqual([{ event_id: good.event_id }]);
  });

  it('rejects strings that are not well-formed Unicode (a lone surrogate) with a reason naming the field', async () => {
    start();
    const lone = 'anon-\ud800';
    const sent = [
      event({ anonymous_id: lone }),
      event({ user_id: '\udc00' }),
      event({ session_id: 's\ud83d' }),
      event({ page: { path: '/p/\udfff' } }),
      event({ type: 'exposure', experiment: 'x\ud800', variation: 0 }),
      event({ type: 'add_to_cart', product_id: '\ud800kettle' }),
      event({ type: 'purchase', order_id: 'o-\udbff' }),
      event({ props: { element: 'video', 'k\ud800': 1 } }),
      event({ props: { element: 'x\udc00' } }),
      event({ sdk: { name: 'vitrine\ud800', version: '1' } }),
      // well-formed: an emoji (a whole surrogate pair) anywhere is fine, and a long sdk name is cut
      // before a pair, never inside it
      event({ anonymous_id: 'anon-🧪', props: { element: '🧪' }, sdk: { name: 'n'.repeat(63) + '🧪', version: '1' } }),
    ];
    const res = await post(batch(sent));
    expect(res.statusCode).toBe(422);
    const body = res.json() as { accepted: number; rejected: { index: number; reason: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected).toEqual([
      { index: 0, reason: 'anonymous_id must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 1, reason: 'user_id must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 2, reason: 'session_id must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 3, reason: 'page.path must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 4, reason: 'experiment must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 5, reason: 'product_id must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 6, reason: 'order_id must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 7, reason: 'props.k\ufffd must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 8, reason: 'props.element must be well-formed Unicode (it holds a lone surrogate)' },
      { index: 9, reason: 'sdk must be well-formed Unicode (it holds a lone surrogate)' },
    ]);
    const [stored] = rows('SELECT anonymous_id, sdk_name FROM events') as { anonymous_id: string; sdk_name: string }[];
    expect(stored!.anonymous_id).toBe('anon-🧪');
    expect(stored!.sdk_name).toBe('n'.repeat(63));
    // whatever was stored can be erased through the API
    const erase = await collector.app.inject({
      method: 'DELETE',
      url: `/v1/units/${encodeURIComponent(stored!.anonymous_id)}`,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(erase.json()).toEqual({ erased: 1 });
  });

  it("moves a beacon batch's times onto the collector's clock by received_at − sent_at, checked after", async () => {
    start();
    const envelope = (events: unknown[], sentAt: unknown) =>
      JSON.stringify({ v: 1, site: 'demo', sent_at: sentAt, events });
    const ts = (unit: string) =>
      (rows('SELECT ts FROM events WHERE anonymous_id = ?', unit)[0] as { ts: number } | undefined)?.ts;
    // a phone 3 min fast: its times come back 3 min (and the transit time, here 0)
    const fast = 3 * 60_000;
    expect(
      (await post(envelope([event({ anonymous_id: 'fast', ts: NOW + fast - 5000 })], NOW + fast))).statusCode,
    ).toBe(200);
    expect(ts('fast')).toBe(NOW - 5000);
    // 10 min fast: its events were refused as "more than 5 min ahead" and lost; now they are taken
    const tenFast = await post(envelope([event({ anonymous_id: 'ten', ts: NOW + 600_000 - 1000 })], NOW + 600_000));
    expect(tenFast.statusCode).toBe(200);
    expect(ts('ten')).toBe(NOW - 1000);
    // a clock 2 h slow whose event waited offline 71 h: 73 h old as stamped, 71 h old in fact
    const slow = 2 * 3_600_000;
    const offline = await post(
      envelope([event({ anonymous_id: 'slow', ts: NOW - slow - 71 * 3_600_000 })], NOW - slow),
    );
    expect(offline.statusCode).toBe(200);
    expect(ts('slow')).toBe(NOW - 71 * 3_600_000);
    // the checks apply to the corrected time: an event stamped 6 min after its own batch was sent
    const after = await post(envelope([event({ anonymous_id: 'later', ts: NOW - fast + 360_000 })], NOW - fast));
    expect(after.json().rejected[0].reason).toBe('ts is more than 5 min ahead of the collector clock');
    // no correction without an integer sent_at, beyond a day of difference, or with the server key
    for (const [unit, sentAt] of [
      ['none', undefined],
      ['text', 'yesterday'],
      ['float', NOW - 1000.5],
      ['seconds', Math.floor(NOW / 1000)],
      ['dayplus', NOW - 24 * 3_600_000 - 1],
    ] as const) {
      const res = await post(envelope([event({ anonymous_id: unit, ts: NOW - 2000 })], sentAt));
      expect(res.statusCode, unit).toBe(200);
      expect(ts(unit), unit).toBe(NOW - 2000);
    }
    const server = await post(envelope([event({ anonymous_id: 'server', ts: NOW - 2000 })], NOW - 60_000), {
      authorization: `Bearer ${SERVER_KEY}`,
    });
    expect(server.statusCode).toBe(200);
    expect(ts('server')).toBe(NOW - 2000);
  });

  it('answers 400 for a malformed envelope', async () => {
    start();
    expect((await post('{not json')).statusCode).toBe(400);
    expect((await post(JSON.stringify({ v: 2, site: 'demo', events: [event()] }))).statusCode).toBe(400);
    expect((await post(JSON.stringify({ v: 1, site: 'demo' }))).statusCode).toBe(400);
    expect((await post(JSON.stringify({ v: 1, site: 'demo', events: [] }))).statusCode).toBe(400);
    expect((await post(JSON.stringify([1, 2]))).statusCode).toBe(400);
    expect((await post('')).statusCode).toBe(400);
    const res = await post(JSON.stringify({ v: 1, events: [event()] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/site/);
  });

  it('answers 403 for a site outside VITRINE_SITES', async () => {
    start({ sites: ['demo', 'shop'] });
    expect((await post(batch([event()], 'other'))).statusCode).toBe(403);
    expect((await post(batch([event()], 'shop'))).statusCode).toBe(200);
  });

  it('answers 413 above 64 KiB or 100 events', async () => {
    start();
    const many = Array.from({ length: 101 }, () => event());
    expect((await post(batch(many))).statusCode).toBe(413);
    const big = batch([
      event({ props: { blob: 'x'.repeat(200) } }),
      ...Array.from({ length: 99 }, () => event({ page: { path: '/' + 'p'.repeat(500) } })),
    ]);
    expect(Buffer.byteLength(big)).toBeGreaterThan(64 * 1024);
    expect((await post(big)).statusCode).toBe(413);
    expect(rows('SELECT count(*) AS n FROM events')[0]!.n).toBe(0);
  });

  it('answers 415 for other content types', async () => {
    start();
    const res = await post(batch([event()]), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    const form = await post(batch([event()]), { 'content-type': 'multipart/form-data; boundary=x' });
    expect(form.statusCode).toBe(415);
  });

  it('reads a body that starts with a UTF-8 byte-order mark', async () => {
    start();
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(batch([event()]))]);
    const res = await post(bom as unknown as string);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const config = { v: 1, site: 'demo', experiments: [{ key: 'x', variations: ['a', 'b'] }] };
    const put = await collector.app.inject({
      method: 'PUT',
      url: '/v1/config/demo',
      payload: `\ufeff${JSON.stringify(config)}`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    });
    expect(put.statusCode).toBe(200);
  });

  it('answers 415 naming a content encoding it does not decode, or a charset other than UTF-8', async () => {
    start();
    const body = batch([event()]);
    const gzipped = await post(gzipSync(body) as unknown as string, { 'content-encoding': 'gzip' });
    expect(gzipped.statusCode).toBe(415);
    expect(gzipped.json().error).toBe('Content-Encoding "gzip" is not supported: send the body uncompressed');
    expect(gzipped.headers['access-control-allow-origin']).toBe('*'); // a page can read why
    expect((await post(body, { 'content-encoding': 'br' })).json().error).toMatch(/"br"/);
    const latin1 = await post(body, { 'content-type': 'text/plain; charset=ISO-8859-1' });
    expect(latin1.statusCode).toBe(415);
    expect(latin1.json().error).toBe('charset "ISO-8859-1" is not supported: send the body as UTF-8');
    const put = await collector.app.inject({
      method: 'PUT',
      url: '/v1/config/demo',
      payload: '{}',
      headers: { 'content-type': 'application/json; charset=utf-16', authorization: `Bearer ${ADMIN}` },
    });
    expect(put.statusCode).toBe(415);
    expect(put.json().error).toMatch(/charset "utf-16"/);
    // what is UTF-8 (in any spelling) and not encoded is read
    for (const headers of [
      { 'content-encoding': 'identity' },
      { 'content-type': 'text/plain; charset="utf-8"' },
      { 'content-type': 'application/json;charset=UTF8' },
      { 'content-type': 'text/plain' },
    ])
      expect((await post(batch([event()]), headers)).statusCode, JSON.stringify(headers)).toBe(200);
    expect(rows('SELECT count(*) AS n FROM events')[0]!.n).toBe(4);
  });

  it('answers 429 with Retry-After over the per-IP rate limit, and refills over time', async () => {
    start({ rateLimit: 300 });
    const hundred = () => batch(Array.from({ length: 100 }, () => event()));
    for (let i = 0; i < 3; i++) expect((await post(hundred())).statusCode).toBe(200);
    const limited = await post(hundred());
    expect(limited.statusCode).toBe(429);
    const wait = Number(limited.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    // another address has its own budget
    const other = await collector.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: hundred(),
      remoteAddress: '203.0.113.7',
      headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
    });
    expect(other.statusCode).toBe(200);
    clock += wait * 1000;
    expect((await post(hundred())).statusCode).toBe(200);
  });

  it('does not rate-limit when VITRINE_RATE_LIMIT is 0', async () => {
    start({ rateLimit: 0 });
    for (let i = 0; i < 5; i++)
      expect((await post(batch(Array.from({ length: 100 }, () => event())))).statusCode).toBe(200);
  });

  it('takes server-to-server events with the server key: larger limits, no rate limit, no IP', async () => {
    start({ rateLimit: 100 });
    const purchases = Array.from({ length: 300 }, (_, i) =>
      event({ type: 'purchase', order_id: `order-${i}`, value_minor: 9900, currency: 'CNY' }),
    );
    const res = await post(batch(purchases), { authorization: `Bearer ${SERVER_KEY}`, 'user-agent': 'node-fetch/3' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 300, duplicates: 0 });
    expect(rows('SELECT DISTINCT source, ip, is_bot FROM events')).toEqual([{ source: 'server', ip: null, is_bot: 0 }]);
    // without the key the same batch is too large for a beacon
    expect((await post(batch(purchases))).statusCode).toBe(413);
    // a wrong key is refused outright
    const wrong = await post(batch([event()]), { authorization: 'Bearer nope' });
    expect(wrong.statusCode).toBe(401);
  });

  it('treats only the Bearer scheme as a server key: a beacon through HTTP basic auth is a beacon', async () => {
    start();
    // a staging shop behind basic auth: the browser attaches its credentials to the beacon
    const basic = await post(batch([event()]), { authorization: `Basic ${Buffer.from('shop:pw').toString('base64')}` });
    expect(basic.statusCode).toBe(200);
    expect(basic.json()).toEqual({ accepted: 1, duplicates: 0 });
    expect((await post(batch([event()]), { authorization: 'Digest username="shop"' })).statusCode).toBe(200);
    expect(rows('SELECT DISTINCT source, ip FROM events')).toEqual([{ source: 'beacon', ip: '127.0.0.0' }]);
    // Bearer in any case is a server-key attempt: a wrong or missing key stays a loud 401
    for (const authorization of ['Bearer nope', 'bearer nope', 'Bearer', 'Bearer a b'])
      expect((await post(batch([event()]), { authorization })).statusCode, authorization).toBe(401);
    // and basic auth is no admin token either
    const erase = await collector.app.inject({
      method: 'DELETE',
      url: '/v1/units/anon-1',
      headers: { authorization: `Basic ${Buffer.from(`x:${ADMIN}`).toString('base64')}` },
    });
    expect(erase.statusCode).toBe(401);
  });

  it('flags bots from the client hint and from the user agent', async () => {
    start();
    await post(batch([event({ anonymous_id: 'hinted', bot: true })]));
    await post(batch([event({ anonymous_id: 'crawler' })]), {
      'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)',
    });
    await post(batch([event({ anonymous_id: 'human' })]));
    expect(rows('SELECT anonymous_id, is_bot FROM events ORDER BY anonymous_id')).toEqual([
      { anonymous_id: 'crawler', is_bot: 1 },
      { anonymous_id: 'hinted', is_bot: 1 },
      { anonymous_id: 'human', is_bot: 0 },
    ]);
  });

  it('stores truncated addresses only', async () => {
    start();
    const v4 = await collector.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: batch([event({ anonymous_id: 'v4' })]),
      remoteAddress: '198.51.100.77',
      headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
    });
    const v6 = await collector.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: batch([event({ anonymous_id: 'v6' })]),
      remoteAddress: '2001:db8:85a3:8d3:1319:8a2e:370:7348',
      headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
    });
    expect([v4.statusCode, v6.statusCode]).toEqual([200, 200]);
    expect(rows('SELECT anonymous_id, ip FROM events ORDER BY anonymous_id')).toEqual([
      { anonymous_id: 'v4', ip: '198.51.100.0' },
      { anonymous_id: 'v6', ip: '2001:db8:85a3::' },
    ]);
  });

  it('answers CORS for beacons and preflights', async () => {
    start();
    const res = await post(batch([event()]), { origin: 'https://shop.example' });
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
    const preflight = await collector.app.inject({
      method: 'OPTIONS',
      url: '/v1/batch',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
  });
});

describe('erasure, retention, health', () => {
  it('DELETE /v1/units/:id needs the admin token and erases every event of that shopper', async () => {
    start();
    await post(
      batch([
        event({ anonymous_id: 'erase-me' }),
        event({ anonymous_id: 'erase-me', type: 'exposure', experiment: 'e', variation: 1 }),
        event({ anonymous_id: 'keep-me' }),
      ]),
    );
    expect((await collector.app.inject({ method: 'DELETE', url: '/v1/units/erase-me' })).statusCode).toBe(401);
    expect(
      (
        await collector.app.inject({
          method: 'DELETE',
          url: '/v1/units/erase-me',
          headers: { authorization: 'Bearer wrong' },
        })
      ).statusCode,
    ).toBe(401);
    const res = await collector.app.inject({
      method: 'DELETE',
      url: '/v1/units/erase-me',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ erased: 2 });
    expect(rows('SELECT anonymous_id FROM events')).toEqual([{ anonymous_id: 'keep-me' }]);
    expect(rows("SELECT count(*) AS n FROM exposures WHERE unit = 'erase-me'")[0]!.n).toBe(0);
    expect(rows("SELECT count(*) AS n FROM units WHERE unit = 'erase-me'")[0]!.n).toBe(0);
  });

  it('refuses a retention too short to drop re-sent copies, with a clear error', () => {
    for (const retentionDays of [1, 3.9, -1, Number.NaN])
      expect(() => createServer({ dataDir: tempDir(), retentionDays })).toThrow(
        /retention must be 0 \(keep everything\) or at least 4 days/,
      );
    expect(() => optionsFromEnv({ VITRINE_RETENTION_DAYS: '2' })).toThrow(
      /VITRINE_RETENTION_DAYS must be 0 .* ≥ 4, got "2"/,
    );
    expect(optionsFromEnv({ VITRINE_RETENTION_DAYS: '0' }).options.retentionDays).toBe(0);
  });

  it('drops events older than the retention period', async () => {
    start({ retentionDays: 4 });
    await post(batch([event({ anonymous_id: 'old' })]));
    clock += 2 * 86_400_000;
    await post(batch([event({ anonymous_id: 'new', ts: clock - 1000 })]));
    const removed = await collector.store.applyRetention(clock - 86_400_000);
    expect(removed).toBe(1);
    expect(rows('SELECT anonymous_id FROM events')).toEqual([{ anonymous_id: 'new' }]);
    expect(rows('SELECT unit FROM units')).toEqual([{ unit: 'new' }]);
  });

  it('GET /healthz answers 200 when the store is writable', async () => {
    start();
    const res = await collector.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, store: 'sqlite' });
  });

  it('GET /healthz answers 503 when the store cannot write', async () => {
    start();
    const broken = createServer({
      dataDir: tempDir(),
      adminToken: ADMIN,
      serverKey: SERVER_KEY,
      store: Object.assign(Object.create(collector.store) as EventStore, {
        kind: 'broken',
        checkWritable: () => Promise.reject(new Error('disk full')),
        applyRetention: async () => 0,
        close: async () => {},
      }),
    });
    const res = await broken.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toBe('disk full');
    await broken.close();
  });

  it('fails with a clear error when the data folder is not writable', () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    expect(() => createServer({ dataDir: join(file, 'data') })).toThrow(
      /data folder .*a-file\/data is not writable.*VITRINE_DATA_DIR/,
    );
  });

  it('generates and keeps the admin token and server key when not given', async () => {
    const dir = tempDir();
    const first = createServer({ dataDir: dir });
    expect(first.adminToken).toMatch(/^[\w-]{32}$/);
    expect(first.serverKey).not.toBe(first.adminToken);
    await first.close();
    const second = createServer({ dataDir: dir });
    expect([second.adminToken, second.serverKey]).toEqual([first.adminToken, first.serverKey]);
    await second.close();
    collector = undefined as unknown as Collector;
  });
});

describe('over a real socket', () => {
  it('answers a beacon-style fetch and keeps the uuid ordering irrelevant', async () => {
    start();
    const url = await collector.listen({ port: 0 });
    const res = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      body: batch([event({ event_id: uuidv7(NOW - 5000) })]),
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
  });
});
