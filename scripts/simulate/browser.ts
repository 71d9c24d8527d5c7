/**
 * The browser simulator: real headless-Chromium shoppers on the demo shop, through the funnel.
 *
 * Simulation path (explicit, documented, and only for whoever holds the collector's server key):
 * headless browsers are automation, so the client flags their events `bot: true` and the
 * collector leaves them out of results — as it must for real traffic. The simulator intercepts
 * each page's `/v1/batch` request and relays the batch to the collector as server-to-server
 * events with the server key, with the `bot` hint removed and `props.simulated = true` added.
 * Bot filtering for real beacons is untouched: a beacon cannot claim to be a simulation.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest } from 'puppeteer-core';
// @ts-expect-error -- plain .mjs helper shared with the test command
import { CHROMIUM_ARGS, findBrowsers } from '../browsers.mjs';
import { EXPERIMENT, journey, shoppers, type Shopper, type Step } from './model.js';

export interface BrowserRunOptions {
  seed: number;
  count: number;
  /** The shop, e.g. http://127.0.0.1:5173/ */
  shop: string;
  /** The collector's base URL, e.g. http://127.0.0.1:8787 */
  collector: string;
  serverKey: string;
  concurrency?: number;
  log?: (line: string) => void;
}

export function serverKeyFromEnv(root: string): string {
  if (process.env.VITRINE_SERVER_KEY) return process.env.VITRINE_SERVER_KEY;
  const file = join(process.env.VITRINE_DATA_DIR ?? join(root, '.vitrine'), 'secrets.json');
  if (existsSync(file)) {
    const key = (JSON.parse(readFileSync(file, 'utf8')) as { serverKey?: string }).serverKey;
    if (key) return key;
  }
  throw new Error(
    'No server key: set VITRINE_SERVER_KEY, or run `pnpm start` first (it writes .vitrine/secrets.json).',
  );
}

async function relay(request: HTTPRequest, options: BrowserRunOptions): Promise<void> {
  const url = new URL(request.url());
  if (request.method() !== 'POST' || !url.pathname.endsWith('/v1/batch')) return request.continue();
  try {
    const batch = JSON.parse(request.postData() ?? '{}') as { events?: Array<Record<string, unknown>> };
    for (const event of batch.events ?? []) {
      delete event.bot;
      event.props = { ...(event.props as object | undefined), simulated: true };
    }
    const response = await fetch(`${options.collector}/v1/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.serverKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    const answer = await response.text();
    if (!response.ok) options.log?.(`  the collector refused a batch: ${response.status} ${answer}`);
    await request.respond({ status: response.status, contentType: 'application/json', body: answer });
  } catch (error) {
    await request.respond({ status: 503, contentType: 'text/plain', body: String(error) });
  }
}

/** One shopper's visit; returns the steps taken and the variation seen. */
async function visit(
  browser: Browser,
  shopper: Shopper,
  options: BrowserRunOptions,
): Promise<{ variation: number; steps: Step[] }> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    // The shopper's anonymous id, fixed by the seed (so assignments repeat); the client's storage format.
    await page.evaluateOnNewDocument(
      (id: string) => localStorage.setItem('vitrine', JSON.stringify({ id })),
      shopper.anonymousId,
    );
    await page.setRequestInterception(true);
    page.on('request', (request) => void relay(request, options));
    await page.goto(options.shop, { waitUntil: 'load' });
    await page.waitForSelector(`vitrine-experiment[key="${EXPERIMENT}"][variant]`, { timeout: 15_000 });
    const variation = await page.evaluate(
      (key: string) =>
        (window as unknown as { vitrine: { assign(k: string): { variation: number } } }).vitrine.assign(key).variation,
      EXPERIMENT,
    );
    const steps = journey(shopper, variation);
    if (steps.includes('add_to_cart')) {
      await page.click('.add-form button[type="submit"]');
      await page.waitForFunction(() => document.getElementById('add-status')?.textContent?.startsWith('Added'));
    }
    if (steps.includes('begin_checkout')) {
      const checkout = await page.waitForSelector('vitrine-coupon-cart >>> button[part~="checkout"]', {
        timeout: 10_000,
      });
      await checkout!.click();
      await page.waitForSelector('#checkout-dialog[open]');
      if (steps.includes('purchase')) await page.click('#place-order');
      else await page.click('#cancel-order');
    }
    // End the visit through the relay. Left to itself the page would send what it tracks late (an
    // element's impression) with sendBeacon as the context closes; the browser sends beacons
    // outside request interception, so they reached the collector flagged as automation and
    // marked the whole shopper a bot. Its goodbye listeners go first, then the queue is sent.
    await page.evaluate(() => {
      const vitrine = (window as unknown as { vitrine: { flush(): Promise<void>; client: { destroy(): void } } })
        .vitrine;
      vitrine.client.destroy();
      return vitrine.flush();
    });
    return { variation, steps };
  } finally {
    await context.close();
  }
}

export async function simulateBrowser(options: BrowserRunOptions): Promise<{ seen: number[][] }> {
  const { chromium } = findBrowsers() as { chromium?: string };
  if (!chromium) throw new Error('Chromium is missing: apt-get install -y chromium (or set CHROME_PATH).');
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const log = options.log ?? (() => {});
  const seen = [
    [0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0],
  ]; // per variation: units, view, cart, checkout, purchase
  const order: Step[] = ['product_view', 'add_to_cart', 'begin_checkout', 'purchase'];
  try {
    const queue = shoppers(options.seed, options.count);
    let done = 0;
    const worker = async () => {
      for (let shopper = queue.shift(); shopper; shopper = queue.shift()) {
        const { variation, steps } = await visit(browser, shopper, options);
        const row = seen[variation]!;
        row[0]!++;
        for (const step of steps) row[order.indexOf(step) + 1]!++;
        done++;
        if (done % 25 === 0 || done === options.count) log(`  ${done}/${options.count} shoppers`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  } finally {
    await browser.close();
  }
  return { seen };
}
