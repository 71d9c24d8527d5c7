/**
 * Parity: the same requests through a collector on the SQLite store and one on the ClickHouse
 * store give the same answers — every POST /v1/batch body (accepted, duplicates, rejected), every
 * results JSON to the last digit, before and after ClickHouse merges, and after an erasure.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Collector } from '../index.js';
import { ClickHouseEventStore } from './store.js';
import { ADMIN, BROWSER_UA, NOW, SERVER_KEY, body, traffic, type Request } from './test-utils/events.js';
import { databaseUrl, startClickHouse, type LocalClickHouse } from './test-utils/server.js';

let clickhouse: LocalClickHouse;
beforeAll(async () => {
  clickhouse = await startClickHouse();
}, 240_000);
afterAll(async () => {
  await clickhouse?.stop();
});

const CONFIG = {
  v: 1,
  site: 'demo',
  experiments: [
    { key: 'spec-vs-guide', variations: ['table', 'guide'], weights: [0.5, 0.5] },
    { key: 'hero-copy', variations: ['plain', 'bold', 'story'], weights: [0.5, 0.25, 0.25] },
  ],
};

interface Pair {
  sqlite: Collector;
  clickhouse: Collector;
  store: ClickHouseEventStore;
  close(): Promise<void>;
}

/** Both collectors' clock (config changes are audited at its time). */
let clock = NOW;

async function pair(): Promise<Pair> {
  clock = NOW;
  const common = {
    adminToken: ADMIN,
    serverKey: SERVER_KEY,
    now: () => clock,
    rateLimit: 0,
    durability: 'normal' as const,
  };
  const sqlite = createServer({ ...common, dataDir: mkdtempSync(join(tmpdir(), 'vitrine-parity-sqlite-')) });
  const store = await ClickHouseEventStore.open({ url: databaseUrl(clickhouse, 'parity') });
  const ch = createServer({ ...common, dataDir: mkdtempSync(join(tmpdir(), 'vitrine-parity-ch-')), store });
  return {
    sqlite,
    clickhouse: ch,
    store,
    close: async () => {
      await sqlite.close();
      await ch.close();
    },
  };
}

function send(collector: Collector, request: Request) {
  return collector.app.inject({
    method: 'POST',
    url: '/v1/batch',
    payload: body(request),
    headers: {
      'content-type': 'text/plain;charset=UTF-8',
      'user-agent': request.ua ?? BROWSER_UA,
      ...(request.server ? { authorization: `Bearer ${SERVER_KEY}` } : {}),
    },
  });
}

async function get(collector: Collector, url: string) {
  const res = await collector.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as unknown };
}

const QUERIES = [
  '/v1/experiments/spec-vs-guide/results?site=demo',
  '/v1/experiments/hero-copy/results?site=demo',
  '/v1/experiments/spec-vs-guide/results?site=other',
  '/v1/experiments/hero-copy/results?site=other',
  '/v1/experiments/never-run/results?site=demo',
  '/v1/experiments/spec-vs-guide/results',
  '/v1/sites',
];

async function compareAll(p: Pair): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const url of QUERIES) {
    const [a, b] = [await get(p.sqlite, url), await get(p.clickhouse, url)];
    expect(b, url).toEqual(a);
    // the same JSON text, so the same digits
    expect(JSON.stringify(b.body), url).toBe(JSON.stringify(a.body));
    answers[url] = a.body;
  }
  return answers;
}

