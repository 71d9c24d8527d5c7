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

let collector: Collector;
let url: string;

/** Shoppers with a funnel: `rates` are the chances to view, add, check out and buy after exposure. */
function shoppers(experiment: string, variation: number, count: number, rates: number[], seed: number): StoredEvent[] {
  const now = Date.now();
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const events: StoredEvent[] = [];
  let n = 0;
  const id = () => {
    const hex = (seed * 1e7 + n++).toString(16).padStart(20, '0');
    return `0190a000-0000-7${hex.slice(0, 3)}-8${hex.slice(3, 6)}-${hex.slice(8, 20)}`;
  };
  for (let i = 0; i < count; i++) {
    const unit = `${experiment}-${variation}-${i}`;
    const base = {
      site: 'demo',
      anonymous_id: unit,
      received_at: now,
      is_bot: false,
      ip: null,
      source: 'beacon' as const,
    };
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
  ];
  for (let i = 0; i < events.length; i += 1000) await collector.store.append(events.slice(i, i + 1000));
}, 60_000);

afterAll(async () => {
  await collector?.close();
});

async function resetConfig(): Promise<void> {
  const res = await fetch(`${url}/v1/config/demo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify(CONFIG),
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
    await page.waitForFunction(() =>
      /usp-badges: coverage 0.5 → 0.6/.test(document.getElementById('audit')?.textContent ?? ''),
    );
    const config = (await (await fetch(`${url}/v1/config/demo`)).json()) as typeof CONFIG;
    expect(config.experiments.find((e) => e.key === 'usp-badges')!.coverage).toBe(0.6);
  });

  it('has no axe violations', async () => {
    expect(await axeViolations(page)).toEqual([]);
  });

  it('takes a screenshot (reports/dashboard.png from Chromium, the README picture)', async () => {
    await page.evaluate(() => document.getElementById('status')!.replaceChildren());
    const file = engine === 'chromium' ? 'dashboard.png' : `dashboard-${engine}.png`;
    const image = await page.screenshot({ path: join(ROOT, 'reports', file), fullPage: true });
    expect(image.byteLength).toBeGreaterThan(10_000);
  });

  it('on a phone, draws the uplift chart at its width with legible labels and keeps the variation column in view', async () => {
    await page.setViewport({ width: 390, height: 800 });
    const chart = 'article[data-key="spec-vs-guide"] figure svg';
    // redrawn for the narrower figure (a ResizeObserver), not scaled down: 12 px labels stay 12 px
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('width')) < 400, {}, chart);
    const drawing = await page.$eval(chart, (svg) => {
      const box = svg.getBoundingClientRect();
      const figure = svg.parentElement!.getBoundingClientRect();
      const labels = [...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
      const overlaps = labels.some((a, i) =>
        labels.some((b, j) => i < j && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom),
      );
      return {
        scale: box.width / Number(svg.getAttribute('width')),
        fits: box.right <= figure.right + 0.5 && box.left >= figure.left - 0.5,
        labelHeight: Math.min(...labels.map((l) => l.height)),
        overlaps,
      };
    });
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
});
