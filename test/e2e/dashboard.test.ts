// The growth dashboard in real browsers (Chromium and Firefox ESR via puppeteer-core): a keyboard
// user pauses an experiment, the config API then serves it paused and the client assigns new
// shoppers variation 0; axe finds no violations; a screenshot goes to reports/dashboard.png.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign } from '@vitrine/client';
import { createServer, type Collector, type StoredEvent } from '@vitrine/collector';
import { launch } from './helpers/browsers.js';

const ADMIN = 'dashboard-e2e-admin-token';
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ROOT = join(import.meta.dirname, '../..');

const CONFIG = {
  v: 1,
  site: 'demo',
  experiments: [
    { key: 'spec-vs-guide', variations: ['table', 'guide'], weights: [0.5, 0.5], coverage: 1, status: 'running' },
    { key: 'usp-badges', variations: ['plain', 'badges', 'badges-timer'], coverage: 0.5, status: 'running' },
    { key: 'hero-copy', variations: ['short', 'long'], coverage: 1, status: 'running' },
  ],
};

/**
 * A second site for what QA found with unusual but valid configs: a long variation name mixing
 * markup-like text and Arabic (under the 64-character limit), and two keys that differ only by
 * "." and "_". Its own site keeps the README picture (site demo) as it was.
 */
const LONG_NAME = '<b>bold</b> & نسخة عربية طويلة جدا';
const QA_CONFIG = {
  v: 1,
  site: 'qa',
  experiments: [
    { key: 'checkout.v2', variations: ['plain', LONG_NAME], weights: [0.5, 0.5], coverage: 1, status: 'running' },
    { key: 'checkout_v2', variations: ['a', 'b'], weights: [0.5, 0.5], coverage: 1, status: 'running' },
  ],
};

let collector: Collector;
let url: string;

/** UUIDv7-shaped event ids, distinct per seed. */
function eventIds(seed: number): () => string {
  let n = 0;
  return () => {
    const hex = (seed * 1e7 + n++).toString(16).padStart(20, '0');
    return `0190a000-0000-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(8, 20)}`;
  };
}

/** The fields every stored event of shopper `unit` shares. */
const stored = (site: string, unit: string, now: number) => ({
  site,
  anonymous_id: unit,
  received_at: now,
  is_bot: false,
  ip: null,
  source: 'beacon' as const,
});

/** Shoppers with a funnel: `rates` are the chances to view, add, check out and buy after exposure. */
function shoppers(
  experiment: string,
  variation: number,
  count: number,
  rates: number[],
  seed: number,
  site = 'demo',
): StoredEvent[] {
  const now = Date.now();
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const events: StoredEvent[] = [];
  const id = eventIds(seed);
  for (let i = 0; i < count; i++) {
    const unit = `${experiment}-${variation}-${i}`;
    const base = stored(site, unit, now);
    events.push({ ...base, event_id: id(), type: 'exposure', ts: now - 60_000, experiment, variation });
    const types = ['product_view', 'add_to_cart', 'begin_checkout', 'purchase'];
    for (let step = 0; step < types.length; step++) {
      if (random() > rates[step]!) break;
      events.push({
        ...base,
        event_id: id(),
        type: types[step]!,
        ts: now - 50_000 + step,
        ...(types[step] === 'purchase'
          ? { order_id: `o-${unit}`, value_minor: 12900 + Math.round(random() * 5000) }
          : {}),
      });
    }
  }
  return events;
}

/** `units` shoppers exposed to `variation`, of whom exactly the first `buyers` buy (a view, then a purchase). */
function exactly(site: string, experiment: string, variation: number, units: number, buyers: number, seed: number) {
  const now = Date.now();
  const events: StoredEvent[] = [];
  const id = eventIds(seed);
  for (let i = 0; i < units; i++) {
    const base = stored(site, `${experiment}-${variation}-${i}`, now);
    events.push({ ...base, event_id: id(), type: 'exposure', ts: now - 60_000, experiment, variation });
    events.push({ ...base, event_id: id(), type: 'product_view', ts: now - 50_000 });
    // order totals that do not divide evenly: revenue per unit has a fractional part
    if (i < buyers)
      events.push({
        ...base,
        event_id: id(),
        type: 'purchase',
        ts: now - 40_000,
        order_id: `o-${i}`,
        value_minor: 12_345 + i * 7,
      });
  }
  return events;
}

