import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type AuditEntry, type Collector, type ExperimentDefinition } from '../src/index.js';
import { weightPeriods } from '../src/results.js';
import { chiSquareGoodnessOfFit, chiSquareStratified, probabilityBBeatsA, relativeUplift } from '../src/stats.js';
import { ADMIN, BROWSER_UA, NOW, SERVER_KEY, batch, event, tempDir } from './helpers.js';

let collector: Collector;
/** The collector's clock (config changes are audited at its time). */
let clock = NOW;
afterEach(async () => {
  await collector?.close();
  clock = NOW;
});

function start(sites?: string[]): Collector {
  collector = createServer({ dataDir: tempDir(), adminToken: ADMIN, serverKey: SERVER_KEY, now: () => clock, sites });
  return collector;
}
const inject = (options: Parameters<Collector['app']['inject']>[0]) => collector.app.inject(options);
const post = (events: unknown[], site = 'demo') =>
  inject({
    method: 'POST',
    url: '/v1/batch',
    payload: batch(events, site),
    headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
  });
const put = (site: string, config: unknown, headers: Record<string, string> = {}) =>
  inject({
    method: 'PUT',
    url: `/v1/config/${site}`,
    payload: typeof config === 'string' ? config : JSON.stringify(config),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, ...headers },
  });

const CONFIG = {
  v: 1,
  site: 'demo',
  experiments: [{ key: 'spec-vs-guide', variations: ['table', 'guide'], weights: [0.5, 0.5], status: 'running' }],
};

const t = (seconds: number) => NOW - 3_600_000 + seconds * 1000;
const exposure = (unit: string, variation: number, at: number, extra = {}) =>
  event({ type: 'exposure', anonymous_id: unit, experiment: 'spec-vs-guide', variation, ts: t(at), ...extra });
const act = (unit: string, type: string, at: number, extra = {}) =>
  event({ type, anonymous_id: unit, ts: t(at), ...extra });

