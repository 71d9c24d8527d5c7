/**
 * The merchant's snippet on plain, strict-CSP, hostile, doubled and right-to-left pages, served
 * from the built `packages/embed/dist/` by a static server, in Chromium and Firefox ESR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { ENGINES, launch } from './helpers/browsers.js';
import { serve, type TestServer } from './helpers/static-server.js';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'packages', 'embed', 'dist');
const EMBED_VERSION = (
  JSON.parse(readFileSync(join(root, 'packages', 'embed', 'package.json'), 'utf8')) as { version: string }
).version;
const TAGS = [
  'vitrine-selling-points',
  'vitrine-scenario-compare',
  'vitrine-testimonial-video',
  'vitrine-coupon-cart',
  'vitrine-ar-try-on',
  'vitrine-experiment',
];

const CONFIG = JSON.stringify({
  v: 1,
  site: 'test',
  experiments: [{ key: 'exp', variations: ['a', 'b'], weights: [0.5, 0.5] }],
});

/** The merchant's snippet as the README gives it (`async`), or as a plain deferred module. */
function page(
  opts: { head?: string; body?: string; html?: string; scripts?: string[]; deferred?: boolean } = {},
): string {
  const how = opts.deferred ? '' : ' async fetchpriority="low"';
  const scripts = (opts.scripts ?? ['/vitrine/vitrine.js'])
    .map((src) => `<script type="module"${how} src="${src}" data-site="test" data-endpoint="/v1/batch"></script>`)
    .join('\n');
  return `<!doctype html>
<html ${opts.html ?? 'lang="en"'}>
<head>
<meta charset="utf-8"><title>Test shop</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/vitrine/vitrine.css">
<script type="application/json" id="vitrine-config">${CONFIG}</script>
${scripts}
${opts.head ?? ''}
</head>
<body>
<h1>Kettle</h1>
<vitrine-experiment key="exp"><template variant="a"><p class="variant">A</p></template><template variant="b"><p class="variant">B</p></template></vitrine-experiment>
${
  opts.body ??
  TAGS.filter((t) => t !== 'vitrine-experiment')
    .map((t) => `<${t}></${t}>`)
    .join('\n')
}
<button id="add" data-vitrine-track="add_to_cart" data-product-id="p1" data-price-minor="100" data-currency="USD">Add</button>
<p id="own">The shop's own paragraph</p>
</body>
</html>`;
}

const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; " +
  "connect-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; " +
  "require-trusted-types-for 'script'; report-uri /csp-report";

const HOSTILE_CSS = `<style>
  * { margin: 0 !important; padding: 0 !important; box-sizing: content-box !important; font-size: 40px !important;
      line-height: 3 !important; color: rgb(255, 0, 255) !important; letter-spacing: 4px !important; }
  div, span, p, button, li, table, td, th, img, svg, input { font-family: "Comic Sans MS", cursive !important; }
  button { all: unset !important; background: rgb(255, 0, 0) !important; }
  img { width: 5000px !important; }
  html { font-size: 62.5% }
</style>`;

/**
 * A page that arrives in three parts: the page has painted its heading and the first pause is
 * longer than the loader's start timer (2.5 s); the experiment's start tag and first template
 * arrive before the second pause (2 s), its second template after it. An inline script at the end
 * records whether the experiment was already defined while the page was still being parsed.
 * `direct`: no snippet; the page sets its own client and imports the experiment's module itself
 * (as an app using the npm package may) once the first template is there, so the element is
 * defined between its two templates.
 */
function streamed(direct = false): Array<{ html: string; wait: number }> {
  const chunk = `/vitrine/${EMBED_VERSION}/chunks/vitrine-experiment.js`;
  const head = direct
    ? `<script>
globalThis[Symbol.for('vitrine.client')] = { assign: (key) => ({ key: 'b', variation: 1, inExperiment: true, reason: 'hash' }) };
new MutationObserver((_, observer) => {
  if (!document.querySelector('vitrine-experiment > template')) return;
  observer.disconnect();
  import('${chunk}');
}).observe(document, { childList: true, subtree: true });
</script>`
    : '';
  const html = page({ body: '', head, scripts: direct ? [] : undefined }).replace(
    '</body>',
    `<script>window.definedWhileParsing = !!customElements.get('vitrine-experiment')</script></body>`,
  );
  const experiment = html.indexOf('<vitrine-experiment');
  const second = html.indexOf('<template variant="b">');
  return [
    { html: html.slice(0, experiment), wait: 0 },
    { html: html.slice(experiment, second), wait: 3000 },
    { html: html.slice(second), wait: 2000 },
  ];
}

