// Bad beacons never break the collector and never cost a good event: random bodies and random
// damage to real events, sent to POST /v1/batch, get a clear 4xx (never a 500), and exactly the
// events the answer accepts are stored, each as it was sent, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createServer, type Collector } from '../src/index.js';
import { ADMIN, BROWSER_UA, NOW, SERVER_KEY, event, tempDir, uuidv7 } from './helpers.js';

let collector: Collector;
let db: Database.Database;

beforeAll(() => {
  const dataDir = tempDir();
  collector = createServer({ dataDir, adminToken: ADMIN, serverKey: SERVER_KEY, now: () => NOW, rateLimit: 0 });
  db = new Database(join(dataDir, 'vitrine.sqlite'), { readonly: true });
});
afterAll(async () => {
  db?.close();
  await collector?.close();
});

const post = (body: string) =>
  collector.app.inject({
    method: 'POST',
    url: '/v1/batch',
    payload: body,
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': BROWSER_UA },
  });

interface Answer {
  accepted?: number;
  duplicates?: number;
  rejected?: { index: number; reason: string }[];
  error?: string;
}

/** Any JSON value, with the strings and numbers validators trip on. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('', ' ', '\u0000', 'x'.repeat(300), '__proto__', '/p?q=1', 'NaN', '7', -1, 1e21, 2 ** 53, -0, 0.5),
  fc.string({ unit: 'binary', maxLength: 80 }),
);

/** Every field an event may carry (from one that has them all), and two that none should. */
const FIELDS = [
  ...Object.keys(
    event({
      user_id: 'u',
      session_id: 's',
      experiment: 'e',
      variation: 1,
      product_id: 'p',
      quantity: 1,
      value_minor: 1,
      currency: 'CNY',
      order_id: 'o',
      props: { a: 1 },
      bot: false,
    }),
  ),
  '__proto__',
  'extra',
];

/** A valid event (about half), one with a field replaced or deleted, or (one in ten) no event at all. */
const damaged = fc.record({
  type: fc.constantFrom('product_view', 'add_to_cart', 'exposure', 'purchase'),
  damage: fc.oneof(
    fc.constant(undefined),
    fc.record({ field: fc.constantFrom(...FIELDS), value: fc.option(junk, { nil: undefined }) }),
  ),
  raw: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk }),
});

function build(spec: { type: string; damage?: { field: string; value: unknown }; raw?: unknown }): unknown {
  if (spec.raw !== undefined) return spec.raw;
  const e = event({
    event_id: uuidv7(NOW),
    type: spec.type,
    anonymous_id: `fuzz-${uuidv7(NOW).slice(-12)}`,
    ...(spec.type === 'exposure' ? { experiment: 'fuzz', variation: 1 } : {}),
    ...(spec.type === 'purchase' ? { order_id: 'o-1', value_minor: 1299, currency: 'CNY' } : {}),
  });
  if (spec.damage) {
    if (spec.damage.value === undefined) delete e[spec.damage.field];
    else Object.defineProperty(e, spec.damage.field, { value: spec.damage.value, enumerable: true });
  }
  return e;
}

/** The stored events among `ids` (each id that is stored more than once fails the test). */
function stored(ids: string[]): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  if (!ids.length) return found;
  const rows = db
    .prepare(`SELECT event_id, type, anonymous_id, ts FROM events WHERE event_id IN (${ids.map(() => '?').join()})`)
    .all(...ids) as Record<string, unknown>[];
  for (const row of rows) {
    expect(found.has(row.event_id as string), `${row.event_id} stored once`).toBe(false);
    found.set(row.event_id as string, row);
  }
  return found;
}

describe('POST /v1/batch under random input', () => {
  it('answers any body with 200, 400, 413 or 422 (never a 500) and keeps working', async () => {
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({ v: junk, site: junk, events: fc.oneof(junk, fc.array(junk, { maxLength: 5 })) })
        .map((o) => JSON.stringify(o)),
      fc
        .tuple(fc.array(damaged, { minLength: 1, maxLength: 5 }), fc.nat({ max: 400 }))
        // an envelope cut anywhere
        .map(([specs, end]) => JSON.stringify({ v: 1, site: 'demo', events: specs.map(build) }).slice(0, end)),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await post(body);
        expect([200, 400, 413, 422]).toContain(res.statusCode);
        const answer = res.json() as Answer;
        if (res.statusCode === 400 || res.statusCode === 413) expect(answer.error).toMatch(/\w/);
      }),
      { numRuns: 300 },
    );
    expect((await collector.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('stores exactly the events it accepts, as sent, once; a rejected event is never stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(damaged, { minLength: 1, maxLength: 30 }), async (specs) => {
        const events = specs.map(build);
        const res = await post(JSON.stringify({ v: 1, site: 'demo', sent_at: NOW, events }));
        expect([200, 422]).toContain(res.statusCode);
        const answer = res.json() as Required<Pick<Answer, 'accepted' | 'duplicates'>> & Answer;
        // a 200 lists no rejections
        const reasons = answer.rejected ?? [];
        const rejected = new Set(reasons.map((r) => r.index));
        expect(reasons.every((r) => typeof r.reason === 'string' && r.reason.length > 0)).toBe(true);
        expect(answer.accepted + answer.duplicates + rejected.size).toBe(events.length);
        expect(res.statusCode).toBe(rejected.size ? 422 : 200);
        // Every id sent as a string: the accepted ones are stored with what was sent, the rest are not.
        const ids = events.flatMap((e, i) =>
          e && typeof e === 'object' && typeof (e as { event_id?: unknown }).event_id === 'string'
            ? [{ i, id: ((e as { event_id: string }).event_id as string).toLowerCase() }]
            : [],
        );
        const kept = stored(ids.map((x) => x.id));
        for (const { i, id } of ids) {
          const sent = events[i] as Record<string, unknown>;
          if (rejected.has(i)) {
            expect(kept.has(id), `rejected event ${i} (${reasons.find((r) => r.index === i)?.reason})`).toBe(false);
            continue;
          }
          const row = kept.get(id)!;
          expect(row, `accepted event ${i} is stored`).toBeDefined();
          expect([row.type, row.anonymous_id, row.ts]).toEqual([sent.type, sent.anonymous_id, sent.ts]);
        }
        // a second delivery of the same batch (a beacon retried) stores nothing more
        const again = (await post(JSON.stringify({ v: 1, site: 'demo', sent_at: NOW, events }))).json() as Answer;
        expect([again.accepted, again.duplicates]).toEqual([0, answer.accepted]);
      }),
      { numRuns: 150 },
    );
  });
});