beforeAll(async () => {
  collector = createServer({
    dataDir: mkdtempSync(join(tmpdir(), 'vitrine-dashboard-')),
    adminToken: ADMIN,
    serverKey: 'k',
    rateLimit: 0,
  });
  url = await collector.listen({ port: 0 });
  const events = [
    ...shoppers('spec-vs-guide', 0, 2400, [0.97, 0.2, 0.55, 0.7], 1),
    ...shoppers('spec-vs-guide', 1, 2380, [0.97, 0.24, 0.56, 0.72], 2),
    ...shoppers('usp-badges', 0, 900, [0.95, 0.18, 0.5, 0.7], 3),
    ...shoppers('usp-badges', 1, 1040, [0.95, 0.19, 0.5, 0.7], 4),
    ...shoppers('usp-badges', 2, 760, [0.95, 0.2, 0.5, 0.7], 5),
    // a day-old experiment: a handful of purchases per variation
    ...shoppers('hero-copy', 0, 40, [1, 0.3, 0.5, 0.5], 6),
    ...shoppers('hero-copy', 1, 40, [1, 0.3, 0.5, 0.5], 7),
    // too early to call, the long name with 5 purchases; its interval −111.7 % (shown from −100 %) to +93.5 %
    ...exactly('qa', 'checkout.v2', 0, 60, 6, 11),
    ...exactly('qa', 'checkout.v2', 1, 55, 5, 12),
    // an uplift interval of about −12.6 % to +40.9 %
    ...exactly('qa', 'checkout_v2', 0, 1500, 120, 13),
    ...exactly('qa', 'checkout_v2', 1, 1500, 137, 14),
  ];
  for (let i = 0; i < events.length; i += 1000) await collector.store.append(events.slice(i, i + 1000));
  await resetConfig(QA_CONFIG);
}, 60_000);

afterAll(async () => {
  await collector?.close();
});