describe('ClickHouse store parity with the SQLite store', () => {
  it('answers every batch and every results query exactly like the SQLite store', async () => {
    const p = await pair();
    try {
      // hero-copy's weights change in the middle of the traffic (6 h to 1 h ago), 17 s into a minute
      const reweighted = structuredClone(CONFIG);
      reweighted.experiments[1]!.weights = [0.34, 0.33, 0.33];
      for (const [at, config] of [
        [NOW - 8 * 3_600_000, CONFIG],
        [NOW - 3 * 3_600_000 + 17_000, reweighted],
      ] as const) {
        clock = at;
        for (const c of [p.sqlite, p.clickhouse]) {
          const res = await c.app.inject({
            method: 'PUT',
            url: '/v1/config/demo',
            payload: JSON.stringify(config),
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
          });
          expect(res.statusCode).toBe(200);
        }
      }
      clock = NOW;
      const requests = traffic(15, 250);
      let duplicates = 0;
      let rejected = 0;
      for (const [i, request] of requests.entries()) {
        const [a, b] = await Promise.all([send(p.sqlite, request), send(p.clickhouse, request)]);
        expect({ i, status: b.statusCode, body: b.json() }).toEqual({ i, status: a.statusCode, body: a.json() });
        const answer = a.json() as { duplicates: number; rejected?: unknown[] };
        duplicates += answer.duplicates;
        rejected += answer.rejected?.length ?? 0;
      }
      // the set really exercises replays and rejections
      expect(duplicates).toBeGreaterThan(100);
      expect(rejected).toBeGreaterThan(0);

      const answers = await compareAll(p);
      type Results = {
        variations: { units: number; funnel: Record<string, number>; revenue_per_unit_minor: number }[];
        multi_exposed_units: number;
        bot_units: number;
      };
      const main = answers['/v1/experiments/spec-vs-guide/results?site=demo'] as Results;
      // not a trivial agreement on empty results
      expect(main.variations.every((v) => v.units > 50 && v.funnel.purchase > 0 && v.revenue_per_unit_minor > 0)).toBe(
        true,
      );
      expect(main.multi_exposed_units).toBeGreaterThan(0);
      expect(main.bot_units).toBeGreaterThan(0);
      const hero = answers['/v1/experiments/hero-copy/results?site=demo'] as Results & { weight_periods: number };
      expect(hero.variations).toHaveLength(3);
      expect(hero.weight_periods).toBe(2);

      // ClickHouse deduplicates on its own schedule; results must not change when it does
      const [{ n: before }] = await p.store.http.rows<{ n: number }>(`SELECT count() AS n FROM ${p.store.table}`);
      await p.store.http.exec(`OPTIMIZE TABLE ${p.store.table} FINAL`);
      expect(await compareAll(p)).toEqual(answers);

      // erasure: same answer, same results afterwards
      const unit = requests
        .find((r) => r.site === 'demo' && r.events.some((e) => e.type === 'purchase'))!
        .events.find((e) => e.type === 'purchase')!.anonymous_id as string;
      const erase = async (c: Collector) =>
        c.app.inject({
          method: 'DELETE',
          url: `/v1/units/${encodeURIComponent(unit)}`,
          headers: { authorization: `Bearer ${ADMIN}` },
        });
      const [ea, eb] = [await erase(p.sqlite), await erase(p.clickhouse)];
      expect(eb.json()).toEqual(ea.json());
      expect((ea.json() as { erased: number }).erased).toBeGreaterThan(0);
      const afterErase = await compareAll(p);
      expect(afterErase).not.toEqual(answers);
      const [{ n: after }] = await p.store.http.rows<{ n: number }>(`SELECT count() AS n FROM ${p.store.table}`);
      expect(after).toBeLessThan(before!);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('gives the same answers when batches arrive concurrently', async () => {
    const p = await pair();
    try {
      const requests = traffic(99, 150).filter((r) => !r.events.some((e) => e.event_id === 'not-a-uuid'));
      // distinct event ids across the concurrent requests, so which request "owns" an id cannot differ
      const seen = new Set<string>();
      const distinct = requests
        .map((r) => ({
          ...r,
          events: r.events.filter((e) => !seen.has(e.event_id as string) && !!seen.add(e.event_id as string)),
        }))
        .filter((r) => r.events.length > 0);
      for (let i = 0; i < distinct.length; i += 8) {
        const chunk = distinct.slice(i, i + 8);
        const [a, b] = await Promise.all([
          Promise.all(chunk.map((r) => send(p.sqlite, r))),
          Promise.all(chunk.map((r) => send(p.clickhouse, r))),
        ]);
        expect(b.map((r) => r.json())).toEqual(a.map((r) => r.json()));
      }
      const answers = await compareAll(p);
      expect(
        (answers['/v1/experiments/spec-vs-guide/results?site=demo'] as { variations: unknown[] }).variations,
      ).toHaveLength(2);
    } finally {
      await p.close();
    }
  }, 120_000);
});
