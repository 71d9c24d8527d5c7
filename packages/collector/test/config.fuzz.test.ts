// A growth team's bad config never reaches the shoppers: random damage to a real config, sent to
// PUT /v1/config/:site, is either saved whole (and served back as saved) or refused with 400/422
// and its reasons, leaving the served config, its ETag and the audit log as they were.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createServer, type Collector } from '../src/index.js';
import { ADMIN, NOW, SERVER_KEY, tempDir } from './helpers.js';

let collector: Collector;

beforeAll(() => {
  collector = createServer({ dataDir: tempDir(), adminToken: ADMIN, serverKey: SERVER_KEY, now: () => NOW });
});
afterAll(async () => {
  await collector?.close();
});

const inject = (options: Parameters<Collector['app']['inject']>[0]) => collector.app.inject(options);
const read = async () => {
  const res = await inject({ method: 'GET', url: '/v1/config/demo' });
  return { config: res.json() as unknown, etag: res.headers.etag };
};
const audits = async () =>
  ((await inject({ method: 'GET', url: '/v1/audit/demo' })).json().entries as unknown[]).length;

const VALID = {
  v: 1,
  site: 'demo',
  experiments: [
    { key: 'spec-vs-guide', variations: ['table', 'guide'], weights: [0.5, 0.5], coverage: 1, status: 'running' },
    { key: 'hero', variations: ['a', 'b', 'c'], status: 'paused', hashVersion: 2, seed: 's', hashAttribute: 'id' },
  ],
};

const junk = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('', 'running', 'Paused', -1, 0, 0.5, 1, 1.5, 2, 3, 1e300, [], {}, null, ['a'], ['a', 'a'], [0.5]),
);
const PATHS = [
  ['v'],
  ['site'],
  ['experiments'],
  ['experiments', 0],
  ['experiments', 0, 'key'],
  ['experiments', 0, 'variations'],
  ['experiments', 0, 'variations', 1],
  ['experiments', 0, 'weights'],
  ['experiments', 0, 'weights', 0],
  ['experiments', 0, 'coverage'],
  ['experiments', 0, 'status'],
  ['experiments', 1, 'key'],
  ['experiments', 1, 'hashVersion'],
  ['experiments', 1, 'seed'],
  ['experiments', 1, 'hashAttribute'],
  ['experiments', 1, 'bucketVersion'],
  ['experiments', 1, 'variations'],
  ['extra'],
] as const;

/** The valid config with up to three values replaced (or deleted, `undefined`). */
const damagedConfig = fc
  .array(fc.record({ path: fc.constantFrom(...PATHS), value: fc.option(junk, { nil: undefined }) }), { maxLength: 3 })
  .map((changes) => {
    const config = structuredClone(VALID) as Record<string, unknown>;
    for (const { path, value } of changes) {
      let at: unknown = config;
      for (const step of path.slice(0, -1)) at = at && typeof at === 'object' ? (at as never)[step] : undefined;
      if (!at || typeof at !== 'object') continue;
      const last = path.at(-1)!;
      if (value === undefined) delete (at as Record<string | number, unknown>)[last];
      else (at as Record<string | number, unknown>)[last] = value;
    }
    return config;
  });

describe('PUT /v1/config/:site under random damage', () => {
  it('saves a config whole or refuses it with its reasons, leaving what shoppers get as it was', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: damagedConfig.map((c) => JSON.stringify(c)) }, fc.string({ maxLength: 60 })),
        async (body) => {
          const before = await read();
          const logged = await audits();
          const res = await inject({
            method: 'PUT',
            url: '/v1/config/demo',
            payload: body,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
          });
          expect([200, 400, 422]).toContain(res.statusCode);
          const after = await read();
          if (res.statusCode === 200) {
            // served back exactly as the answer says it was saved
            expect(after.config).toEqual(res.json().config);
            expect(after.etag).toBe(res.headers.etag);
            return;
          }
          const answer = res.json() as { error: string; problems?: { path: string; reason: string }[] };
          expect(answer.error).toMatch(/\w/);
          if (res.statusCode === 422) expect(answer.problems!.length).toBeGreaterThan(0);
          expect(after).toEqual(before);
          expect(await audits()).toBe(logged);
        },
      ),
      { numRuns: 200 },
    );
    // and the valid config is still accepted afterwards
    expect(
      (
        await inject({
          method: 'PUT',
          url: '/v1/config/demo',
          payload: JSON.stringify(VALID),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        })
      ).statusCode,
    ).toBe(200);
  });
});