async function resetConfig(config: { site: string } = CONFIG): Promise<void> {
  const res = await fetch(`${url}/v1/config/${config.site}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect(res.status).toBe(200);
}

async function axeViolations(page: Page): Promise<{ id: string; nodes: { target: unknown }[] }[]> {
  // evaluated through the driver, which the page's CSP does not govern (an injected <script> would be blocked)
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

const statusOf = (page: Page, key: string) => page.$eval(`article[data-key="${key}"] .badge`, (el) => el.textContent);
/** The text of the status toggles pressed on experiment `key`'s card. */
const pressed = (page: Page, key: string) =>
  page.$$eval(`article[data-key="${key}"] .status-buttons [aria-pressed="true"]`, (els) =>
    els.map((el) => el.textContent),
  );

/** How a chart is drawn: its scale and fit in its figure, its labels' smallest height, whether any overlap, its tick labels. */
const chartLayout = (page: Page, svgSelector: string) =>
  page.$eval(svgSelector, (svg) => {
    const box = svg.getBoundingClientRect();
    const figure = svg.parentElement!.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    const labels = texts.map((t) => t.getBoundingClientRect());
    const overlaps = labels.some((a, i) =>
      labels.some((b, j) => i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom),
    );
    return {
      scale: box.width / Number(svg.getAttribute('width')),
      fits: box.right <= figure.right + 0.5 && box.left >= figure.left - 0.5,
      labelHeight: Math.min(...labels.map((l) => l.height)),
      overlaps,
      ticks: texts.map((t) => t.textContent!).filter((t) => /%$|^0$/.test(t)),
    };
  });

/** The focused element: its experiment's key and its text (or its id outside the experiments). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const key = el?.closest('article[data-key]')?.getAttribute('data-key');
    return key ? { key, text: el!.textContent } : { id: el?.id || el?.tagName };
  });

describe.each(['chromium', 'firefox'] as const)('growth dashboard in %s', (engine) => {
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  /** Console errors and failed requests while the dashboard loads (a /favicon.ico 404 was one on every load). */
  const loadErrors: string[] = [];

  beforeAll(async () => {
    await resetConfig();
    browser = await launch(engine);
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.on('console', (message) => {
      if (/Content.Security.Policy|CSP/i.test(message.text())) cspViolations.push(message.text());
      if (message.type() === 'error') loadErrors.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) loadErrors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${url}/dashboard?site=demo`);
    await page.waitForSelector('article[data-key="spec-vs-guide"] table');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows experiments, results, the uplift chart and the SRM warning, without CSP violations', async () => {
    expect(await statusOf(page, 'spec-vs-guide')).toBe('running');
    const rows = await page.$$eval('article[data-key="spec-vs-guide"] tbody tr', (trs) => trs.length);
    expect(rows).toBe(2);
    expect(await page.$('article[data-key="spec-vs-guide"] svg[role="img"] circle')).not.toBeNull();
    const srm = await page.$eval('article[data-key="usp-badges"] .srm', (el) => el.textContent);
    expect(srm).toMatch(/Sample ratio mismatch/);
    // one way of writing a p-value in the card: the alert said "p = 3.41e-10" beside the sample
    // line's "p < 0.0001"
    const srmLine = await page.$eval('article[data-key="usp-badges"] .results > p', (el) => el.textContent!);
    const pOf = (text: string) => text.match(/p\u00a0[<=]\u00a0[\d.e+-]+\d/)?.[0];
    expect(pOf(srmLine)).toBe('p\u00a0<\u00a00.0001');
    expect(pOf(srm!)).toBe(pOf(srmLine));
    expect(await page.$('article[data-key="spec-vs-guide"] .srm')).toBeNull();
    // results read from a few conversions say so, with each variation's count
    const early = await page.$eval('article[data-key="hero-copy"] .early', (el) => el.textContent);
    const purchases = await page.$$eval('article[data-key="hero-copy"] tbody tr', (trs) =>
      trs.map((tr) => tr.children[5]!.textContent!.split(' ')[0]),
    );
    expect(early).toBe(
      'Too early to call. Intervals, p-values and chances to win are unreliable below 10 conversions (purchase) ' +
        `per variation; so far short ${purchases[0]}, long ${purchases[1]}.`,
    );
    expect(purchases.every((n) => Number(n) < 10)).toBe(true);
    // With this few conversions the delta method's interval reaches below −100 %, which no rate
    // can: the API keeps the method's figure, the table and the chart show it from −100 %.
    const hero = (await (await fetch(`${url}/v1/experiments/hero-copy/results?site=demo`)).json()) as {
      variations: { uplift: { estimate: number; ci_low: number; ci_high: number } | null }[];
    };
    const uplift = hero.variations[1]!.uplift!;
    expect(uplift.ci_low).toBeLessThan(-1);
    const pctText = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}\u00a0%`;
    const cell = await page.$eval(
      'article[data-key="hero-copy"] tbody tr:nth-child(2)',
      (tr) => tr.children[8]!.textContent!,
    );
    expect(cell).toBe(`${pctText(uplift.estimate)} [${pctText(-1)}, ${pctText(uplift.ci_high)}]`);
    const chartTitle = await page.$eval('article[data-key="hero-copy"] svg[role="img"] title', (t) => t.textContent);
    expect(chartTitle).toContain(`95\u00a0% interval ${pctText(-1)} to ${pctText(uplift.ci_high)}`);
    // … and so does its axis, at round steps: it was symmetric (−356.7 % to +356.7 %), so the
    // left half of the drawing, below −100 %, was always empty
    const ticks = await page.$$eval('article[data-key="hero-copy"] svg[role="img"] text', (texts) =>
      texts.map((t) => t.textContent!).filter((t) => /%$|^0$/.test(t)),
    );
    expect(ticks[0]).toBe('−100\u00a0%');
    expect(ticks).toContain('0');
    for (const tick of ticks) expect(tick).toMatch(/^(0|[+−]\d+\u00a0%)$/);
    expect(await page.$('article[data-key="spec-vs-guide"] .early')).toBeNull();
    expect(cspViolations).toEqual([]);
  });

  it('loads without a console error or a failed request (the favicon is inline)', async () => {
    await page.waitForNetworkIdle({ idleTime: 300 });
    expect(loadErrors).toEqual([]);
    expect(await page.$eval('link[rel="icon"]', (link) => link.getAttribute('href'))).toMatch(/^data:image\/svg\+xml,/);
  });

  it('shows revenue as a plain number, and says so, when the results name no currency', async () => {
    // these results carry none of the newer fields (currency, mixed_currencies, out_of_range_units,
    // weight_periods), or carry them with nothing to report: no notes, revenue as minor units ÷ 100
    const api = (await (await fetch(`${url}/v1/experiments/spec-vs-guide/results?site=demo`)).json()) as {
      variations: { revenue_per_unit_minor: number }[];
      currency?: string | null;
    };
    expect(api.currency ?? null).toBeNull();
    const card = 'article[data-key="spec-vs-guide"]';
    const revenue = await page.$$eval(`${card} tbody tr`, (trs) => trs.map((tr) => tr.children[7]!.textContent));
    expect(revenue).toEqual(api.variations.map((v) => (v.revenue_per_unit_minor / 100).toFixed(2)));
    expect(await page.$eval(`${card} .funnel-note`, (el) => el.textContent)).toMatch(
      /Revenue has no currency in these results: minor units ÷ 100\.$/,
    );
    for (const selector of ['.out-of-range', '.mixed-currencies'])
      expect(await page.$(`${card} ${selector}`)).toBeNull();
  });

  it('says "no site yet" on an empty collector, and never while a site loads', async () => {
    const NONE = 'No site has sent events or has a config yet.';
    // a site's page: the sentence must not appear, not even for a moment before the site renders
    const watched = await browser.newPage();
    await watched.evaluateOnNewDocument((none: string) => {
      const seen = () => document.getElementById('experiments')?.textContent?.includes(none);
      new MutationObserver(() => {
        if (seen()) (window as unknown as { sawNone: boolean }).sawNone = true;
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, NONE);
    await watched.goto(`${url}/dashboard?site=demo`);
    await watched.waitForSelector('article[data-key="spec-vs-guide"] table');
    expect(await watched.evaluate(() => (window as unknown as { sawNone?: boolean }).sawNone ?? false)).toBe(false);
    await watched.close();

    const empty = createServer({
      dataDir: mkdtempSync(join(tmpdir(), 'vitrine-dashboard-empty-')),
      adminToken: ADMIN,
      serverKey: 'k',
    });
    const emptyUrl = await empty.listen({ port: 0 });
    try {
      const fresh = await browser.newPage();
      await fresh.goto(`${emptyUrl}/dashboard`);
      await fresh.waitForFunction(
        (none: string) => document.getElementById('experiments')?.textContent?.trim() === none,
        {},
        NONE,
      );
      await fresh.close();
    } finally {
      await empty.close();
    }
  });

  it('asks for the admin token, then a keyboard user pauses the experiment', async () => {
    expect(await pressed(page, 'spec-vs-guide')).toEqual(['Running']);
    await page.focus('article[data-key="spec-vs-guide"] button[data-status="paused"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#token-dialog[open]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    await page.keyboard.type('not-the-token');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('token-error')?.textContent !== '');
    expect(await statusOf(page, 'spec-vs-guide')).toBe('running');
    await page.$eval('#token', (el) => ((el as HTMLInputElement).value = ''));
    await page.keyboard.type(ADMIN);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('article[data-key="spec-vs-guide"] .badge')?.textContent === 'paused',
    );
    // the pressed toggle names the state in force (a pressed "Start" read as an action to take)
    expect(await pressed(page, 'spec-vs-guide')).toEqual(['Paused']);
    // the list was drawn again, and focus is back on the same control (it fell to <body>)
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Saved: spec-vs-guide paused.');
    expect(await focused(page)).toEqual({ key: 'spec-vs-guide', text: 'Paused' });
    expect(await pressed(page, 'usp-badges')).toEqual(['Running']);
    expect(await page.evaluate(() => sessionStorage.getItem('vitrine-admin-token'))).toBe(ADMIN);

    const res = await fetch(`${url}/v1/config/demo`);
    const config = (await res.json()) as typeof CONFIG;
    const experiment = config.experiments.find((e) => e.key === 'spec-vs-guide')!;
    expect(experiment.status).toBe('paused');
    expect(config.experiments.find((e) => e.key === 'usp-badges')!.status).toBe('running');
    // the client now serves variation 0 to every new shopper, with no exposure
    for (const shopper of ['new-1', 'new-2', 'new-3', 'new-4', 'new-5', 'new-6']) {
      const assignment = assign(experiment, shopper);
      expect(assignment).toMatchObject({ variation: 0, key: 'table', inExperiment: false, reason: 'paused' });
    }
    // … and the change is in the audit log on the page
    await page.waitForFunction(() =>
      /status running → paused/.test(document.getElementById('audit')?.textContent ?? ''),
    );
    // … under a caption that says what the list holds, in a card whose colour the sticky first
    // column and the scroll shadow's cover share (it was "Last 2 config changes", and the table
    // showed the page's grey with a white first column and a white strip at its end)
    const audit = await page.evaluate(() => {
      const wrap = document.querySelector('#audit .table-wrap')!;
      return {
        caption: wrap.querySelector('caption')!.textContent,
        wrap: getComputedStyle(wrap).backgroundColor,
        cell: getComputedStyle(wrap.querySelector('td')!).backgroundColor,
      };
    });
    expect(audit.caption).toMatch(/^All \d+ config changes for demo, newest first$/);
    expect(audit.wrap).toBe(audit.cell);
  });

  it('ramps coverage with the keyboard (token remembered for the tab)', async () => {
    await page.focus('article[data-key="usp-badges"] input[type="range"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // the status, not the audit log: after the first browser's run the log already holds this change
    await page.waitForFunction(
      () => document.getElementById('status')?.textContent === 'Saved: usp-badges coverage 60\u00a0%.',
    );
    expect(await page.$eval('#audit', (el) => el.textContent)).toMatch(/usp-badges: coverage 0.5 → 0.6/);
    const config = (await (await fetch(`${url}/v1/config/demo`)).json()) as typeof CONFIG;
    expect(config.experiments.find((e) => e.key === 'usp-badges')!.coverage).toBe(0.6);
    expect(await focused(page)).toEqual({ key: 'usp-badges', text: 'Apply coverage' });
  });

  it('has no axe violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('takes a screenshot (reports/dashboard.png from Chromium, the README picture)', async () => {
    // no status line, and no focus ring on the control the last test kept focus on
    await page.evaluate(() => {
      document.getElementById('status')!.replaceChildren();
      (document.activeElement as HTMLElement | null)?.blur();
    });
    const file = engine === 'chromium' ? 'dashboard.png' : `dashboard-${engine}.png`;
    const image = await page.screenshot({ path: join(ROOT, 'reports', file), fullPage: true });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });

  it('on a phone, draws the uplift chart at its width with legible labels and keeps the variation column in view', async () => {
    await page.setViewport({ width: 390, height: 800 });
    const chart = 'article[data-key="spec-vs-guide"] figure svg';
    // redrawn for the narrower figure (a ResizeObserver), not scaled down: 12 px labels stay 12 px
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('width')) < 400, {}, chart);
    const drawing = await chartLayout(page, chart);
    expect(drawing.scale).toBeCloseTo(1, 2);
    expect(drawing.fits).toBe(true);
    expect(drawing.labelHeight).toBeGreaterThanOrEqual(12);
    expect(drawing.overlaps).toBe(false);
    // every chart's labels inside its drawing, the longest variation name ("badges-timer") too
    const outside = await page.$$eval('figure svg', (svgs) =>
      svgs.flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const r = t.getBoundingClientRect();
            return r.left < box.left - 0.5 || r.right > box.right + 0.5;
          })
          .map((t) => t.textContent);
      }),
    );
    expect(outside).toEqual([]);
    // no "%" or figure starts a line: no-break spaces join every figure to its sign ("coverage 100"
    // / "%" wrapped in the experiments' headers, and "p =" / "0.7653" in the sample-ratio line)
    expect(await page.evaluate(() => document.body.innerText.match(/\d %|p [=<] /g))).toBeNull();

    // the results table scrolls sideways; its first column stays where it was
    const table = 'article[data-key="spec-vs-guide"] .table-wrap';
    const before = await page.$eval(
      table,
      (wrap) => wrap.querySelector('tbody tr > :first-child')!.getBoundingClientRect().left,
    );
    const scrolled = await page.$eval(table, (wrap) => {
      wrap.scrollLeft = wrap.scrollWidth;
      return wrap.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(100);
    expect(
      await page.$eval(table, (wrap) => wrap.querySelector('tbody tr > :first-child')!.getBoundingClientRect().left),
    ).toBeCloseTo(before, 0);
  });

  describe('with unusual but valid configs (site qa)', () => {
    let qa: Page;
    const card = (key: string) => `article[data-key="${key}"]`;

    beforeAll(async () => {
      await resetConfig(QA_CONFIG);
      qa = await openQa(390);
    });
    afterAll(async () => {
      await qa?.close();
    });

    /**
     * The qa site's dashboard in a new tab, `width` px wide. `extra`: fields laid over an
     * experiment's results, as newer collectors send them (the page's own fetch is wrapped).
     */
    async function openQa(width: number, extra: Record<string, Record<string, unknown>> = {}): Promise<Page> {
      const tab = await browser.newPage();
      await tab.setViewport({ width, height: 900 });
      await tab.evaluateOnNewDocument((fields: Record<string, Record<string, unknown>>) => {
        const original = window.fetch.bind(window);
        window.fetch = async (input, init) => {
          const res = await original(input, init);
          const key = /\/v1\/experiments\/([^/]+)\/results/.exec(String(input))?.[1];
          const more = key === undefined ? undefined : fields[decodeURIComponent(key)];
          if (!res.ok || !more) return res;
          const body = JSON.stringify({ ...((await res.json()) as object), ...more });
          return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
        };
      }, extra);
      await tab.goto(`${url}/dashboard?site=qa`);
      await tab.waitForSelector(`${card('checkout_v2')} table`);
      await tab.waitForSelector(`${card('checkout.v2')} table`);
      return tab;
    }

    it('holds a long variation name in a capped first column, so every column scrolls into view (phone)', async () => {
      // the name wrapped nowhere: the held column was 298 px wide in a 300 px scroller
      const layout = await qa.$eval(`${card('checkout.v2')} .table-wrap`, (wrap) => {
        const heads = [...wrap.querySelectorAll('thead th')];
        const visible = wrap.clientWidth;
        const held = heads[0]!.getBoundingClientRect().width;
        const widest = Math.max(...heads.slice(1).map((th) => th.getBoundingClientRect().width));
        wrap.scrollLeft = wrap.scrollWidth;
        const last = heads.at(-1)!.getBoundingClientRect();
        const heldNow = heads[0]!.getBoundingClientRect();
        const right = wrap.getBoundingClientRect().left + wrap.clientLeft + visible;
        return { visible, held, widest, lastLeft: last.left, lastRight: last.right, heldRight: heldNow.right, right };
      });
      expect(layout.held).toBeLessThanOrEqual(layout.visible / 2);
      expect(layout.widest).toBeLessThanOrEqual(layout.visible - layout.held);
      // scrolled to the end, the last column lies beside the held one, not under it
      expect(layout.lastLeft).toBeGreaterThanOrEqual(layout.heldRight - 0.5);
      expect(layout.lastRight).toBeLessThanOrEqual(layout.right + 0.5);
      // and the name is whole, wrapped
      expect(await qa.$eval(`${card('checkout.v2')} tbody tr:nth-child(2) th`, (th) => th.textContent)).toBe(LONG_NAME);
    });

    it('labels zero and at least one more tick on the uplift axis, without overlaps (phone)', async () => {
      const api = (await (await fetch(`${url}/v1/experiments/checkout_v2/results?site=qa`)).json()) as {
        variations: { uplift: { ci_low: number; ci_high: number } | null }[];
      };
      // the fixture's interval: about −12.6 % to +40.9 %, which got 50 % steps and "0" alone
      expect(api.variations[1]!.uplift!.ci_low).toBeCloseTo(-0.126, 2);
      expect(api.variations[1]!.uplift!.ci_high).toBeCloseTo(0.409, 2);
      const chart = `${card('checkout_v2')} figure svg`;
      await qa.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('width')) < 400, {}, chart);
      const drawing = await chartLayout(qa, chart);
      expect(drawing.ticks).toContain('0');
      expect(drawing.ticks.length).toBeGreaterThanOrEqual(2);
      expect(drawing.overlaps).toBe(false);
      expect(drawing.labelHeight).toBeGreaterThanOrEqual(12);
      // no axis runs below −100 % (no variation converts less than never): with the long name's
      // label column at 45 % of a phone's chart, −100 % to +93 % took 200 % steps, from −200 %
      const lowest = await qa.$$eval('figure svg', (svgs) =>
        svgs.flatMap((svg) =>
          [...svg.querySelectorAll('text')]
            .map((t) => t.textContent!)
            .filter((t) => /^[+−]\d+(\.\d+)?\u00a0%$/.test(t))
            .map((t) => Number(t.replace('−', '-').replace('\u00a0%', ''))),
        ),
      );
      expect(Math.min(...lowest)).toBeGreaterThanOrEqual(-100);
      // the long name is cut to the chart's label column, not past the drawing's edge
      const name = await qa.$eval(`${card('checkout.v2')} figure svg`, (svg) => {
        const box = svg.getBoundingClientRect();
        const text = [...svg.querySelectorAll('text')].find((t) => t.textContent!.includes('<b>'))!;
        const r = text.getBoundingClientRect();
        return { text: text.textContent, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 };
      });
      expect(name.inside).toBe(true);
      expect(name.text).toMatch(/^\u2068<b>bold<\/b>.*…\u2069$/);
    });

    it('gives every element a unique id, and every label and ARIA reference a target in its own card', async () => {
      // checkout.v2 and checkout_v2 both became exp-checkout_v2-…: the second card's labels and
      // aria-labelledby named the first card's elements
      const ids = await qa.evaluate(() => {
        const all = [...document.querySelectorAll('[id]')].map((el) => el.id);
        const twice = all.filter((id, i) => all.indexOf(id) !== i);
        const astray: string[] = [];
        for (const el of document.querySelectorAll('[aria-labelledby], [aria-describedby], label[for], output[for]')) {
          for (const attribute of ['aria-labelledby', 'aria-describedby', 'for'])
            for (const ref of (el.getAttribute(attribute) ?? '').split(/\s+/).filter(Boolean)) {
              const target = document.getElementById(ref);
              if (!target || target.closest('article') !== el.closest('article')) astray.push(`${attribute}=${ref}`);
            }
        }
        return { count: all.length, twice, astray };
      });
      expect(ids.count).toBeGreaterThan(20);
      expect(ids.twice).toEqual([]);
      expect(ids.astray).toEqual([]);
      const title = (key: string) =>
        qa.$eval(
          card(key),
          (article) => document.getElementById(article.getAttribute('aria-labelledby')!)!.textContent,
        );
      expect(await title('checkout.v2')).toBe('checkout.v2');
      expect(await title('checkout_v2')).toBe('checkout_v2');
    });

    it('isolates a right-to-left variation name: the count after it stays after it', async () => {
      // "so far plain 6, <name> 5.": without isolation the 5 joined the Arabic run and was drawn
      // inside the name
      const order = await qa.$eval(
        `${card('checkout.v2')} .early`,
        (note, long) => {
          const walker = document.createTreeWalker(note, NodeFilter.SHOW_TEXT);
          const nodes: Text[] = [];
          while (walker.nextNode()) nodes.push(walker.currentNode as Text);
          const text = nodes.map((n) => n.data).join('');
          const point = (offset: number): [Text, number] => {
            for (const node of nodes) {
              if (offset <= node.data.length) return [node, offset];
              offset -= node.data.length;
            }
            throw new Error(`no offset ${offset}`);
          };
          const range = (start: number, end: number) => {
            const r = document.createRange();
            r.setStart(...point(start));
            r.setEnd(...point(end));
            return r;
          };
          const at = text.indexOf(long);
          const countAt = at + long.length + 1;
          const count = range(countAt, countAt + 1).getBoundingClientRect();
          const sameLine = [...range(at, at + long.length).getClientRects()].filter(
            (b) => b.width > 0 && b.top < count.bottom - 1 && count.top < b.bottom - 1,
          );
          return {
            count: text.slice(countAt, countAt + 1),
            sameLine: sameLine.length,
            beforeIt: sameLine.filter((b) => count.left < b.right - 0.5).length,
          };
        },
        LONG_NAME,
      );
      expect(order.count).toBe('5');
      expect(order.beforeIt).toBe(0);
      // wherever the name appears in the card's text (the chart's drawing aside), it is isolated
      const loose = await qa.$eval(card('checkout.v2'), (article) => {
        const found: string[] = [];
        const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode as Text;
          if (!/[\u0600-\u06ff]/.test(node.data) || node.parentElement!.closest('svg')) continue;
          let el: Element | null = node.parentElement;
          while (el && el !== article && !/isolate|plaintext/.test(getComputedStyle(el).unicodeBidi))
            el = el.parentElement;
          if (el === article || !el) found.push(`${node.parentElement!.tagName}: ${node.data}`);
        }
        return found;
      });
      expect(loose).toEqual([]);
    });

    it('formats revenue in the results currency and shows the newer results fields', async () => {
      const extra = {
        checkout_v2: { out_of_range_units: 7, weight_periods: 2, currency: 'JPY', mixed_currencies: true },
        'checkout.v2': {
          out_of_range_units: 0,
          weight_periods: 3,
          srm_p_value: null,
          currency: 'KWD',
          mixed_currencies: false,
        },
      };
      const tab = await openQa(1280, extra);
      try {
        const text = (key: string, selector: string) => tab.$eval(`${card(key)} ${selector}`, (el) => el.textContent);
        expect(await text('checkout_v2', '.out-of-range')).toBe(
          '7 units were exposed to a variation this config does not have (it lists 2); left out of the rows below.',
        );
        expect(await tab.$(`${card('checkout.v2')} .out-of-range`)).toBeNull();
        expect(await text('checkout_v2', '.results > p')).toMatch(
          /Sample-ratio test over the 2 weight periods: p\u00a0=\u00a0[01]\.\d{4}\.$/,
        );
        expect(await text('checkout.v2', '.results > p')).toMatch(
          /Sample-ratio test: skipped, because the weights changed during the experiment\.$/,
        );
        expect(await text('checkout_v2', '.mixed-currencies')).toBe(
          'Revenue mixes currencies: purchases came in more than one currency, and revenue per unit counts only ' +
            'those in JPY (the most common); the others are left out of it. Conversion and uplift count every purchase.',
        );
        expect(await tab.$(`${card('checkout.v2')} .mixed-currencies`)).toBeNull();
        // each currency's own minor unit: yen have none, Kuwaiti dinars three decimals (÷ 100 for both before)
        for (const [key, currency, exponent] of [
          ['checkout_v2', 'JPY', 0],
          ['checkout.v2', 'KWD', 3],
        ] as const) {
          const api = (await (await fetch(`${url}/v1/experiments/${key}/results?site=qa`)).json()) as {
            variations: { revenue_per_unit_minor: number }[];
          };
          const expected = await tab.evaluate(
            (minors, c, e) =>
              minors.map((m) => new Intl.NumberFormat('en-US', { style: 'currency', currency: c }).format(m / 10 ** e)),
            api.variations.map((v) => v.revenue_per_unit_minor),
            currency,
            exponent,
          );
          const shown = await tab.$$eval(`${card(key)} tbody tr`, (trs) =>
            trs.map((tr) => tr.children[7]!.textContent),
          );
          expect(shown).toEqual(expected);
          expect(shown.join(' ')).toMatch(currency === 'JPY' ? /¥[\d,]+(?!\.)/ : /KWD\s?[\d,]+\.\d{3}/);
          expect(await text(key, '.funnel-note')).not.toMatch(/no currency/);
        }
      } finally {
        await tab.close();
      }
    });

    it('after a conflicting edit, says the change was not applied and what it was, and keeps focus', async () => {
      await qa.evaluate((t) => sessionStorage.setItem('vitrine-admin-token', t), ADMIN);
      // someone else ramps checkout_v2 down while this page still shows the old config
      const theirs = structuredClone(QA_CONFIG);
      theirs.experiments[1]!.coverage = 0.8;
      await resetConfig(theirs);
      await qa.focus(`${card('checkout.v2')} button[data-status="stopped"]`);
      await qa.keyboard.press('Enter');
      await qa.waitForFunction(() => /^Not saved/.test(document.getElementById('status')?.textContent ?? ''));
      expect(await qa.$eval('#status', (el) => el.textContent)).toBe(
        'Not saved: someone else changed the config meanwhile. Your change (checkout.v2 stopped) was not applied; ' +
          'the page now shows their version, so make it again if it still applies.',
      );
      expect(await statusOf(qa, 'checkout.v2')).toBe('running');
      expect(await qa.$eval(`${card('checkout_v2')} header`, (el) => el.textContent)).toMatch(/coverage 80\u00a0%/);
      expect(await focused(qa)).toEqual({ key: 'checkout.v2', text: 'Stopped' });
      await resetConfig(QA_CONFIG);
    });
  });
});