describe('GET /v1/experiments/:key/results', () => {
  it('counts units from first exposure on a fixture with known counts', async () => {
    start();
    expect((await put('demo', CONFIG)).statusCode).toBe(200);
    const purchase = (unit: string, at: number, order: string, value: number) =>
      act(unit, 'purchase', at, { order_id: order, value_minor: value, currency: 'CNY' });
    const res = await post([
      // u1 → table: full funnel but checkout; its purchase reported twice (same order_id). Its view
      // comes first, as on a real page (the view as the page loads, the exposure as the variant shows)
      act('u1', 'product_view', 9),
      exposure('u1', 0, 10),
      act('u1', 'add_to_cart', 12),
      purchase('u1', 13, 'o1', 1000),
      purchase('u1', 14, 'o1', 1000),
      // u2 → table: viewed only in an earlier visit, 30 min and 1 s before its exposure
      act('u2', 'product_view', 5 - 1801),
      exposure('u2', 0, 5),
      // u3 → guide: whole funnel
      exposure('u3', 1, 10),
      act('u3', 'product_view', 11),
      act('u3', 'add_to_cart', 12),
      act('u3', 'begin_checkout', 13),
      purchase('u3', 14, 'o3', 2000),
      // u4 → guide: buys straight away
      exposure('u4', 1, 10),
      purchase('u4', 10, 'o4', 3000),
      // u7 → guide: exposed twice, bought before the first exposure only
      purchase('u7', 2, 'o7', 9999),
      exposure('u7', 1, 20),
      exposure('u7', 1, 30),
      // u5 sees both variations: excluded and counted
      exposure('u5', 0, 10),
      exposure('u5', 1, 11),
      purchase('u5', 12, 'o5', 5000),
      // u6 is a bot (client hint): excluded and counted
      exposure('u6', 1, 10, { bot: true }),
      purchase('u6', 12, 'o6', 5000),
    ]);
    expect(res.statusCode).toBe(200);
    // the webhook reports o3 again from the server: deduped by order_id
    const webhook = await inject({
      method: 'POST',
      url: '/v1/batch',
      payload: batch([purchase('u3', 15, 'o3', 2000)]),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVER_KEY}` },
    });
    expect(webhook.statusCode).toBe(200);

    const results = await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo' });
    expect(results.statusCode).toBe(200);
    const body = results.json();
    const control = relativeUplift({ conversions: 1, units: 2 }, { conversions: 2, units: 3 })!;
    expect(body).toEqual({
      experiment: 'spec-vs-guide',
      site: 'demo',
      metric: 'purchase',
      variations: [
        {
          variation: 0,
          key: 'table',
          units: 2,
          funnel: { product_view: 1, add_to_cart: 1, begin_checkout: 0, purchase: 1 },
          conversion_rate: 0.5,
          revenue_per_unit_minor: 500,
          uplift: null,
          p_value: null,
          chance_to_win: null,
        },
        {
          variation: 1,
          key: 'guide',
          units: 3,
          funnel: { product_view: 1, add_to_cart: 1, begin_checkout: 1, purchase: 2 },
          conversion_rate: 2 / 3,
          revenue_per_unit_minor: 5000 / 3,
          uplift: control.uplift,
          p_value: control.p_value,
          chance_to_win: probabilityBBeatsA(2, 2, 3, 2),
        },
      ],
      multi_exposed_units: 1,
      bot_units: 1,
      out_of_range_units: 0,
      srm_p_value: chiSquareGoodnessOfFit([2, 3], [0.5, 0.5]),
      currency: 'CNY',
      mixed_currencies: false,
      weight_periods: 1,
    });
    // χ² = 0.2 on 1 df; SciPy: chi2.sf(0.2, 1) = 0.6547208460185768
    expect(body.srm_p_value).toBeCloseTo(0.6547208460185768, 12);
    expect(body.variations[1].uplift.estimate).toBeCloseTo(1 / 3, 12);
  });

  it('tests the sample ratio against the configured weights', async () => {
    start();
    const experiment = CONFIG.experiments[0]!;
    await put('demo', {
      ...CONFIG,
      experiments: [
        { ...experiment, weights: [0.2, 0.8] },
        { ...experiment, key: 'even', weights: [0.5, 0.5] },
      ],
    });
    const events = [];
    for (const key of ['spec-vs-guide', 'even']) {
      for (let i = 0; i < 20; i++) events.push({ ...exposure(`a${i}`, 0, 1), experiment: key });
      for (let i = 0; i < 80; i++) events.push({ ...exposure(`b${i}`, 1, 1), experiment: key });
    }
    await post(events.slice(0, 100));
    await post(events.slice(100));
    const weighted = (await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo' })).json();
    expect(weighted.srm_p_value).toBe(1); // exactly 20/80 as configured
    const equal = (await inject({ method: 'GET', url: '/v1/experiments/even/results' })).json();
    expect(equal.srm_p_value).toBeLessThan(1e-8); // configured 50/50: 20 vs 80 is a glaring mismatch
  });

  it('counts a server-reported purchase after the exposure of a shopper whose device clock runs fast', async () => {
    start();
    await put('demo', CONFIG);
    // the phone's clock is 3 min fast: it stamps its exposure and cart 3 min ahead and sends them
    const fast = 3 * 60_000;
    const device = await inject({
      method: 'POST',
      url: '/v1/batch',
      payload: JSON.stringify({
        v: 1,
        site: 'demo',
        sent_at: NOW - 40_000 + fast,
        events: [
          event({
            type: 'exposure',
            anonymous_id: 'phone',
            experiment: 'spec-vs-guide',
            variation: 1,
            ts: NOW - 60_000 + fast,
          }),
          event({ type: 'add_to_cart', anonymous_id: 'phone', ts: NOW - 45_000 + fast }),
        ],
      }),
      headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
    });
    expect(device.statusCode).toBe(200);
    // the shop's server reports the order a little later, on its own (right) clock
    const webhook = await inject({
      method: 'POST',
      url: '/v1/batch',
      payload: batch([
        act('phone', 'purchase', 3600 - 10, { order_id: 'o-phone', value_minor: 4900, currency: 'CNY' }),
      ]),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVER_KEY}` },
    });
    expect(webhook.statusCode).toBe(200);
    const body = (await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo' })).json();
    expect(body.variations[1]).toMatchObject({
      units: 1,
      funnel: { product_view: 0, add_to_cart: 1, begin_checkout: 0, purchase: 1 },
      revenue_per_unit_minor: 4900,
    });
  });

  it('shows only the configured variations: units exposed to another index are left out and counted', async () => {
    start();
    await put('demo', CONFIG);
    const events = [];
    for (let i = 0; i < 45; i++) events.push(exposure(`a${i}`, 0, 1), exposure(`b${i}`, 1, 1));
    // one forged beacon: a 2-variation experiment, variation 5; and one unit seen in 0, then in 3
    events.push(exposure('forged', 5, 2), act('forged', 'purchase', 3, { order_id: 'of', value_minor: 100 }));
    events.push(exposure('both', 0, 2), exposure('both', 3, 3));
    expect((await post(events)).statusCode).toBe(200);
    const body = (await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo' })).json();
    expect(body.variations.map((v: { key: string; units: number }) => [v.key, v.units])).toEqual([
      ['table', 45],
      ['guide', 45],
    ]);
    expect(body.out_of_range_units).toBe(1);
    expect(body.multi_exposed_units).toBe(1); // exposed to several variations: counted there, once
    expect(body.srm_p_value).toBe(1); // 45/45 as configured: no false alarm
    expect(body.variations.every((v: { funnel: { purchase: number } }) => v.funnel.purchase === 0)).toBe(true);

    // without a config the rows are the indices observed, as before
    await post([
      { ...exposure('x1', 0, 1), experiment: 'free' },
      { ...exposure('x2', 3, 1), experiment: 'free' },
    ]);
    const free = (await inject({ method: 'GET', url: '/v1/experiments/free/results?site=demo' })).json();
    expect(free.variations.map((v: { units: number }) => v.units)).toEqual([1, 0, 0, 1]);
    expect(free.out_of_range_units).toBe(0);

    // the index is still validated, and the reason says the range
    const tooBig = await post([exposure('y', 100, 1)]);
    expect(tooBig.json().rejected[0].reason).toBe(
      'variation must be an integer index from 0 to 99 (required on exposure)',
    );
  });

  it('says the currency of the revenue, and never adds up different currencies', async () => {
    start();
    await put('demo', {
      ...CONFIG,
      experiments: [...CONFIG.experiments, { key: 'one-currency', variations: ['a', 'b'] }],
    });
    const buy = (unit: string, order: string, value: number | undefined, currency: string | undefined, extra = {}) =>
      act(unit, 'purchase', 5, { order_id: order, value_minor: value, currency, ...extra });
    const res = await post([
      // a Japanese shop that also takes dollars: ¥15 000 and $150.00 are both 15000 minor units
      exposure('a0', 0, 1),
      buy('a0', 'o-a0', 15000, 'JPY'),
      exposure('a1', 0, 1),
      buy('a1', 'o-a1', 3000, 'JPY'),
      exposure('b0', 1, 1),
      buy('b0', 'o-b0', 15000, 'USD'),
      exposure('b1', 1, 1),
      buy('b1', 'o-b1', 6000, 'JPY'),
    ]);
    expect(res.statusCode).toBe(200);
    const mixed = (await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo' })).json();
    expect(mixed.currency).toBe('JPY'); // three of the four counted orders
    expect(mixed.mixed_currencies).toBe(true);
    // the yen of each variation only: the dollar order is not added to them
    expect(mixed.variations.map((v: { revenue_per_unit_minor: number }) => v.revenue_per_unit_minor)).toEqual([
      9000, 3000,
    ]);
    expect(mixed.variations[1].funnel.purchase).toBe(2); // conversion counts every purchase

    // one currency: no mix, whatever out-of-range units, purchases before exposure or without a
    // value or currency say
    const other = (unit: string, variation: number) => ({
      ...exposure(unit, variation, 1),
      experiment: 'one-currency',
    });
    await post([
      other('c0', 0),
      buy('c0', 'o-c0', 2500, 'EUR'),
      other('c1', 1),
      buy('c1', 'o-c1', undefined, undefined), // a purchase with neither value nor currency
      other('c2', 7), // out of range
      buy('c2', 'o-c2', 999, 'GBP'),
      act('c3', 'purchase', 0, { order_id: 'o-c3', value_minor: 1, currency: 'CHF' }), // before its exposure
      other('c3', 1),
    ]);
    const one = (await inject({ method: 'GET', url: '/v1/experiments/one-currency/results?site=demo' })).json();
    expect([one.currency, one.mixed_currencies, one.out_of_range_units]).toEqual(['EUR', false, 1]);
    expect(one.variations.map((v: { revenue_per_unit_minor: number }) => v.revenue_per_unit_minor)).toEqual([2500, 0]);

    // no purchase with a value: no currency
    await put('demo', { ...CONFIG, experiments: [...CONFIG.experiments, { key: 'no-money', variations: ['a', 'b'] }] });
    await post([{ ...exposure('d0', 0, 1), experiment: 'no-money' }, buy('d0', 'o-d0', undefined, undefined)]);
    const none = (await inject({ method: 'GET', url: '/v1/experiments/no-money/results?site=demo' })).json();
    expect([none.currency, none.mixed_currencies, none.variations[0].funnel.purchase]).toEqual([null, false, 1]);
  });

  it('tests the sample ratio per weight period after the weights change (no false alarm on "Apply weights")', async () => {
    start();
    const results = async () =>
      (await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo' })).json();
    const split = (prefix: string, a: number, b: number, at: number) => {
      const events = [];
      for (let i = 0; i < a; i++) events.push(exposure(`${prefix}a${i}`, 0, at));
      for (let i = 0; i < b; i++) events.push(exposure(`${prefix}b${i}`, 1, at));
      return post(events);
    };
    clock = NOW - 2 * 3_600_000;
    await put('demo', CONFIG); // 50/50
    clock = NOW;
    await split('p1', 45, 45, 1); // an hour ago, as configured
    expect((await results()).weight_periods).toBe(1);
    clock = NOW - 30 * 60_000 + 20_000; // half an hour ago (20 s into a minute), the growth team applies 20/80
    await put('demo', { ...CONFIG, experiments: [{ ...CONFIG.experiments[0], weights: [0.2, 0.8] }] });
    clock = NOW;
    const right = await results();
    expect(right.srm_p_value).toBe(1); // tested against the 50/50 they were exposed under
    expect(right.weight_periods).toBe(1);

    // a shopper first exposed 40 s into that minute counts under the old weights (the change takes
    // effect from the next whole minute); later shoppers come 20/80
    await post([exposure('edge', 1, 1800 + 40)]);
    await split('p2', 20, 80, 2400);
    const both = await results();
    expect(both.variations.map((v: { units: number }) => v.units)).toEqual([65, 126]);
    expect(both.weight_periods).toBe(2);
    const strata = (late: number[]) => [
      { observed: [45, 46], weights: [0.5, 0.5] },
      { observed: late, weights: [0.2, 0.8] },
    ];
    expect(both.srm_p_value).toBe(chiSquareStratified(strata([20, 80])));
    expect(both.srm_p_value).toBeGreaterThan(0.9);
    expect(chiSquareGoodnessOfFit([65, 126], [0.2, 0.8])).toBeLessThan(1e-5); // pooled: a false alarm

    // shoppers who keep coming 50/50 after the change (an outdated config somewhere) are a mismatch
    await split('p3', 40, 40, 3000);
    const stale = await results();
    expect(stale.srm_p_value).toBe(chiSquareStratified(strata([60, 120])));
    expect(stale.srm_p_value).toBeLessThan(0.001);
  });

  it('answers 404 for an unknown experiment and 400 when the site is ambiguous', async () => {
    start();
    await post([exposure('u1', 0, 1)]);
    expect((await inject({ method: 'GET', url: '/v1/experiments/nope/results?site=demo' })).statusCode).toBe(404);
    await post([exposure('u1', 0, 1)], 'other');
    const ambiguous = await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results' });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json().error).toMatch(/demo, other/);
    // configured but not yet exposed: zero counts, not 404
    await put('demo', {
      ...CONFIG,
      experiments: [...CONFIG.experiments, { key: 'fresh', variations: ['a', 'b', 'c'] }],
    });
    const fresh = await inject({ method: 'GET', url: '/v1/experiments/fresh/results?site=demo' });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().variations.map((v: { key: string; units: number }) => [v.key, v.units])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
    expect(fresh.json().srm_p_value).toBeNull();
    // reweighted before anyone saw it: still one period
    await put('demo', {
      ...CONFIG,
      experiments: [...CONFIG.experiments, { key: 'fresh', variations: ['a', 'b', 'c'], weights: [0.5, 0.25, 0.25] }],
    });
    const reweighted = (await inject({ method: 'GET', url: '/v1/experiments/fresh/results?site=demo' })).json();
    expect([reweighted.srm_p_value, reweighted.weight_periods]).toEqual([null, 1]);
  });
});

describe('weightPeriods', () => {
  const entry = (id: number, at: number, experiments: ExperimentDefinition[]): AuditEntry => ({
    id,
    at,
    site: 'demo',
    summary: '',
    before: null,
    after: { v: 1, site: 'demo', experiments },
  });
  const x = (weights?: number[], variations = ['a', 'b']) => ({
    key: 'x',
    variations,
    ...(weights ? { weights } : {}),
  });

  it('starts a period where the effective weights change, and at no other change', () => {
    const history = [
      entry(5, 500, [x([0.2, 0.8])]),
      entry(1, 100, [x()]), // equal weights by default
      entry(2, 200, [x([0.5, 0.5]), { key: 'y', variations: ['p', 'q'] }]), // the same split, written out
      entry(3, 300, [{ key: 'y', variations: ['p', 'q'] }]), // x taken out: nothing changes for it
      entry(4, 400, [x([1 / 3, 2 / 3])]),
      entry(6, 600, [x([0.1 + 0.2, 0.7])]), // 0.30000000000000004: the same split as [0.3, 0.7]
      entry(7, 700, [x([0.3, 0.7])]),
      entry(8, 800, [x(undefined, ['a', 'b', 'c'])]), // a third variation: equal thirds
    ];
    expect(weightPeriods(history, 'x', x(undefined, ['a', 'b', 'c']))).toEqual([
      { start: -Infinity, weights: [0.5, 0.5] },
      { start: 400, weights: [1 / 3, 2 / 3] },
      { start: 500, weights: [0.2, 0.8] },
      { start: 600, weights: [0.30000000000000004, 0.7] },
      { start: 800, weights: [1 / 3, 1 / 3, 1 / 3] },
    ]);
    // no history: the current weights throughout; a history that ends elsewhere: the current from its end
    expect(weightPeriods([], 'x', x([0.2, 0.8]))).toEqual([{ start: -Infinity, weights: [0.2, 0.8] }]);
    expect(weightPeriods([entry(1, 100, [x()])], 'x', x([0.2, 0.8]))).toEqual([
      { start: -Infinity, weights: [0.5, 0.5] },
      { start: 100, weights: [0.2, 0.8] },
    ]);
  });
});

describe('query strings', () => {
  it('answers 400 naming a repeated query parameter (never a 5xx), on every route that reads one', async () => {
    start();
    await put('demo', CONFIG);
    await post([exposure('u1', 0, 1)]);
    const twice = await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo&site=shop2' });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error).toBe('query parameter "site" must be given once (it was given 2 times)');
    const audit = await inject({ method: 'GET', url: '/v1/audit/demo?limit=1&limit=2' });
    expect(audit.statusCode).toBe(400);
    expect(audit.json().error).toMatch(/"limit" must be given once/);
    // once each, they work as before; parameters a route does not read are ignored
    expect(
      (await inject({ method: 'GET', url: '/v1/experiments/spec-vs-guide/results?site=demo&x=1&x=2' })).statusCode,
    ).toBe(200);
    expect((await inject({ method: 'GET', url: '/v1/audit/demo?limit=1' })).json().entries).toHaveLength(1);
  });
});

describe('GET/PUT /v1/config/:site', () => {
  it('serves an empty config for an unknown site, with an ETag and 304', async () => {
    start();
    const first = await inject({ method: 'GET', url: '/v1/config/demo' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ v: 1, site: 'demo', experiments: [] });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await inject({ method: 'GET', url: '/v1/config/demo', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(
      (await inject({ method: 'GET', url: '/v1/config/demo', headers: { 'if-none-match': `W/${etag}, "x"` } }))
        .statusCode,
    ).toBe(304);
    expect(
      (await inject({ method: 'GET', url: '/v1/config/demo', headers: { 'if-none-match': '"stale"' } })).statusCode,
    ).toBe(200);
  });

  it('round-trips a config, changes the ETag and audits every change', async () => {
    start();
    const before = (await inject({ method: 'GET', url: '/v1/config/demo' })).headers.etag;
    const saved = await put('demo', CONFIG);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().config).toEqual(CONFIG);
    const read = await inject({ method: 'GET', url: '/v1/config/demo' });
    expect(read.json()).toEqual(CONFIG);
    expect(read.headers.etag).not.toBe(before);
    expect(read.headers.etag).toBe(saved.headers.etag);
    expect(
      (await inject({ method: 'GET', url: '/v1/config/demo', headers: { 'if-none-match': before as string } }))
        .statusCode,
    ).toBe(200);

    const paused = structuredClone(CONFIG);
    paused.experiments[0]!.status = 'paused';
    (paused.experiments[0] as { coverage?: number }).coverage = 0.5;
    expect((await put('demo', paused)).statusCode).toBe(200);

    const audit = (await inject({ method: 'GET', url: '/v1/audit/demo' })).json().entries;
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ site: 'demo', at: NOW, before: CONFIG, after: paused });
    expect(audit[0].summary).toBe('spec-vs-guide: status running → paused; coverage 1 → 0.5');
    expect(audit[1]).toMatchObject({ before: null, after: CONFIG, summary: 'spec-vs-guide: added (running)' });
  });

  it('answers 401 without or with a wrong admin token, and saves nothing', async () => {
    start();
    const none = await inject({
      method: 'PUT',
      url: '/v1/config/demo',
      payload: JSON.stringify(CONFIG),
      headers: { 'content-type': 'application/json' },
    });
    expect(none.statusCode).toBe(401);
    expect((await put('demo', CONFIG, { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    expect((await put('demo', CONFIG, { authorization: `Bearer ${SERVER_KEY}` })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/v1/config/demo' })).json().experiments).toEqual([]);
    expect((await inject({ method: 'GET', url: '/v1/audit/demo' })).json().entries).toEqual([]);
  });

  it('answers 400 for a body that is not a config object and 422 with reasons for invalid fields', async () => {
    start();
    expect((await put('demo', '{oops')).statusCode).toBe(400);
    expect((await put('demo', '[1]')).statusCode).toBe(400);
    const res = await put('demo', {
      v: 1,
      site: 'demo',
      experiments: [
        { key: 'a', variations: ['only-one'] },
        { key: 'b', variations: ['x', 'y'], weights: [0.7, 0.7], coverage: 2, status: 'live' },
        { key: 'b', variations: ['x', 'y'], namespace: ['ns', 0.6, 0.2], hashVersion: 3 },
      ],
    });
    expect(res.statusCode).toBe(422);
    const paths = (res.json().problems as { path: string; reason: string }[]).map((p) => p.path);
    expect(paths).toEqual([
      'experiments[0].variations',
      'experiments[1].weights',
      'experiments[1].coverage',
      'experiments[1].status',
      'experiments[2].key',
      'experiments[2].hashVersion',
      'experiments[2].namespace',
    ]);
    expect(res.json().problems[1].reason).toBe('must add up to 1');
    expect((await put('demo', { ...CONFIG, site: 'elsewhere' })).statusCode).toBe(422);
  });

  it('refuses a write based on a stale ETag (412) and sites outside the allow-list (403)', async () => {
    start(['demo']);
    const etag = (await inject({ method: 'GET', url: '/v1/config/demo' })).headers.etag as string;
    expect((await put('demo', CONFIG, { 'if-match': etag })).statusCode).toBe(200);
    expect((await put('demo', CONFIG, { 'if-match': etag })).statusCode).toBe(412);
    expect((await inject({ method: 'GET', url: '/v1/config/other' })).statusCode).toBe(403);
    expect((await put('other', { ...CONFIG, site: 'other' })).statusCode).toBe(403);
  });

  it('checks admin tokens for the dashboard without writing', async () => {
    start();
    expect(
      (await inject({ method: 'GET', url: '/v1/admin/check', headers: { authorization: `Bearer ${ADMIN}` } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await inject({ method: 'GET', url: '/v1/admin/check', headers: { authorization: 'Bearer x' } })).statusCode,
    ).toBe(401);
  });
});

describe('GET /dashboard', () => {
  it('serves the page and its script under a strict CSP', async () => {
    start();
    const page = await inject({ method: 'GET', url: '/dashboard' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.body).toMatch(/<script type="module" src="\/dashboard\/app.js">/);
    expect(page.body).not.toMatch(/<script>(?!<)/); // no inline script
    const js = await inject({ method: 'GET', url: '/dashboard/app.js' });
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect((await inject({ method: 'GET', url: '/dashboard/app.css' })).statusCode).toBe(200);
  });
});