let server: TestServer;

beforeAll(async () => {
  if (!existsSync(join(dist, 'vitrine.js'))) {
    execFileSync('pnpm', ['--filter', '@vitrine/embed', 'build'], { cwd: root, stdio: 'inherit' });
  }
  server = await serve({
    mounts: { '/vitrine/': dist },
    pages: {
      '/plain': { html: page() },
      '/only-experiment': { html: page({ body: '' }) },
      '/strict': { html: page(), headers: { 'content-security-policy': STRICT_CSP } },
      '/hostile': {
        html: page({
          head: HOSTILE_CSS,
          // A video with a source, so its play button is drawn (nothing is requested before play).
          body: TAGS.filter((t) => t !== 'vitrine-experiment')
            .map((t) =>
              t === 'vitrine-testimonial-video' ? `<${t} src="/media/v.mp4" headline="Quiet"></${t}>` : `<${t}></${t}>`,
            )
            .join('\n'),
        }),
      },
      '/twice': { html: page({ scripts: ['/vitrine/vitrine.js', '/vitrine/0.1.0/vitrine.js'] }) },
      '/ar': { html: page({ html: 'lang="ar" dir="rtl"' }) },
      '/zh': { html: page({ html: 'lang="zh-CN"' }) },
      '/deferred': { html: page({ deferred: true }) },
    },
    streams: { '/streamed': streamed(), '/streamed-direct': streamed(true) },
  });
});
afterAll(() => server?.close());

/** A page in a fresh browser context: no storage from earlier tests (exposures are deduplicated per shopper). */
async function open(browser: Browser, path: string) {
  const context = await browser.createBrowserContext();
  const p = await context.newPage();
  p.once('close', () => void context.close().catch(() => {}));
  const errors: string[] = [];
  const warnings: string[] = [];
  p.on('pageerror', (e) => errors.push(String((e as Error).message ?? e)));
  p.on('console', (m) => {
    if (m.type() === 'warn') warnings.push(m.text());
    if (m.type() === 'error') errors.push(m.text());
  });
  await p.goto(server.url + path, { waitUntil: 'load' });
  await waitForElements(p);
  return { page: p, errors, warnings };
}

function anonymousId(p: Page): Promise<string> {
  return p.evaluate(
    () => (window as unknown as { vitrine: { client: { anonymousId: string } } }).vitrine.client.anonymousId,
  );
}

/** Waits until every `vitrine-*` tag on the page is defined (and has rendered once). */
async function waitForElements(p: Page) {
  await p.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('*'))
        .filter((el) => el.localName.startsWith('vitrine-'))
        .every((el) => customElements.get(el.localName)),
    { timeout: 15_000 },
  );
  await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
}

/** What each element shows: its shadow root's visible text (or, for the experiment, its light DOM). */
function contents(p: Page) {
  return p.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('*'))
        .filter((el) => el.localName.startsWith('vitrine-'))
        .map((el) => [
          el.localName,
          {
            text: ((el.shadowRoot ?? el) as ParentNode & Node).textContent?.replace(/\s+/g, ' ').trim() ?? '',
            height: el.getBoundingClientRect().height,
          },
        ]),
    ),
  );
}

