#!/usr/bin/env node
// `pnpm screenshots [URL]`: the demo (and the dashboard) in headless Chromium, desktop and
// mobile, LTR and RTL, saved to reports/screenshots/. Start the shop first (`pnpm start`).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureCjkFont, launchChromium } from './browsers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const base = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? 5173}/`;
const out = join(root, 'reports', 'screenshots');
mkdirSync(out, { recursive: true });

ensureCjkFont();
const browser = await launchChromium();
const views = [
  { name: 'desktop', width: 1280, height: 900, mobile: false },
  { name: 'mobile', width: 390, height: 844, mobile: true },
];
const pages = [
  { name: 'shop-en', path: '?lang=en' },
  { name: 'shop-ar', path: '?lang=ar' },
  { name: 'shop-zh', path: '?lang=zh-CN' },
  { name: 'dashboard', path: 'dashboard' },
];
for (const view of views) {
  for (const p of pages) {
    const page = await browser.newPage();
    await page.setViewport({ width: view.width, height: view.height, isMobile: view.mobile, deviceScaleFactor: 1 });
    const response = await page.goto(new URL(p.path, base).href, { waitUntil: 'networkidle0' }).catch((e) => e);
    if (response instanceof Error || !response || response.status() >= 400) {
      console.log(`skip ${p.name} (${response instanceof Error ? response.message : response?.status()})`);
      await page.close();
      continue;
    }
    // Scroll like a shopper: below-the-fold elements load when they come near.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await new Promise((r) => setTimeout(r, 1500));
    await page.evaluate(() => window.scrollTo(0, 0));
    await new Promise((r) => setTimeout(r, 500));
    const file = join(out, `${p.name}-${view.name}.png`);
    // The viewport grows to the whole page for the capture (captureBeyondViewport: false), so that
    // every element is on screen: elements with `content-visibility: auto` are only painted near
    // the viewport, as a shopper scrolling down would see them.
    await page.screenshot({ path: file, fullPage: true, captureBeyondViewport: false });
    console.log(file);
    await page.close();
  }
}
await browser.close();