for (const engine of ENGINES) {
  describe(`the merchant snippet in ${engine}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch(engine);
    });
    afterAll(() => browser?.close());

    it('works on a plain page: every element shows something, the experiment is stamped, tracking arrives', async () => {
      const before = server.recorded.events.length;
      const { page: p, errors } = await open(browser, '/plain');
      const shown = await contents(p);
      for (const tag of TAGS) {
        expect(shown[tag], tag).toBeDefined();
        expect(shown[tag]!.text.length, `${tag} shows a placeholder or content`).toBeGreaterThan(0);
        expect(shown[tag]!.height, `${tag} has a size`).toBeGreaterThan(0);
      }
      expect(['A', 'B']).toContain(shown['vitrine-experiment']!.text);
      await p.click('#add');
      await p.evaluate(() => (window as unknown as { vitrine: { flush(): Promise<unknown> } }).vitrine.flush());
      await p.waitForFunction(() => true);
      // Only this shopper's events: pages of earlier tests may still deliver theirs by beacon.
      const id = await anonymousId(p);
      const mine = () => server.recorded.events.slice(before).filter((e) => e.anonymous_id === id);
      await expect
        .poll(() => mine().map((e) => e.type), { timeout: 5000 })
        .toEqual(expect.arrayContaining(['exposure', 'add_to_cart']));
      const add = mine().find((e) => e.type === 'add_to_cart')!;
      expect(add).toMatchObject({ product_id: 'p1', value_minor: 100, currency: 'USD' });
      expect(mine().filter((e) => e.type === 'exposure')).toHaveLength(1);
      expect(errors).toEqual([]);
      await p.close();
    });

    it('loads only the elements on the page, and more when they are added later', async () => {
      const from = server.recorded.requests.length;
      const { page: p } = await open(browser, '/only-experiment');
      const loaded = () => server.recorded.requests.slice(from).filter((r) => r.includes('/chunks/'));
      expect(loaded().some((r) => /coupon-cart/.test(r))).toBe(false);
      expect(loaded().some((r) => /lit/.test(r))).toBe(false); // the experiment needs no Lit
      await p.evaluate(() => document.body.append(document.createElement('vitrine-coupon-cart')));
      await p.waitForFunction(() => customElements.get('vitrine-coupon-cart') !== undefined, { timeout: 10_000 });
      expect(loaded().some((r) => /coupon-cart/.test(r))).toBe(true);
      await p.close();
    });

    it('runs under a strict CSP with Trusted Types without a single violation', async () => {
      const reports = server.recorded.cspReports.length;
      const from = server.recorded.requests.length;
      const { page: p, errors } = await open(browser, '/strict');
      const shown = await contents(p);
      for (const tag of TAGS) expect(shown[tag]!.text.length, tag).toBeGreaterThan(0);
      // The cart's ICU warm-up worker started (a Trusted Types sink) and was allowed.
      expect(server.recorded.requests.slice(from).some((r) => r.endsWith('/chunks/intl-worker.js'))).toBe(true);
      await p.click('#add');
      await p.evaluate(() => (window as unknown as { vitrine: { flush(): Promise<unknown> } }).vitrine.flush());
      await new Promise((r) => setTimeout(r, 300));
      expect(server.recorded.cspReports.slice(reports)).toEqual([]);
      expect(errors.filter((e) => /Content.Security|Trusted/i.test(e))).toEqual([]);
      await p.close();
    });

    it('keeps its look on a page with aggressive CSS, and its own styles do not leak out', async () => {
      const { page: p } = await open(browser, '/hostile');
      const inside = await p.evaluate(() =>
        Array.from(document.querySelectorAll('*'))
          .filter((el) => el.localName.startsWith('vitrine-') && el.shadowRoot)
          .map((el) => {
            const base = el.shadowRoot!.querySelector('[part~="base"]');
            return { tag: el.localName, fontSize: base ? getComputedStyle(base).fontSize : 'no base part' };
          }),
      );
      expect(inside.length).toBe(5);
      for (const { tag, fontSize } of inside) expect(fontSize, tag).toBe('16px');
      // Sizes inside follow the element's type, not the page's root (html { font-size: 62.5% }).
      const play = await p.evaluate(async () => {
        const video = document.querySelector('vitrine-testimonial-video') as HTMLElement & {
          updateComplete: Promise<unknown>;
        };
        video.scrollIntoView(); // below the fold: rendered once near the viewport
        for (let i = 0; i < 100 && !video.shadowRoot?.querySelector('[part="play"]'); i++)
          await new Promise((r) => setTimeout(r, 50));
        const button = video.shadowRoot?.querySelector('[part="play"]');
        return button ? getComputedStyle(button).inlineSize : 'no play button';
      });
      expect(play).toBe('64px');
      const own = await p.evaluate(() => ({
        button: getComputedStyle(document.getElementById('add')!).backgroundColor,
        paragraph: getComputedStyle(document.getElementById('own')!).color,
      }));
      expect(own).toEqual({ button: 'rgb(255, 0, 0)', paragraph: 'rgb(255, 0, 255)' });
      await p.close();
    });

    it('with two copies on one page, uses one client, warns once and counts nothing twice', async () => {
      const before = server.recorded.events.length;
      const { page: p, warnings } = await open(browser, '/twice');
      await p.click('#add');
      await p.evaluate(() => (window as unknown as { vitrine: { flush(): Promise<unknown> } }).vitrine.flush());
      const id = await anonymousId(p);
      const own = () => server.recorded.events.slice(before).filter((e) => e.anonymous_id === id);
      await expect
        .poll(() => own().filter((e) => e.type === 'add_to_cart').length, {
          timeout: 5000,
        })
        .toBe(1);
      await new Promise((r) => setTimeout(r, 300));
      const mine = own();
      expect(mine.filter((e) => e.type === 'add_to_cart')).toHaveLength(1);
      expect(mine.filter((e) => e.type === 'exposure')).toHaveLength(1);
      expect(
        warnings.filter((w) => w.startsWith('Vitrine:')),
        JSON.stringify(warnings),
      ).toHaveLength(1);
      await p.close();
    });

    it('works as a plain deferred module too', async () => {
      const { page: p, errors } = await open(browser, '/deferred');
      expect(await p.$eval('vitrine-experiment .variant', (e) => e.textContent)).toMatch(/^[AB]$/);
      expect(errors).toEqual([]);
      await p.close();
    });

    // The second variant's template arrives two seconds after the first one (forced, or assigned by
    // the page's own client). With the snippet, nothing is defined until the page is all there; an
    // experiment the page defines itself between its templates waits for the second one.
    for (const [title, path, definedWhileParsing] of [
      [
        'with the async tag on a page still arriving, waits for all of it, then stamps the assigned variant',
        '/streamed?exp=1',
        false,
      ],
      [
        'an experiment defined while its templates are still arriving waits for them (module imported by the page)',
        '/streamed-direct',
        true,
      ],
    ] as const) {
      it(title, async () => {
        const { page: p, warnings, errors } = await open(browser, path);
        const defined = await p.evaluate(
          () => (window as unknown as { definedWhileParsing: boolean }).definedWhileParsing,
        );
        expect(defined).toBe(definedWhileParsing);
        expect(await p.$$eval('vitrine-experiment .variant', (els) => els.map((e) => e.textContent))).toEqual(['B']);
        expect(warnings).toEqual([]);
        expect(errors).toEqual([]);
        await p.close();
      });
    }

    it('speaks the page language: Arabic right to left, and Chinese', async () => {
      const ar = await open(browser, '/ar');
      const arText = JSON.stringify(await contents(ar.page));
      expect(arText).toMatch(/[\u0600-\u06ff]/);
      await ar.page.close();
      const zh = await open(browser, '/zh');
      const zhText = JSON.stringify(await contents(zh.page));
      expect(zhText).toMatch(/[\u4e00-\u9fff]/);
      await zh.page.close();
    });
  });
}

describe('the script-tag build', () => {
  const version = EMBED_VERSION;
  const chunks = join(dist, version, 'chunks');
  const HINT = '//# allFunctionsCalledOnLoad\n';

  it('asks V8 to compile every chunk eagerly (compile hint on the first line), but not the loader', () => {
    const files = readdirSync(chunks).filter((f) => f.endsWith('.js') && f !== 'intl-worker.js');
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(readFileSync(join(chunks, file), 'utf8').startsWith(HINT), file).toBe(true);
    expect(readFileSync(join(dist, version, 'vitrine.js'), 'utf8').startsWith('//')).toBe(false);
    expect(readFileSync(join(dist, 'vitrine.js'), 'utf8').startsWith('//')).toBe(false);
  });

  it("keeps the chunks' source maps exact below the hint line", () => {
    const code = readFileSync(join(chunks, 'tokens.js'), 'utf8');
    const map = new SourceMap(JSON.parse(readFileSync(join(chunks, 'tokens.js.map'), 'utf8')));
    const lines = code.split('\n');
    const line = lines.findIndex((l) => l.includes('connectedCallback('));
    expect(line).toBeGreaterThan(0);
    const entry = map.findEntry(line, lines[line]!.indexOf('connectedCallback(')) as SourceMapping;
    expect(entry.originalSource).toMatch(/elements\/src\/base\/vitrine-element\.ts$/);
    const source = readFileSync(join(root, 'packages', 'elements', 'src', 'base', 'vitrine-element.ts'), 'utf8');
    expect(source.split('\n')[entry.originalLine]).toContain('connectedCallback');
  });
});
